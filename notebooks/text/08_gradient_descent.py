# %% [markdown] slideshow={"slide_type": "slide"}
# # 08 · Gradient descent
#
# **Slides covered:** *Optimization Basics* — *Continuous Optimization*, *Optimization Using
# Gradient Descent* (the iteration $\mathbf{x}_{i+1} = \mathbf{x}_i - \gamma_i \left((\nabla f)(\mathbf{x}_i)\right)^T$)
# and its worked example, the quadratic
# $f(\mathbf{x}) = \frac{1}{2}\mathbf{x}^T\begin{bmatrix} 2 & 1 \\ 1 & 20 \end{bmatrix}\mathbf{x} - \begin{bmatrix} 5 & 3 \end{bmatrix}\mathbf{x}$
# started at $\mathbf{x}_0 = [-3, -1]^T$, with the figure of the iterates on the contour plot that the
# slides' text lost.
#
# **After this notebook you can**
# - say why training a model is minimising a function, and write one gradient-descent step in the slides' notation (the gradient is a **row**, the step uses its transpose);
# - compute the gradient, the minimiser and the eigenvalues of the slides' quadratic, and its first iterates exactly;
# - state what gradient descent guarantees (for $f$ bounded below and $L$-smooth and a constant step $0 < \gamma < 2/L$: $f$ decreases and $\nabla f(\mathbf{x}_k) \to 0$) and what it does not (the iterates need not converge);
# - derive from the eigenvalues of a symmetric positive definite $A$ which constant steps converge from every start ($0 < \gamma < 2/\lambda_{\max}$), the best one, $2/(\lambda_{\min} + \lambda_{\max})$, and its contraction factor per step, $(\kappa - 1)/(\kappa + 1)$;
# - explain why an ill-conditioned problem (large $\kappa = \lambda_{\max}/\lambda_{\min}$) needs a number of steps roughly proportional to $\kappa$.

# %% slideshow={"slide_type": "skip"}
from fractions import Fraction

import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_gradient_step, check_step_size_bound, descent_explorer, descent_small_multiples,
    gradient_descent, plot_descent, plot_steps_against_condition, Quadratic, SADDLE,
    steps_to_reduce,
)

x1, x2, gamma = sp.symbols("x1 x2 gamma")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Training is optimisation
#
# Training a machine-learning model boils down to finding a good set of parameters: we choose
# an **objective** (a loss) $f: \mathbb{R}^n \to \mathbb{R}$ of the parameters and solve
#
# $$\min_{\mathbf{x}} f(\mathbf{x}),$$
#
# assuming $f$ is differentiable. Finding the best value means moving **downhill**, opposite to
# the gradient. For a convex function every local minimum is global; in general there can be
# several local minima (notebook 09).
#
# A concrete case: fitting a line $y \approx \theta_0 + \theta_1 t$ by least squares. The loss
# $L(\boldsymbol\theta) = \|\mathbf{y} - \Phi\boldsymbol\theta\|^2$ expands to
# $\boldsymbol\theta^T \Phi^T\Phi\, \boldsymbol\theta - 2\mathbf{y}^T\Phi\,\boldsymbol\theta + \mathbf{y}^T\mathbf{y}$:
# a quadratic $\frac{1}{2}\boldsymbol\theta^T A \boldsymbol\theta - \mathbf{b}\boldsymbol\theta + c$ with
# $A = 2\Phi^T\Phi$ and the row $\mathbf{b} = 2\mathbf{y}^T\Phi$ — the same form as the slides' example.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
rng = np.random.default_rng(8)
t = np.linspace(0, 1, 20)
y = 1.0 + 2.0 * t + 0.1 * rng.normal(size=t.size)          # data around the line 1 + 2t
Phi = np.column_stack([np.ones_like(t), t])                  # the features [1, t]
loss = Quadratic(2 * Phi.T @ Phi, 2 * y @ Phi, y @ y)        # L(θ) = ‖y − Φθ‖²
theta = np.array([0.3, -0.7])
assert np.isclose(loss.value(theta), np.sum((y - Phi @ theta) ** 2))
best_fit = np.linalg.lstsq(Phi, y, rcond=None)[0]           # the least-squares solution
print(f"L(θ) = ‖y − Φθ‖² is a quadratic in θ; its minimiser (least squares): θ = {np.round(best_fit, 6)}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The gradient-descent iteration
#
# Gradient descent is a **first-order** method: it only uses the gradient. From $\mathbf{x}_0$, $f$
# decreases fastest in the direction of the negative gradient $-\left((\nabla f)(\mathbf{x}_0)\right)^T$
# (the gradient is a row, the step a column, hence the transpose). The rule is
#
# $$\mathbf{x}_{i+1} = \mathbf{x}_i - \gamma_i \left((\nabla f)(\mathbf{x}_i)\right)^T,$$
#
# with a **step size** (learning rate) $\gamma_i > 0$. What it guarantees, for a constant step: **if $f$
# is bounded below and $L$-smooth** ($\|\nabla f(\mathbf{x}) - \nabla f(\mathbf{y})\| \le L\|\mathbf{x} - \mathbf{y}\|$) **and
# $0 < \gamma < 2/L$, then $f(\mathbf{x}_0) \ge f(\mathbf{x}_1) \ge \dots$ (strictly while $\nabla f(\mathbf{x}_k) \ne 0$) and
# $\nabla f(\mathbf{x}_k) \to 0$.** The iterates themselves need not converge (below: $\ln(1 + e^x)$); their
# limit points, if any, are *stationary points* (see *A stationary point, not always a minimum* below). Close to a minimum it can be slow.
#
# Why the negative gradient: at a point where $\nabla f \ne 0$, the slope of $f$ in a unit direction $\mathbf{u}$ is $\nabla f\,\mathbf{u}$, and
# by Cauchy–Schwarz $\nabla f\,\mathbf{u} \ge -\|\nabla f\|$, with equality exactly for $\mathbf{u} = -\nabla f^T/\|\nabla f\|$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
g = np.array([-12.0, -26.0])                       # ∇f(x0) of the example below
angles = np.deg2rad(np.arange(0, 360, 0.5))
slopes = g @ np.vstack([np.cos(angles), np.sin(angles)])   # ∇f u for each direction u
steepest = np.array([np.cos(angles[np.argmin(slopes)]), np.sin(angles[np.argmin(slopes)])])
print(f"steepest descent direction {np.round(steepest, 3)}, −∇fᵀ/‖∇f‖ = {np.round(-g / np.linalg.norm(g), 3)}")
assert np.allclose(steepest, -g / np.linalg.norm(g), atol=5e-3)
assert np.isclose(slopes.min(), -np.linalg.norm(g), rtol=1e-4)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The loop, in a few lines of NumPy
#
# On the slides' quadratic (next slide), $\nabla f(\mathbf{x})^T = A\mathbf{x} - \mathbf{b}^T$ with
# $A = \begin{bmatrix} 2 & 1 \\ 1 & 20 \end{bmatrix}$, $\mathbf{b} = [5, 3]$. Thirty steps with $\gamma = 0.085$ from $\mathbf{x}_0 = [-3, -1]^T$:

# %% slideshow={"slide_type": "-"}
A_np, b_np = np.array([[2.0, 1.0], [1.0, 20.0]]), np.array([5.0, 3.0])
grad_f = lambda x: A_np @ x - b_np                 # ∇f(x)ᵀ = Ax − bᵀ
x_k = np.array([-3.0, -1.0])
iterates = [x_k]
for k in range(30):
    x_k = x_k - 0.085 * grad_f(x_k)               # x_{k+1} = x_k − γ ∇f(x_k)ᵀ
    iterates.append(x_k)
print(f"x_30 = {np.round(x_k, 4)}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# That is the whole algorithm. The library's `gradient_descent` runs the same loop and adds
# only **argument checks**, **stopping rules** (‖∇f‖ below `tol`, divergence, the step budget) and **recording**
# (every point, $f$ and ‖∇f‖, a status message). Its 31 points are the same numbers, bit for bit — and it finds the least-squares line above:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
run = gradient_descent(grad_f, [-3.0, -1.0], 0.085, n_steps=30)
assert run.points.shape == (31, 2) and np.array_equal(run.points, np.array(iterates))
print(f"gradient_descent: {len(run.points)} points, equal to the loop's: {np.array_equal(run.points, iterates)}")
training = gradient_descent(loss.gradient, [0.0, 0.0], loss.optimal_step, n_steps=1000,
                            f=loss.value, tol=1e-10)
print(f"least squares: {training.message}: θ = {np.round(training.final, 6)}")
assert training.status == "converged" and np.allclose(training.final, best_fit, atol=1e-9)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The guarantee, and what it leaves open
#
# On $f(x) = \ln(1 + e^x)$ ($f > 0$, $L = 1/4$) with $\gamma = 1 < 2/L$: $f$ decreases at every step and $f' \to 0$, but the iterates run off towards $-\infty$ — there is no minimiser to converge to.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
# The theorem on f(x) = ln(1 + eˣ): f > 0, f'' = σ(1 − σ) ≤ 1/4 = L (σ = f'), and γ = 1 < 2/L = 8.
t = np.linspace(-30, 30, 6001)
assert np.max(np.exp(-np.logaddexp(0, -t) - np.logaddexp(0, t))) <= 0.25      # f'' ≤ 1/4
softplus = gradient_descent(lambda x: 1 / (1 + np.exp(-x)), [0.0], 1.0, n_steps=10_000,
                            f=lambda x: float(np.logaddexp(0.0, x[0])))
print(f"after {softplus.n_steps} steps: x = {softplus.final[0]:.2f}, f = {softplus.values[-1]:.1e}, "
      f"f' = {softplus.gradient_norms[-1]:.1e}")
assert np.all(np.diff(softplus.values) < 0)                               # f decreases at every step
assert np.all(np.diff(softplus.gradient_norms) < 0) and softplus.gradient_norms[-1] < 2e-4   # ∇f → 0
assert np.all(np.diff(softplus.points[:, 0]) < 0) and softplus.final[0] < -9    # x_k falls without limit

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The slides' example
#
# $$\begin{aligned}
# f(\mathbf{x}) &= \frac{1}{2}\mathbf{x}^T \begin{bmatrix} 2 & 1 \\ 1 & 20 \end{bmatrix}\mathbf{x} - \begin{bmatrix} 5 & 3 \end{bmatrix}\mathbf{x},\\
# \nabla f(\mathbf{x}) &= \mathbf{x}^T\begin{bmatrix} 2 & 1 \\ 1 & 20 \end{bmatrix} - \begin{bmatrix} 5 & 3 \end{bmatrix}
# = \begin{bmatrix} 2x_1 + x_2 - 5 & x_1 + 20x_2 - 3 \end{bmatrix}.
# \end{aligned}$$
#
# SymPy confirms the gradient. $A$ is symmetric positive definite (eigenvalues $11 \pm \sqrt{82} > 0$), so $f$ is
# strictly convex and its unique stationary point, where the gradient vanishes ($A\mathbf{x}^* = \mathbf{b}^T$), is the global minimiser.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
A = sp.Matrix([[2, 1], [1, 20]])
b = sp.Matrix([[5, 3]])
x = sp.Matrix([x1, x2])
f = sp.expand((sp.Rational(1, 2) * x.T * A * x - b * x)[0])
grad = sp.Matrix([f]).jacobian([x1, x2])                    # a 1×2 row
x_star = A.solve(b.T)
eigenvalues = sorted(A.eigenvals(), key=float)
print("f =", f, "  ∇f =", grad, "  x* =", x_star.T, "  eigenvalues:", eigenvalues)
assert grad == sp.Matrix([[2*x1 + x2 - 5, x1 + 20*x2 - 3]])
assert x_star == sp.Matrix([sp.Rational(97, 39), sp.Rational(1, 39)])
assert eigenvalues == [11 - sp.sqrt(82), 11 + sp.sqrt(82)] and all(v > 0 for v in eigenvalues)

# %% [markdown] slideshow={"slide_type": "fragment"}
# `Quadratic` (from `lecture_utils`) holds the same function in NumPy: its gradient, minimiser
# and eigenvalues (ascending) agree with SymPy's.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
q = Quadratic([[2, 1], [1, 20]], [5, 3])
x0 = np.array([-3.0, -1.0])
print(f"∇f(x0) = {q.gradient(x0)},  x* = {q.minimizer},  f* = {q.minimum:.6f},  λ = {q.eigenvalues}")
assert np.allclose(q.gradient(x0), np.array(grad.subs({x1: -3, x2: -1}), dtype=float))
assert np.allclose(q.minimizer, np.array(x_star, dtype=float).ravel())
assert np.allclose(q.eigenvalues, [float(v) for v in eigenvalues])
assert np.isclose(q.minimum, float(f.subs({x1: x_star[0], x2: x_star[1]})))


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The first iterates, exactly
#
# With exact fractions, $\mathbf{x}_1 = \mathbf{x}_0 - \gamma\left(\mathbf{x}_0^T A - \mathbf{b}\right)^T$ for two step sizes.
# For $\gamma = 1/20$: $\nabla f(\mathbf{x}_0) = [-12, -26]$, so $\mathbf{x}_1 = [-3 + 0.6, -1 + 1.3]^T = [-2.4, 0.3]^T$.
# The second step size, $\gamma = 1/10$, is just past the edge $2/\lambda_{\max} \approx 0.0997$ derived below
# ($\rho \approx 1.0055 > 1$): its iterates diverge, slowly.
# The NumPy iterates must equal the exact ones (up to rounding).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
def exact_iterates(step, count=3):
    points = [[Fraction(-3), Fraction(-1)]]
    for _ in range(count):
        p = points[-1]
        g = [2 * p[0] + p[1] - 5, p[0] + 20 * p[1] - 3]          # the slides' gradient
        points.append([p[0] - step * g[0], p[1] - step * g[1]])
    return points

for step in (Fraction(1, 20), Fraction(1, 10)):
    exact = exact_iterates(step)
    run = gradient_descent(q.gradient, x0, float(step), n_steps=3)
    print(f"γ = {step}: " + ",  ".join(f"x{k} = [{p[0]}, {p[1]}]" for k, p in enumerate(exact)))
    assert np.allclose(run.points, np.array(exact, dtype=float), rtol=1e-14, atol=1e-14)
assert exact_iterates(Fraction(1, 20))[1] == [Fraction(-12, 5), Fraction(3, 10)]
assert q.max_stable_step < 0.1 and round(q.contraction_factor(0.1), 4) == 1.0055   # γ = 1/10: past the edge

# %% [markdown] slideshow={"slide_type": "slide"}
# ### The iterates on the contour plot (the slides' lost figure)
#
# *"The gradient points in a direction that is orthogonal to the contour lines of the function
# we wish to optimize."* The figure shows 30 steps with $\gamma = 0.085$ and, at the first six
# iterates, the step direction $-\nabla f(\mathbf{x}_k)^T$ and the contour line through the iterate; the axes
# have equal scales, so right angles look right.

# %% slideshow={"slide_type": "subslide"}
run = gradient_descent(q.gradient, x0, 0.085, n_steps=30, f=q.value)
plot_descent(q, run, arrows=6, title=f"γ = 0.085 from x0 = (−3, −1): {run.describe(q.contraction_factor(0.085))}").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure:* elliptical contour lines of the slides' quadratic, long along $x_1$ and narrow
# along $x_2$, with the minimiser (green star) at about (2.49, 0.03). From the start (black
# square) at (−3, −1) the iterates (orange line with dots) zigzag across the narrow
# direction (the swing changes sign at every step and shrinks by 0.705), while moving along the long one towards the minimiser without turning back.
# The title says the run converges (ρ = 0.835 < 1, set by the flat direction) and was stopped after 30 steps.
# At the first six iterates a black arrow shows the step direction −∇f(xₖ)ᵀ and a light-blue dashed
# line the contour line through the iterate: each arrow leaves its contour line at a right
# angle.

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
# Orthogonality, checked on the contour line itself: two points of the level set f = f(x_k)
# next to x_k (the ellipse x* + r A^(-1/2)(cos θ, sin θ)) span a chord orthogonal to ∇f(x_k).
lam, V = np.linalg.eigh(q.A)
root, inv_root = V @ np.diag(np.sqrt(lam)) @ V.T, V @ np.diag(1 / np.sqrt(lam)) @ V.T
for point in run.points[:6]:
    u = root @ (point - q.minimizer)                          # ‖u‖² = 2(f(x_k) − f*)
    theta, r = np.arctan2(u[1], u[0]), np.linalg.norm(u)
    ends = np.array([q.minimizer + r * inv_root @ [np.cos(a), np.sin(a)] for a in (theta - 1e-4, theta + 1e-4)])
    assert np.allclose(q.value(ends), q.value(point), rtol=1e-12)      # both on the contour
    chord, g = ends[1] - ends[0], q.gradient(point)
    assert abs(chord @ g) < 1e-6 * np.linalg.norm(chord) * np.linalg.norm(g)
flat, steep = ((run.points - q.minimizer) @ q.eigenvectors).T     # error along v_min, v_max
assert np.all(steep[1:] * steep[:-1] < 0) and np.allclose(steep[1:] / steep[:-1], 1 - 0.085 * lam[1])   # × (−0.705)
assert np.all(flat[1:] * flat[0] > 0) and np.all(np.abs(flat[1:]) < np.abs(flat[:-1]))   # no turning back
assert np.all(np.diff(run.values) < 0)       # f(x0) > f(x1) > … for this step size
assert round(q.contraction_factor(0.085), 3) == 0.835 and run.status == "max_steps" and run.n_steps == 30
print("chord of the contour ⊥ ∇f at the first six iterates; zigzag across, steady along the valley; f decreases")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Which step sizes converge? The theory for a quadratic
#
# Write the error $\mathbf{e}_k = \mathbf{x}_k - \mathbf{x}^*$. Since $\nabla f(\mathbf{x})^T = A\mathbf{x} - \mathbf{b}^T = A\mathbf{e}$,
# one step is a linear map:
#
# $$\mathbf{e}_{k+1} = (I - \gamma A)\,\mathbf{e}_k, \qquad \mathbf{e}_k = (I - \gamma A)^k \mathbf{e}_0 .$$
#
# Let $A$ be **symmetric positive definite**, with orthonormal eigenvectors $\mathbf{v}_i$ and eigenvalues $\lambda_i > 0$.
# Along $\mathbf{v}_i$ the error is multiplied by $1 - \gamma\lambda_i$ at every step. So gradient descent converges from
# **every** start exactly when $|1 - \gamma\lambda_i| < 1$ for all $i$:
#
# $$0 < \gamma < \frac{2}{\lambda_{\max}}$$
#
# (at $\gamma = 2/\lambda_{\max}$ the component along $\mathbf{v}_{\max}$ flips sign for ever without shrinking). The error
# shrinks at least by the **contraction factor** $\rho(\gamma) = \max_i |1 - \gamma\lambda_i| = \max(|1-\gamma\lambda_{\min}|, |1-\gamma\lambda_{\max}|)$
# per step, $\|\mathbf{e}_{k+1}\| \le \rho(\gamma)\|\mathbf{e}_k\|$, and the ratio $\|\mathbf{e}_{k+1}\|/\|\mathbf{e}_k\|$ tends to $\rho(\gamma)$ for a
# generic start.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
one_step = sp.simplify((x - gamma * grad.T) - x_star - (sp.eye(2) - gamma * A) * (x - x_star))
assert one_step == sp.zeros(2, 1)                      # e_{k+1} = (I − γA) e_k, exactly
lam_min, lam_max = q.eigenvalues
print(f"λmin = {lam_min:.6f}, λmax = {lam_max:.6f}: converges for 0 < γ < 2/λmax = {q.max_stable_step:.6f}")
assert np.isclose(q.max_stable_step, 2 / lam_max)
assert q.contraction_factor(0.999 * q.max_stable_step) < 1 < q.contraction_factor(1.001 * q.max_stable_step)
assert np.isclose(q.contraction_factor(q.max_stable_step), 1.0)                # the edge: ρ = 1
e = gradient_descent(q.gradient, x0, 0.05, n_steps=50, tol=0.0).distances(q.minimizer)
assert np.all(e[1:] <= q.contraction_factor(0.05) * e[:-1] * (1 + 1e-12))     # ‖e_{k+1}‖ ≤ ρ‖e_k‖

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The best constant step
#
# $\rho(\gamma)$ is the larger of a falling line $1 - \gamma\lambda_{\min}$ and a rising one
# $\gamma\lambda_{\max} - 1$; it is smallest where they cross:
#
# $$\gamma^* = \frac{2}{\lambda_{\min} + \lambda_{\max}}, \qquad
# \rho(\gamma^*) = \frac{\lambda_{\max} - \lambda_{\min}}{\lambda_{\max} + \lambda_{\min}} = \frac{\kappa - 1}{\kappa + 1},
# \quad \kappa = \frac{\lambda_{\max}}{\lambda_{\min}} \text{ (the condition number).}$$

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
lmin, lmax = sp.symbols("lambda_min lambda_max", positive=True)
best = sp.solve(sp.Eq(1 - gamma * lmin, gamma * lmax - 1), gamma)[0]
rate = sp.simplify(1 - best * lmin)
kappa = q.condition_number
print(f"γ* = {best},  ρ(γ*) = {rate};  here γ* = {q.optimal_step:.6f}, κ = {kappa:.4f}, "
      f"ρ = {q.optimal_contraction_factor:.6f}")
assert best == 2 / (lmin + lmax) and sp.simplify(rate - (lmax - lmin) / (lmax + lmin)) == 0
assert np.isclose(q.optimal_step, float(best.subs({lmin: lam_min, lmax: lam_max})))
assert np.isclose(q.contraction_factor(q.optimal_step), (kappa - 1) / (kappa + 1))
steps = np.linspace(0.001, q.max_stable_step, 2000)                 # no step does better
assert min(q.contraction_factor(s) for s in steps) >= q.optimal_contraction_factor - 1e-12

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Just below and just above the edge
#
# The theory is sharp: a step 1 % below $2/\lambda_{\max}$ converges (slowly: $\rho = 0.98$), 1 % above it diverges.
# The observed ratio $\|\mathbf{e}_{k+1}\|/\|\mathbf{e}_k\|$ approaches $\rho$: at $\gamma^*$ it equals $\rho$ from the first step
# on (both eigen-components shrink by exactly $\rho$), 1 % below the edge it reaches $0.98$ once the flat component
# (factor $0.81$) has died out.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
below = gradient_descent(q.gradient, x0, 0.99 * q.max_stable_step, n_steps=5000, f=q.value)
above = gradient_descent(q.gradient, x0, 1.01 * q.max_stable_step, n_steps=5000, f=q.value)
best_run = gradient_descent(q.gradient, x0, q.optimal_step, n_steps=5000, f=q.value)
for name, r in (("0.99 × 2/λmax", below), ("1.01 × 2/λmax", above), ("γ*", best_run)):
    print(f"{name:>14}: {r.message}")
assert below.status == "converged" and above.status == "diverged" and best_run.status == "converged"
assert best_run.n_steps < below.n_steps

errors = best_run.distances(q.minimizer)
observed = errors[60] / errors[59]
print(f"observed ‖e₆₀‖/‖e₅₉‖ = {observed:.6f},  predicted ρ(γ*) = {q.optimal_contraction_factor:.6f}")
assert np.isclose(observed, q.optimal_contraction_factor, rtol=1e-3)
near_edge = below.distances(q.minimizer)
print(f"1 % below the edge: ‖e₂₀₀‖/‖e₁₉₉‖ = {near_edge[200] / near_edge[199]:.6f},  ρ = {q.contraction_factor(0.99 * q.max_stable_step):.6f}")
assert np.isclose(near_edge[200] / near_edge[199], q.contraction_factor(0.99 * q.max_stable_step), rtol=1e-6)
flat_factor = 1 - 0.99 * q.max_stable_step * lam_min                 # the flat component's factor
print(f"1 % below the edge: flat component × {flat_factor:.3f} per step, steep component × {1 - 0.99 * q.max_stable_step * lam_max:.3f}")
assert round(flat_factor, 2) == 0.81 and np.isclose(abs(1 - 0.99 * q.max_stable_step * lam_max), 0.98)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Explorer: the step size, with the theory on the slider
#
# Move the **step γ** — the slider gives it in per cent of the divergence edge $2/\lambda_{\max}$, so
# 100 is the edge. Under the slider γ, the edge and the best step $\gamma^*$ are written out; the thin axis at the bottom right draws $\rho(\gamma)$ with the edge
# (dashed) and $\gamma^*$ (dotted), and the triangle is your γ (values of ρ above 1.6 are drawn cut off at 1.6, thick dotted). The log plot compares
# $f(\mathbf{x}_k) - f^*$ with the upper bound $(f(\mathbf{x}_0) - f^*)\rho^{2k}$ (in the eigenbasis $f(\mathbf{x}_k) - f^* = \frac{1}{2}\sum_i \lambda_i (1 - \gamma\lambda_i)^{2k} c_i^2$).
# The status line says what the run does: converging ($\rho < 1$), diverging ($\rho > 1$, even before the path leaves the
# picture) or not converging ($\rho = 1$, at the edge). Move the **start**, the
# number of **steps**, and the **condition number κ** (it keeps $\lambda_{\min}$, the eigenvectors and
# the minimiser, and sets $\lambda_{\max} = \kappa\lambda_{\min}$: the contours are redrawn).
# The step slider answers in your browser: the kernel drew the picture of each of its positions
# beforehand — every 4 % of the edge from 4 % to 124 %, every 1 % from 98 % to 102 %, and the
# starting step $\gamma^*$ (91.2 % of the edge at the starting κ); other steps cannot be chosen
# here — so the figure follows the step slider at once. The other sliders go through the kernel:
# it redraws the current picture at once (the start while you drag, steps and κ when you release
# them) and the pictures of all step-slider positions about two seconds after your last change;
# until then, moving the step slider leaves the picture as it is (the status line may already give
# the new step).

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you drag: at 96 % of the edge $2/\lambda_{\max}$, does gradient
# descent converge on the slides' quadratic — faster or slower than at $\gamma^*$? And at 104 %? Write
# your guesses, then move **step γ**.

# %% slideshow={"slide_type": "subslide"}
step_explorer = descent_explorer(q, x0=(-3.0, -1.0), n_steps=60)
step_explorer

# %% slideshow={"slide_type": "skip"} tags=["hide-input"]
# The step slider's positions, in per cent of the edge 2/λmax, as the text above says
positions = [float(label) for label in step_explorer.frames.labels]
best_percent = 100 * q.optimal_step / q.max_stable_step
assert positions == sorted({*range(4, 125, 4), 98, 99, 100, 101, 102, round(best_percent, 1)}), positions
assert np.isclose(step_explorer.step.value, best_percent) and round(best_percent, 1) == 91.2  # starts at γ*
if step_explorer.frames.view is not None:       # client-side frames (the default): only these
    assert list(step_explorer.frames.slider.options) == step_explorer.frames.labels

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same as a static figure: four step sizes from the same start — a quarter of the best
# step, the best step, 3 % below the edge and 10 % above it (the last two lie between the
# explorer's slider positions).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
steps_4 = (0.25 * q.optimal_step, q.optimal_step, 0.97 * q.max_stable_step, 1.1 * q.max_stable_step)
runs_4 = [gradient_descent(q.gradient, x0, s, n_steps=60, f=q.value, tol=1e-10) for s in steps_4]
gaps_4 = np.array([r.values - q.minimum for r in runs_4])               # f(x_k) − f*, k = 0 … 60
rates_4 = np.array([q.contraction_factor(s) for s in steps_4])
bounds_4 = gaps_4[:, :1] * rates_4[:, None] ** (2 * np.arange(61))      # (f₀ − f*)ρ²ᵏ
assert np.all(gaps_4 <= bounds_4 * (1 + 1e-9) + 1e-12)                    # below the bound (rounding: 1e-12)
assert np.allclose(gaps_4[1], bounds_4[1], rtol=1e-6, atol=1e-12)        # on it for γ*
assert np.allclose((gaps_4[:, 60] / gaps_4[:, 30]) ** (1 / 30), rates_4 ** 2, rtol=1e-3)   # slopes ρ²
assert gaps_4[1, 60] < gaps_4[2, 60] < gaps_4[0, 60] and gaps_4[3, 60] > 1e9 * gaps_4[3, 0]
assert f"{gaps_4[1, 60]:.0e}" == "3e-09" and round(gaps_4[2, 60], 2) == 0.01 and round(gaps_4[0, 60], 2) == 0.13   # the caption's values
steep_4 = [(r.points - q.minimizer) @ q.eigenvectors[:, 1] for r in runs_4]
assert np.all(steep_4[0][1:] * steep_4[0][:-1] > 0) and np.all(steep_4[2][1:] * steep_4[2][:-1] < 0)  # ¼ γ*: no zigzag; 0.97 × edge: zigzag
assert all(r.status == "max_steps" for r in runs_4) and list(rates_4 < 1) == [True, True, True, False]
descent_small_multiples(q, x0, n_steps=60)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure:* four columns, one per step size γ: a quarter of the best step (0.23 × 2/λmax), the
# best step γ* (0.91 × 2/λmax), 3 % below the edge (0.97 × 2/λmax) and 10 % above it (1.10 × 2/λmax).
# Each title gives γ, the contraction factor ρ and what the run does: the first three are
# converging (ρ = 0.956, 0.823 and 0.940 < 1), the last is diverging (ρ = 1.200 > 1); all four
# were stopped after 60 steps. Top row: the paths on the contour lines. With a quarter of the
# best step the path creeps along the valley without zigzagging; with the best step it zigzags
# and approaches the minimiser fastest; 3 % below the edge it zigzags across the valley with
# slowly shrinking swings; above the edge the zigzag grows and leaves the picture. Bottom row:
# f(xₖ) − f* on a log axis (solid blue) and the upper bound (f(x₀) − f*)ρ²ᵏ (grey dashes): the
# measured lines stay on or below the bound (on it for the best step) and fall by ρ² per step —
# 0.914, 0.678 and 0.884 — while the last rises by 1.44 per step. After 60 steps the best step
# is closest to the minimum (f − f* ≈ 3·10⁻⁹), then the step near the edge (0.01), then the
# quarter step (0.13).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Ill-conditioning: why gradient descent can be slow
#
# With the best constant step the error — and the gradient $\nabla f(\mathbf{x}_k)^T = A\mathbf{e}_k$ too — shrinks at least by
# $\rho = (\kappa - 1)/(\kappa + 1) \approx 1 - 2/\kappa$ per step, so reducing it by a factor $\varepsilon$ takes at most
#
# $$k = \left\lceil \frac{\ln(1/\varepsilon)}{\ln\frac{\kappa + 1}{\kappa - 1}} \right\rceil \approx \frac{\kappa}{2}\ln\frac{1}{\varepsilon}$$
#
# steps: **roughly proportional to κ**. The steepest direction (λmax) limits the step; the flattest (λmin) component
# then shrinks only by $1 - 2/(\kappa + 1)$ per step, so about $(\kappa/2)\ln(1/\varepsilon)$ steps are needed. Measured on quadratics with κ from 1 to 1000, from the same start, until $\|\nabla f\| < 10^{-8}$,
# so $\varepsilon = 10^{-8}/\|\nabla f(\mathbf{x}_0)\|$ (for κ = 1, ρ = 0: one step lands on $\mathbf{x}^*$):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
kappas = np.array([1, 3, 10, 30, 100, 300, 1000])
counts, predicted = [], []
for k in kappas:
    ill = Quadratic.with_condition_number(k, angle=0.5, minimizer=[1.0, -1.0])
    r = gradient_descent(ill.gradient, [-1.0, 1.0], ill.optimal_step, n_steps=100_000, tol=1e-8)
    assert r.status == "converged"
    counts.append(r.n_steps)
    start_gradient = np.linalg.norm(ill.gradient([-1.0, 1.0]))
    if k == 1:                                           # ρ = 0: x1 = x*, one step
        assert ill.optimal_contraction_factor == 0
        predicted.append(1)
    else:                                                # ε = tol/‖∇f(x0)‖
        predicted.append(steps_to_reduce(ill.optimal_contraction_factor, 1e-8 / start_gradient))
counts, predicted = np.array(counts), np.array(predicted)
print("κ:          ", kappas.tolist())
print("steps:      ", counts.tolist())
print("steps / κ:  ", np.round(counts / kappas, 2).tolist())
assert counts[0] == 1                                    # κ = 1: one step reaches x*
assert np.all(np.diff(counts) > 0)
ratio = counts[kappas >= 10] / kappas[kappas >= 10]      # ~ constant: steps grow like κ
assert ratio.max() / ratio.min() < 1.5
assert np.array_equal(counts[1:], np.ceil(predicted[1:]))   # exactly the predicted count
tenfold = counts[[3, 4, 5, 6]] / counts[[1, 2, 3, 4]]   # κ × 10: 3 → 30, 10 → 100, 30 → 300, 100 → 1000
print("steps(10κ)/steps(κ):", np.round(tenfold, 2).tolist())
assert np.all((10.5 < tenfold) & (tenfold < 11.6))     # about 11 ×: ‖∇f(x0)‖ grows with κ too

# %% slideshow={"slide_type": "subslide"}
plot_steps_against_condition(kappas, counts, np.ceil(predicted)).figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure:* a log–log plot of the number of steps needed to reach ‖∇f‖ < 10⁻⁸ from the same
# start against the condition number κ from 1 to 1000. The measured counts (small blue dots on a
# line) sit inside the predicted ones (open vermillion squares), ⌈ln(‖∇f(x₀)‖/10⁻⁸)/ln(1/ρ)⌉ with
# ρ = (κ − 1)/(κ + 1): they are equal for every κ (for κ = 1, ρ = 0 and one step reaches x*). From
# κ ≈ 10 on the points run close to the grey slope-1 guide ∝ κ: ten times the condition number costs
# about eleven times the steps here (109 → 1202 → 13164), because the start gradient ‖∇f(x₀)‖ grows
# with κ as well.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A stationary point, not always a minimum
#
# > **Note on the slides.** The slide says that for a suitable step size gradient descent
# > *"converges to a local minimum"*. What holds: **if the iterates converge**, with a constant step (or steps
# > $\gamma_i \ge \gamma > 0$) and a continuous $\nabla f$, **the limit is a stationary point** ($\nabla f = 0$): the steps
# > $\mathbf{x}_{i+1} - \mathbf{x}_i = -\gamma_i\nabla f(\mathbf{x}_i)^T$ tend to 0, so $\nabla f(\mathbf{x}_i) \to 0$. Steps that shrink too fast break
# > this ($f(x) = x$ with $\gamma_i = 2^{-i}$ converges to $x_0 - 2$, where $f' = 1$), and the iterates need not
# > converge at all ($\ln(1 + e^x)$ above). A stationary point is usually a local minimum, but not always: on the
# > saddle $f = x_1^2 - x_2^2$ (notebook 09 studies it), a start on the $x_1$-axis converges to the saddle at the
# > origin, which is not a minimum. Notebook 09 looks at this and the other challenges.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
saddle_run = gradient_descent(SADDLE.gradient, [1.0, 0.0], 0.1, n_steps=1000, f=SADDLE.value)
hessian_eigenvalues = np.linalg.eigvalsh(SADDLE.hessian(saddle_run.final))
print(f"{saddle_run.message} at {np.round(saddle_run.final, 10) + 0.0}, Hessian eigenvalues {hessian_eigenvalues}")
assert saddle_run.status == "converged" and np.allclose(saddle_run.final, 0, atol=1e-8)
assert hessian_eigenvalues[0] < 0 < hessian_eigenvalues[1]       # a saddle, not a minimum
assert SADDLE.value([0.0, 0.1]) < SADDLE.value(saddle_run.final)  # lower values right next to it
x_i = 0.0
for i in range(60):                                 # f(x) = x, f' = 1, steps γ_i = 2⁻ⁱ
    x_i -= 2.0 ** -i * 1.0
assert np.isclose(x_i, 0.0 - 2.0)                   # converges to x0 − 2, where f' = 1 ≠ 0

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** One step of gradient descent on the slides' quadratic from $\mathbf{x}_0 = [-3, -1]^T$ with
# $\gamma = 0.02$: compute $\mathbf{x}_1$, **two numbers** (NumPy arrays `A_np`, `b_np` and `x0` hold $A$, $\mathbf{b}$ and
# $\mathbf{x}_0$; the SymPy `A`, `b` above are symbolic).

# %% slideshow={"slide_type": "-"}
A_np, b_np = np.array([[2.0, 1.0], [1.0, 20.0]]), np.array([5.0, 3.0])   # A and b in NumPy
answer_1 = None  # x1 after one step with γ = 0.02: two numbers
check_gradient_step(answer_1, 0.02)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("gd-step")` gives a nudge, `hint("gd-step", 2)` the method; once you have run the
# checker on an answer of your own, `solution("gd-step")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** A classmate computed the same step with $\gamma = 0.05$ as below. Run the checker: what
# went wrong? Fix it.

# %% slideshow={"slide_type": "-"}
answer_2 = x0 - 0.05 * (A_np @ x0)
check_gradient_step(answer_2, 0.05)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("gd-step-b")` gives a nudge, `hint("gd-step-b", 2)` the method; once you have run the
# checker on an answer of your own, `solution("gd-step-b")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** For $A = \begin{bmatrix} 4 & 1 \\ 1 & 3 \end{bmatrix}$, find the bound $\bar\gamma$ (**one number**) such that gradient
# descent on $\frac{1}{2}\mathbf{x}^TA\mathbf{x} - \mathbf{b}\mathbf{x}$ converges from every start exactly when $0 < \gamma < \bar\gamma$
# (at $\gamma = \bar\gamma$ itself it does not converge). A classmate's attempt is below; run it, then correct it.

# %% slideshow={"slide_type": "-"}
A_3 = np.array([[4.0, 1.0], [1.0, 3.0]])
answer_3 = 2 / np.linalg.eigvalsh(A_3).min()
check_step_size_bound(answer_3, A_3)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("gd-bound")` gives a nudge, `hint("gd-bound", 2)` the method; once you have run the
# checker on an answer of your own, `solution("gd-bound")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Training a model is minimising an objective $f(\mathbf{x})$ over its parameters; least squares gives a quadratic.
# - Gradient descent: $\mathbf{x}_{i+1} = \mathbf{x}_i - \gamma_i\left((\nabla f)(\mathbf{x}_i)\right)^T$; $-\nabla f^T$ is the steepest descent direction and is orthogonal to the contour lines.
# - On $f = \frac{1}{2}\mathbf{x}^TA\mathbf{x} - \mathbf{b}\mathbf{x}$ with $A$ symmetric positive definite the error obeys $\mathbf{e}_{k+1} = (I - \gamma A)\mathbf{e}_k$: a constant step converges from every start exactly when $0 < \gamma < 2/\lambda_{\max}$, the error shrinking at least by $\rho(\gamma) = \max_i|1 - \gamma\lambda_i|$ per step; the best step $2/(\lambda_{\min} + \lambda_{\max})$ has $\rho = (\kappa - 1)/(\kappa + 1)$.
# - The number of steps grows roughly in proportion to the condition number κ: ill-conditioned problems are slow.
# - What gradient descent guarantees: for $f$ bounded below and $L$-smooth and $0 < \gamma < 2/L$, $f(\mathbf{x}_k)$ decreases and $\nabla f(\mathbf{x}_k) \to 0$. The iterates may still run off ($\ln(1 + e^x)$); their limit points, if any, are stationary points — usually, not always, minima (a saddle can attract).
#
# **Next:** [09 — Challenges of gradient descent](09_gradient_descent_challenges.ipynb) (local minima, saddles, the step size; adaptive steps and momentum follow in 10) · **Back:** [07 — Hessian and multivariate Taylor](07_hessian_and_multivariate_taylor.ipynb)
