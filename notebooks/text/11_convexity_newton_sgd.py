# %% [markdown] slideshow={"slide_type": "slide"}
# # 11 · Convexity, Newton's method and stochastic gradients
#
# **Slides covered:** three claims of *Optimization Using Gradient Descent* and *Continuous
# Optimization* that the slides state without showing them — *"for convex functions, any local
# minimum is also the global minimum"*; gradient descent's *"asymptotic rate of convergence is
# inferior to many other methods"*; and the motivation, training a model, which is done with
# **stochastic** gradients.
#
# **After this notebook you can**
# - define a convex function (chords on or above the graph) and test convexity with tangents and with the Hessian;
# - prove that a local minimiser of a convex function is global, and show a non-convex function where it is not;
# - take a Newton step, say why it is exact on a quadratic and converges quadratically near a minimiser, and count what a step costs;
# - explain preconditioning as the bridge between gradient descent and Newton's method;
# - run mini-batch SGD on least squares and explain its noise floor ∝ γ (for small γ, with independently drawn batches), and compare methods per unit of work.

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp
from IPython.display import Markdown

from lecture_utils import (
    hint, solution,
    check_convexity, chord_gaps, convergence_figure, convexity_figure, gradient_descent,
    is_convex_on_box, LeastSquares, newton_step, newtons_method, noise_floor,
    plot_iterations_against_condition, precondition, Quadratic, ROSENBROCK, SADDLE, sgd,
    sgd_explorer, sgd_figure, sgd_small_multiples, step_costs, tangent_gaps,
)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Convex functions
#
# A function $f$ is **convex** on a convex set $C$ if every chord lies on or above its graph:
#
# $$f(t\mathbf{x} + (1-t)\mathbf{y}) \le t f(\mathbf{x}) + (1-t) f(\mathbf{y}) \quad \text{for all } \mathbf{x}, \mathbf{y} \in C,\ t \in [0, 1].$$
#
# Two equivalent tests for smooth $f$ (on an open convex set):
# - **first order** ($f$ differentiable): every tangent lies on or below the graph,
#   $f(\mathbf{y}) \ge f(\mathbf{x}) + \nabla f(\mathbf{x})(\mathbf{y} - \mathbf{x})$;
# - **second order** ($f$ twice continuously differentiable): the Hessian is **positive semidefinite**
#   everywhere, all its eigenvalues $\ge 0$ (in one variable: $f'' \ge 0$).
#
# Below, $f(x) = e^x - 2x$ (convex: $f'' = e^x > 0$) and $g(x) = x^4/4 - x^2 + x/2$
# ($g'' = 3x^2 - 2$, negative for $|x| < \sqrt{2/3}$), on $[-2.2, 2.2]$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f_text, g_text, box = "exp(x) - 2*x", "x^4/4 - x^2 + x/2", [(-2.2, 2.2)]
f_verdict, g_verdict = is_convex_on_box(f_text, ["x"], box), is_convex_on_box(g_text, ["x"], box)
print("f:", f_verdict.message, "\ng:", g_verdict.message)
f = lambda v: float(np.exp(v[0]) - 2 * v[0])
pairs = [(a, b) for a in np.linspace(-2.2, 2.2, 9) for b in np.linspace(-2.2, 2.2, 9)]
worst_chord = max(chord_gaps(f, [a], [b]).max() for a, b in pairs)           # ≤ 0: chords above
worst_tangent = min(tangent_gaps(f, lambda v: np.exp(v) - 2, [a], np.linspace(-2.2, 2.2, 9)).min()
                    for a in np.linspace(-2.2, 2.2, 9))                       # ≥ 0: tangents below
print(f"f: largest f(chord point) − chord = {worst_chord:.3g},  smallest f − tangent = {worst_tangent:.3g}")
assert f_verdict.convex and not g_verdict.convex and abs(g_verdict.witness[0]) < np.sqrt(2 / 3)
assert worst_chord <= 1e-12 and worst_tangent >= -1e-12
xr = sp.Symbol("x", real=True)
f_second = sp.diff(sp.exp(xr) - 2 * xr, xr, 2)                           # the proof, not a grid
print(f"f'' = {f_second}, positive for every real x: f is convex")
assert sp.simplify(f_second - sp.exp(xr)) == 0 and f_second.is_positive

# %% slideshow={"slide_type": "subslide"}
convexity_figure(f_text, g_text, (-2.2, 2.2))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: four panels. Top left, the convex f(x) = eˣ − 2x (solid) and a chord between two of its
# points (dash-dotted, end points marked): the chord lies above the graph. Top right, f with its
# tangent line at one point (dotted): the tangent lies below the graph everywhere. Bottom left,
# the second derivatives: f'' (solid) stays positive, g'' (dashed) dips below zero (shaded) for
# |x| < √(2/3). Bottom right, the non-convex g(x) = x⁴/4 − x² + x/2 (dashed) with two local minima —
# the global one on the left (star) and a higher local one on the right (diamond) — and the chord
# between them, which lies below the graph in the middle.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Every local minimum of a convex function is global
#
# **Claim.** If $f$ is convex on $C$ and $\mathbf{x}^*$ is a local minimiser, then
# $f(\mathbf{x}^*) \le f(\mathbf{y})$ for every $\mathbf{y} \in C$.
#
# **Proof.** Suppose $f(\mathbf{y}) < f(\mathbf{x}^*)$ for some $\mathbf{y}$. On the segment
# $\mathbf{x}_t = (1-t)\mathbf{x}^* + t\mathbf{y}$, convexity gives
# $f(\mathbf{x}_t) \le (1-t) f(\mathbf{x}^*) + t f(\mathbf{y}) < f(\mathbf{x}^*)$ for every $t \in (0, 1]$.
# As $t \to 0$, $\mathbf{x}_t$ comes arbitrarily close to $\mathbf{x}^*$ with a smaller value: $\mathbf{x}^*$
# is not a local minimiser. ∎
#
# The proof needs the chord. For the non-convex $g$, the chord between its two local minimisers lies
# **below** the graph in the middle and near the right-hand minimiser $x^*$ (bottom right panel above;
# near the left-hand, global one it lies above). So the points near $x^*$ on the segment towards the
# global minimiser are not lower than $g(x^*)$, as they would be for a convex function, and the
# right-hand local minimum is not global:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
x = sp.Symbol("x")
g = x**4 / 4 - x**2 + x / 2
stationary = sorted(float(r) for r in sp.Poly(sp.diff(g, x), x).nroots() if abs(sp.im(r)) < 1e-12)
minima = [p for p in stationary if sp.diff(g, x, 2).subs(x, p) > 0]
values = [float(g.subs(x, p)) for p in minima]
print("local minimisers of g:", np.round(minima, 4), "  values:", np.round(values, 4))
g_num = sp.lambdify(x, g)
near_right, gap, near_left = chord_gaps(lambda v: float(g_num(v[0])), [minima[0]], [minima[1]], [0.05, 0.5, 0.95])
print(f"g minus the chord: {near_right:.3f} near the right-hand minimiser, {gap:.3f} at the midpoint, {near_left:.3f} near the left-hand one")
assert len(minima) == 2 and values[0] < values[1] - 1      # the right-hand one is local only
assert near_right > 0 and gap > 0 and near_left < 0       # below the graph in the middle and near x*: not convex

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Newton's method
#
# Gradient descent uses only the slope. **Newton's method** also uses the curvature: it minimises the
# second-order Taylor model $f(\mathbf{x}_k) + \nabla f(\mathbf{x}_k)\,\mathbf{d} + \tfrac12\mathbf{d}^\top\mathbf{H}(\mathbf{x}_k)\,\mathbf{d}$,
# whose minimiser (for $\mathbf{H}$ positive definite) solves
#
# $$\mathbf{H}(\mathbf{x}_k)\,\mathbf{d}_k = -\nabla f(\mathbf{x}_k)^\top, \qquad \mathbf{x}_{k+1} = \mathbf{x}_k + \mathbf{d}_k .$$
#
# On a quadratic $\tfrac12\mathbf{x}^\top\mathbf{A}\mathbf{x} - \mathbf{b}\mathbf{x}$ the model **is** $f$:
# $\mathbf{d}_k = -\mathbf{A}^{-1}(\mathbf{A}\mathbf{x}_k - \mathbf{b}^\top)$, so one step lands on
# $\mathbf{x}^* = \mathbf{A}^{-1}\mathbf{b}^\top$ from any start. The slides' quadratic:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
q = Quadratic([[2, 1], [1, 20]], [5, 3])
x1 = newton_step(q.gradient, q.hessian, [-3, -1])
gd = gradient_descent(q.gradient, [-3, -1], q.optimal_step, n_steps=1000, tol=1e-8)
print("one Newton step from (−3, −1):", np.round(x1, 6), "   x* =", np.round(q.minimizer, 6))
print(f"gradient descent with the best constant step γ* needs {gd.n_steps} steps to ‖∇f‖ < 1e-8")
assert np.allclose(x1, q.minimizer, atol=1e-12) and np.linalg.norm(q.gradient(x1)) < 1e-12
assert gd.status == "converged" and gd.n_steps > 100

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### When Newton's step fails
#
# The step needs $\mathbf{H}(\mathbf{x}_k)$ **positive definite**. If it is singular, $\mathbf{H}\mathbf{d} = -\nabla f^\top$
# has no unique solution; if it is not positive semidefinite, the model has no minimum: its stationary
# point is a saddle ($\mathbf{H}$ indefinite) or a maximum ($\mathbf{H}$ negative definite), and Newton's
# method would head for it. Even with $\mathbf{H}(\mathbf{x}_k)$ positive definite, $\mathbf{d}_k$ is only a
# descent *direction*: the full step $\mathbf{x}_k + \mathbf{d}_k$ can overshoot and raise $f$ far from
# $\mathbf{x}^*$ (on Rosenbrock's function below, with the Hessian positive definite at every iterate,
# step 2 takes $f$ from 4.7 to $1.4 \cdot 10^3$); practical Newton methods take $\mathbf{x}_k + t\,\mathbf{d}_k$
# with a step $t \le 1$ found by backtracking. The library refuses the cases without a positive
# definite Hessian and says so, here on the saddle
# $x_1^2 - x_2^2$ and on the maximum of $-x_1^2 - x_2^2$:

# %% slideshow={"slide_type": "-"}
for gradient, hessian in ((SADDLE.gradient, SADDLE.hessian),                          # a saddle
                          (lambda v: -2 * np.asarray(v), lambda v: -2 * np.eye(2))):   # a maximum
    try:
        newton_step(gradient, hessian, [1.0, 0.5])
    except ValueError as error:
        print(error)

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Linear against quadratic convergence
#
# With the best constant step, gradient descent on a quadratic multiplies the error
# $\|\mathbf{e}_k\|$ by at most $\frac{\kappa-1}{\kappa+1}$ at every step. Heavy-ball momentum with its best parameters converges
# asymptotically like $\big(\frac{\sqrt\kappa-1}{\sqrt\kappa+1}\big)^k$, up to a factor $k$ (the error may
# first grow). Both are **linear** convergence, close to a straight line on a log scale. If the
# Hessian is positive definite at $\mathbf{x}^*$ and Lipschitz continuous near it, Newton's method
# started close enough **squares** the error, $\|\mathbf{e}_{k+1}\| \le C\|\mathbf{e}_k\|^2$: quadratic
# convergence: once the error is small, the number of correct digits roughly doubles per step. Below: Rosenbrock's function from $(-1.2, 1)$
# (gradient descent and momentum with $\gamma = 10^{-3}$, the largest power of ten for which gradient
# descent does not diverge from there — $\gamma = 10^{-2}$ does — momentum 0.9), and quadratics with $\kappa = 10$ and $1000$ (best parameters):

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
start = [-1.2, 1.0]
rosen = {"gradient descent": gradient_descent(ROSENBROCK.gradient, start, 1e-3, n_steps=3000, tol=1e-10),
         "momentum": gradient_descent(ROSENBROCK.gradient, start, 1e-3, n_steps=3000, tol=1e-10, momentum=0.9),
         "Newton": newtons_method(ROSENBROCK.gradient, ROSENBROCK.hessian, start, tol=1e-12)}
rosen_errors = {k: r.distances([1, 1]) for k, r in rosen.items()}
panels = [("Rosenbrock from (−1.2, 1)", rosen_errors),
          ("Rosenbrock, the first 10 iterations", {k: e[:11] for k, e in rosen_errors.items()})]
for kappa in (10, 1000):
    qk = Quadratic.with_condition_number(kappa, angle=0.4, minimizer=[1, -1])
    step_hb, alpha_hb = qk.optimal_momentum()
    steps = 100 if kappa == 10 else 300
    runs = {"gradient descent": gradient_descent(qk.gradient, [-2, 2], qk.optimal_step, n_steps=steps, tol=0),
            "momentum": gradient_descent(qk.gradient, [-2, 2], step_hb, n_steps=steps, tol=0, momentum=alpha_hb),
            "Newton": newtons_method(qk.gradient, qk.hessian, [-2, 2], tol=1e-12)}
    panels.append((f"quadratic, κ = {kappa}", {k: r.distances(qk.minimizer) for k, r in runs.items()}))
    e = runs["gradient descent"].distances(qk.minimizer)
    factor = (e[40] / e[10]) ** (1 / 30)                     # measured factor per step, linear
    print(f"κ = {kappa}: GD error factor per step {factor:.4f}, (κ−1)/(κ+1) = {(kappa - 1) / (kappa + 1):.4f}; Newton steps: {runs['Newton'].n_steps}")
    assert abs(np.log(factor) / np.log((kappa - 1) / (kappa + 1)) - 1) < 0.02 and runs["Newton"].n_steps == 1
newton_errors = rosen["Newton"].distances([1, 1])
print("Newton on Rosenbrock, ‖x_k − x*‖:", " ".join(f"{v:.1e}" for v in newton_errors))
assert rosen["Newton"].status == "converged" and rosen["Newton"].n_steps == 7
newton_values = [ROSENBROCK.value(p) for p in rosen["Newton"].points]           # a step uphill
assert all(np.linalg.eigvalsh(ROSENBROCK.hessian(p))[0] > 0 for p in rosen["Newton"].points)
assert [round(newton_values[1], 1), round(newton_values[2], -2)] == [4.7, 1400.0]   # f: 4.7 → 1.4·10³
assert newton_errors[-2] < 1e-10 and newton_errors[-2] < 10 * newton_errors[-3] ** 2   # squared
assert np.all(newton_errors[:4] > 0.4) and [f"{v:.1e}" for v in newton_errors[4:7]] == ["5.6e-02", "9.6e-06", "1.9e-11"]
assert panels[-1][1]["momentum"].max() > panels[-1][1]["momentum"][0]     # momentum first rises (κ = 1000)
print(f"after 3000 steps: gradient descent {rosen_errors['gradient descent'][-1]:.2f}, momentum {rosen_errors['momentum'][-1]:.0e} from x*")
assert 0.1 < rosen_errors["gradient descent"][-1] < 1 and rosen_errors["momentum"][-1] < 1e-4
assert gradient_descent(ROSENBROCK.gradient, start, 1e-2, n_steps=3000).status == "diverged"   # γ = 10⁻² diverges
rounding = int(np.argmax(panels[2][1]["momentum"] < 1e-15))                # κ = 10: momentum hits rounding level
print(f"κ = 10: momentum's error falls below 1e-15 at k = {rounding}")
assert 55 <= rounding <= 70

# %% slideshow={"slide_type": "subslide"}
convergence_figure(panels, ylabel="‖xₖ − x*‖ (log scale)")

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: four panels, the distance to the minimiser on a log scale against the iteration. Top
# left, Rosenbrock's function over 3000 iterations: gradient descent (solid) creeps along the curved
# valley and is still more than 0.1 away at the end, momentum (dashed) falls along a straight line
# (linear convergence) to below 10⁻⁴; Newton's method (dash-dotted) is done within the first few
# iterations. Top right, the first 10 iterations: Newton's error stays above 0.4 for three steps,
# then squares at every step (5.6·10⁻², 9.6·10⁻⁶, 1.9·10⁻¹¹): the curve plunges ever more steeply
# (quadratic convergence). Bottom, quadratics with κ = 10 and κ = 1000: gradient descent and momentum
# are straight lines (momentum for κ = 10 until it reaches rounding level, about 10⁻¹⁶, near k = 60) (much flatter for κ = 1000; momentum first rises there), Newton's method reaches
# the minimiser in one step.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Steps against the condition number
#
# How many iterations to $\|\nabla f(\mathbf{x}_k)\| < \varepsilon = 10^{-8}$ (the stopping rule of the library)
# from the same start, as $\kappa$ grows: gradient descent with the best constant step $\gamma^*$ needs about
# $\frac{\kappa}{2}\ln(\|\nabla f(\mathbf{x}_0)\|/\varepsilon)$ steps (with $\gamma^*$, on a quadratic $\|\nabla f\|$ and
# $\|\mathbf{e}\|$ are both multiplied by at most $\frac{\kappa-1}{\kappa+1}$ per step), momentum somewhat more than
# $\frac{\sqrt\kappa}{2}\ln(\|\nabla f(\mathbf{x}_0)\|/\varepsilon)$ (a factor $k$ from the double eigenvalue of its
# best parameters), Newton one.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
kappas = [10, 100, 1000]
counts = {"gradient descent": [], "momentum (best α)": [], "Newton": []}
for kappa in kappas:
    qk = Quadratic.with_condition_number(kappa, angle=0.4, minimizer=[1, -1])
    step_hb, alpha_hb = qk.optimal_momentum()
    for name, run in (("gradient descent", gradient_descent(qk.gradient, [-2, 2], qk.optimal_step, n_steps=20000, tol=1e-8)),
                      ("momentum (best α)", gradient_descent(qk.gradient, [-2, 2], step_hb, momentum=alpha_hb, n_steps=20000, tol=1e-8)),
                      ("Newton", newtons_method(qk.gradient, qk.hessian, [-2, 2], tol=1e-8))):
        counts[name].append(run.n_steps)
    log_ratio = np.log(np.linalg.norm(qk.gradient([-2, 2])) / 1e-8)
    estimates = (kappa / 2 * log_ratio, np.sqrt(kappa) / 2 * log_ratio)
    print(f"κ = {kappa}: (κ/2)·ln(‖∇f(x₀)‖/ε) = {estimates[0]:.0f}, (√κ/2)·ln(‖∇f(x₀)‖/ε) = {estimates[1]:.0f}")
    assert 0.95 < counts["gradient descent"][-1] / estimates[0] < 1.1
    assert 1.0 < counts["momentum (best α)"][-1] / estimates[1] < 1.5                   # somewhat more
print({k: v for k, v in counts.items()})
assert counts["Newton"] == [1, 1, 1]
assert 80 < counts["gradient descent"][2] / counts["gradient descent"][0] < 140     # ∝ κ
assert 6 < counts["momentum (best α)"][2] / counts["momentum (best α)"][0] < 20     # ∝ √κ (√100 = 10)

# %% slideshow={"slide_type": "subslide"}
plot_iterations_against_condition(kappas, counts, tol=1e-8).figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: iterations to ‖∇f(xₖ)‖ < 10⁻⁸ against κ = 10, 100, 1000 on log–log axes.
# Gradient descent (solid) rises with slope 1 (about 100 times more steps for κ 100 times larger),
# momentum (dashed) with slope about ½, Newton's method (dash-dotted) stays at one step.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ### The cost of a step, counted honestly
#
# Newton's method wins on iterations. Per step it pays one gradient, one **Hessian**
# ($n(n+1)/2$ second derivatives) and the solve of an $n \times n$ system: a Cholesky factorisation,
# about $n^3/6$ multiply-adds ($n^3/3$ floating-point operations), plus $n^2$ for the two triangular solves. Gradient descent pays one
# gradient and $n$ multiply-adds:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
rows = ["| n | method | gradients | Hessians | multiply-adds of the step |", "|---|---|---|---|---|"]
for n in (2, 1000, 10**6):
    for method, cost in step_costs(n).items():
        rows.append(f"| {n:,} | {method} | {cost['gradient']} | {cost['hessian']} | {cost['flops']:.3g} |")
newton_big = step_costs(10**6)["Newton"]["flops"]
assert f"{newton_big:.1e}" == "1.7e+17" and step_costs(10**6)["gradient descent"]["flops"] == 1e6
assert f"{10**6 * (10**6 + 1) / 2:.0e}" == "5e+11" and round(8 * 10**6 * (10**6 + 1) / 2 / 1e12) == 4   # entries, TB
Markdown("\n".join(rows))

# %% [markdown] slideshow={"slide_type": "-"}
# With $n = 10^6$ parameters (a small neural network) one Newton step is $1.7 \cdot 10^{17}$ multiply-adds
# and a Hessian of $10^{12}$ entries ($5 \cdot 10^{11}$ distinct ones: 4 TB in double precision, one triangle stored): this is why training uses gradient methods, and why
# the slides' "inferior" rate is a price worth paying in high dimension.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Preconditioning: the bridge
#
# Change variables $\mathbf{x} = \mathbf{P}\mathbf{y}$ and run gradient descent on $g(\mathbf{y}) = f(\mathbf{P}\mathbf{y})$,
# whose Hessian is $\mathbf{P}^\top\mathbf{A}\mathbf{P}$. In the old variables that is
# $\mathbf{x}_{k+1} = \mathbf{x}_k - \gamma\,\mathbf{P}\mathbf{P}^\top\nabla f(\mathbf{x}_k)^\top$: gradient descent with a
# matrix in front of the gradient.
# - **diagonal** (Jacobi) $\mathbf{P} = \operatorname{diag}(1/\sqrt{a_{ii}})$: cheap ($n$ numbers), fixes the scales of the axes;
# - **Cholesky** $\mathbf{A} = \mathbf{L}\mathbf{L}^\top$, $\mathbf{P} = \mathbf{L}^{-\top}$: $\mathbf{P}^\top\mathbf{A}\mathbf{P} = \mathbf{I}$, $\kappa = 1$, and
#   $\mathbf{P}\mathbf{P}^\top = \mathbf{A}^{-1}$, so the step $\gamma = 1$ **is** Newton's step.
#
# On the slides' quadratic, to $\|\nabla g\| < 10^{-8}$ with each one's best constant step:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
x0 = np.array([-3.0, -1.0])
results = {"none": (q.condition_number, gradient_descent(q.gradient, x0, q.optimal_step, n_steps=5000, tol=1e-8).n_steps)}
for kind in ("diagonal", "cholesky"):
    g_q, P = precondition(q, kind)
    run = gradient_descent(g_q.gradient, np.linalg.solve(P, x0), g_q.optimal_step, n_steps=5000, tol=1e-8)
    assert np.allclose(P @ run.final, q.minimizer, atol=1e-7)
    results[kind] = (g_q.condition_number, run.n_steps)
for kind, (kappa, steps) in results.items():
    print(f"preconditioner {kind:9s}: κ = {kappa:6.3f}, {steps:3d} steps")
assert results["none"][1] > 100 and results["diagonal"][1] < 15 and results["cholesky"] == (1.0, 1)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Stochastic gradient descent: the ML case
#
# Training minimises an average over $m$ examples. For a linear model and squared loss,
#
# $$L(\mathbf{w}) = \frac{1}{2m}\sum_{i=1}^m (\mathbf{x}_i^\top\mathbf{w} - y_i)^2, \qquad
# \nabla L(\mathbf{w}) = \frac1m\sum_{i=1}^m (\mathbf{x}_i^\top\mathbf{w} - y_i)\,\mathbf{x}_i^\top .$$
#
# The full gradient costs $m$ per-example gradients. A **mini-batch** $B$ of $b$ examples gives the
# estimate $\frac1b\sum_{i\in B}(\mathbf{x}_i^\top\mathbf{w} - y_i)\,\mathbf{x}_i^\top$ for $b$ of them. Here every update
# draws its batch independently and uniformly ($b$ distinct examples; for $b = 1$ an index drawn with
# replacement), so each batch gradient is an unbiased estimate of the full gradient; an **epoch** is
# $m$ per-example gradients of work ($m/b$ updates), in which an example may be used twice or not at
# all. Libraries usually **reshuffle** instead: they cut a random permutation of the data into the
# batches of an epoch. Then the batch gradients of an epoch, at a fixed $\mathbf{w}$, average exactly to
# the full gradient (checked below), and the noise floor is smaller (∝ γ² for small γ, see below). The data: $m = 100$ points, two weights, seeded:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
problem = LeastSquares.synthetic(m=100, seed=0)
w = np.array([3.0, 2.0])
batches = np.random.default_rng(1).permutation(problem.m).reshape(10, 10)   # one epoch, b = 10
mean_of_batches = np.mean([problem.gradient(w, batch) for batch in batches], axis=0)
print("w* =", np.round(problem.minimizer, 4), "  L* =", round(problem.minimum, 4))
print("full gradient:", np.round(problem.gradient(w), 6), "  mean of the 10 batch gradients:", np.round(mean_of_batches, 6))
assert np.allclose(mean_of_batches, problem.gradient(w), atol=1e-12)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Full batch against mini-batches
#
# Gradient descent on all 100 examples ($b = 100$, $\gamma = 1$: one update per epoch) against SGD with
# $b = 10$ ($\gamma = 0.1$) and $b = 1$ ($\gamma = 0.05$), 20 epochs each from $\mathbf{w}_0 = (3, 2)$, each batch
# drawn independently with a seeded generator. Per **update**, the full gradient is best; per **unit of work**
# (per-example gradients, i.e. epochs), SGD with $b = 1$ gets far in the first epoch — and then stalls:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
runs = {"GD, b = 100, γ = 1": sgd(problem, w, 1.0, 100, 20, seed=0),
        "SGD, b = 10, γ = 0.1": sgd(problem, w, 0.1, 10, 20, seed=0),
        "SGD, b = 1, γ = 0.05": sgd(problem, w, 0.05, 1, 20, seed=0)}
for name, run in runs.items():
    one_epoch = run.excess[np.searchsorted(run.epochs, 1.0)]
    print(f"{name:22s} updates: {run.step_sizes.size:5d}   L − L* after 1 epoch: {one_epoch:.3f}   after 20: {run.excess[-1]:.1e}")
gd_run, sgd_run = runs["GD, b = 100, γ = 1"], runs["SGD, b = 1, γ = 0.05"]
assert sgd_run.excess[100] < 0.25 * gd_run.excess[1]          # one epoch: SGD far ahead
assert gd_run.excess[-1] < 1e-2 * sgd_run.excess[-1]         # 20 epochs: GD far below SGD's floor
assert all(np.all(gd_run.excess[1:21] <= r.excess[1:21]) for r in runs.values())   # per update: GD best

# %% slideshow={"slide_type": "subslide"}
sgd_figure(problem, runs)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: left, the three paths on the contour lines of the loss, from (3, 2) to near the minimiser
# (star): full-batch gradient descent (solid) takes 20 smooth steps; SGD with b = 10 (dashed) and
# b = 1 (dash-dotted) wander, b = 1 the most, and keep jittering around w*. Middle, the excess loss
# L(wₖ) − L* on a log scale against the number of updates: gradient descent falls fastest per update.
# Right, the same against the per-example gradients computed (the work): SGD with b = 1 is far ahead
# after the first 100 (one epoch), then levels off at its noise floor, while gradient descent keeps
# falling.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Why a constant step leaves SGD hovering: the noise floor
#
# At $\mathbf{w}^*$ the full gradient is zero, but the batch gradients are not (unless every example is
# fitted exactly): each update still kicks $\mathbf{w}$ by $\gamma$ times a random vector. The kicks add up
# to a random walk held in place by the pull towards $\mathbf{w}^*$, whose mean square distance — and the
# mean excess loss — grows like $\gamma$ for small $\gamma$ — with independently drawn batches, as here. With reshuffling the
# kicks of an epoch nearly cancel (their batch gradients at a fixed $\mathbf{w}$ average exactly to the full gradient) and
# the floor is smaller, about $\propto \gamma^2$. Starting at $\mathbf{w}^*$, 100 epochs with $b = 1$, mean
# $L - L^*$ over the last 80 epochs:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
floors = {step: noise_floor(sgd(problem, problem.minimizer, step, 1, 100, seed=1), 80) for step in (0.01, 0.02, 0.04)}
for step, floor in floors.items():
    print(f"γ = {step:.2f}: noise floor {floor:.2e}")
ratios = [floors[0.02] / floors[0.01], floors[0.04] / floors[0.02]]
print("doubling γ multiplies the floor by", np.round(ratios, 2))
shuffled = [noise_floor(sgd(problem, problem.minimizer, step, 1, 100, seed=1, sampling="shuffle"), 80) for step in floors]
shuffled_ratios = [shuffled[1] / shuffled[0], shuffled[2] / shuffled[1]]
print("reshuffled instead:", " ".join(f"{v:.1e}" for v in shuffled), "  doubling γ multiplies it by", np.round(shuffled_ratios, 2))
decaying = noise_floor(sgd(problem, w, 0.1, 1, 20, seed=0, decay=1.0), 5)
print(f"b = 1, decaying step γₖ = 0.1/(1 + epochs): mean L − L* over the last 5 epochs {decaying:.1e}; constant γ = 0.05: {noise_floor(sgd_run, 5):.1e}")
assert all(1.6 < r < 2.6 for r in ratios)                  # ∝ γ: roughly doubles
assert all(2.8 < r < 4.5 for r in shuffled_ratios) and all(s < f for s, f in zip(shuffled, floors.values()))   # ∝ γ², lower
assert decaying < 0.1 * noise_floor(sgd_run, 5)

# %% [markdown] slideshow={"slide_type": "-"}
# A **decaying** step ($\gamma_k \to 0$ with $\sum_k\gamma_k = \infty$, e.g. $\gamma/(1 + \text{epochs})$) shrinks
# the floor as it goes; a larger batch shrinks the noise of each kick (variance $\approx \sigma^2/b$ for $b \ll m$, exactly
# $\frac{\sigma^2}{b}\frac{m-b}{m-1}$ for $b$ distinct examples: zero at $b = m$, gradient descent) at $b$ times
# the cost per update.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Explorer: batch size and step size
#
# Move the **batch size** $b$ and the **step** $\gamma$, and switch on the **decaying step**: the path on the
# loss contours and the excess loss against epochs follow (the same seed, so the same batches for the
# same settings). Watch the floor move with $\gamma$, the noise shrink with $b$, and $b = 100$ become
# gradient descent.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you drag: at batch size 1 and γ = 0.1, if you halve the step **γ**, does the
# cloud of late iterates around $\mathbf{w}^*$ get wider or narrower? And at $b = 100$ ($\gamma = 1$)? Write your
# guesses, then move γ and **batch size**.

# %% slideshow={"slide_type": "subslide"}
sgd_explorer(problem, w0=(3.0, 2.0), batch_size=1, step=0.1)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The static counterpart: four settings, 20 epochs each (the title gives $b$, $\gamma$, and the mean
# excess loss over the last five epochs).

# %% slideshow={"slide_type": "-"}
sgd_small_multiples(problem)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: four panels of the loss contours with 20 epochs of SGD from (3, 2). b = 1 with γ = 0.05
# ends in a small cloud around w*; with γ = 0.1 the cloud is wider (a higher floor, see the
# titles); with the decaying step 0.1/(1 + epochs) the path settles close to w*; with b = 8 and
# γ = 0.1 the path is smoother and ends near w*.*

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
halved, start_run, full = (sgd(problem, w, s, b, 20, seed=0) for s, b in ((0.05, 1), (0.1, 1), (1.0, 100)))
spread = {run.step_sizes[0]: np.sqrt(np.mean(np.sum((run.points[-500:] - problem.minimizer) ** 2, axis=1))) for run in (halved, start_run)}
assert noise_floor(halved, 5) < 0.5 * noise_floor(start_run, 5) and spread[0.05] < spread[0.1]   # the explorer's question
assert np.all(np.diff(full.excess) < 0) and full.excess[-1] < 1e-4                                # b = 100: no floor
print(f"The prediction, checked. b = 1, halving γ from 0.1 to 0.05: mean L − L* over the last 5 epochs {noise_floor(start_run, 5):.1e} → {noise_floor(halved, 5):.1e}, "
      f"rms distance to w* {spread[0.1]:.2f} → {spread[0.05]:.2f};  b = 100, γ = 1: L − L* after 20 epochs {full.excess[-1]:.1e}, still falling")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Is $f(x_1, x_2) = x_1^2 + 3x_1x_2 + x_2^2$ convex on the box $[-1, 1]^2$? A classmate answered
# `"convex"` because $\partial^2 f/\partial x_1^2 = 2 > 0$ and $\partial^2 f/\partial x_2^2 = 2 > 0$. Run the checker,
# read why that is not enough, then answer `"convex"` or `("not convex", (x1, x2))` with a point of the
# box where the Hessian has a negative eigenvalue.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_1 = "convex"  # the classmate's answer; yours: "convex" or ("not convex", (x1, x2))
check_convexity(answer_1, "x1^2 + 3*x1*x2 + x2^2", [(-1, 1), (-1, 1)])

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("convex-indefinite")` gives a nudge, `hint("convex-indefinite", 2)` the method; once
# you have run the checker on an answer of your own, `solution("convex-indefinite")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** Is $f(x_1, x_2) = x_1^4 - x_1x_2 + x_2^2$ convex on $[-1, 1]^2$? And on $[0.5, 1] \times [-1, 1]$?
# (Compute $\det\mathbf{H}$.) Replace `...` with your answers.

# %% slideshow={"slide_type": "-"}
answer_2a = ...  # on [-1, 1]²: "convex" or ("not convex", (x1, x2))
check_convexity(answer_2a, "x1^4 - x1*x2 + x2^2", [(-1, 1), (-1, 1)])
answer_2b = ...  # on [0.5, 1] × [-1, 1]
check_convexity(answer_2b, "x1^4 - x1*x2 + x2^2", [(0.5, 1), (-1, 1)])

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* The ids are `"convex-box-a"` and `"convex-box-b"`: `hint(id)` gives a nudge, `hint(id, 2)`
# the method; once you have run the checker on an answer of your own, `solution(id)` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** The log-sum-exp $f(x_1, x_2) = \ln(e^{x_1} + e^{x_2})$, the smooth maximum behind softmax: convex
# on $[-2, 2]^2$? (Its Hessian is $\operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top$ with $\mathbf{p}$ the softmax of $\mathbf{x}$.)

# %% slideshow={"slide_type": "-"}
answer_3 = ...  # "convex" or ("not convex", (x1, x2))
check_convexity(answer_3, "log(exp(x1) + exp(x2))", [(-2, 2), (-2, 2)])

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("convex-logsumexp")` gives a nudge, `hint("convex-logsumexp", 2)` the method; once
# you have run the checker on an answer of your own, `solution("convex-logsumexp")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - **Convex**: chords on or above the graph; equivalently tangents on or below it ($f$ differentiable), or a
#   positive semidefinite Hessian everywhere ($f$ twice continuously differentiable). For a convex $f$ every
#   local minimiser is global; $x^4/4 - x^2 + x/2$ shows what goes wrong without convexity.
# - **Newton's method** solves $\mathbf{H}\mathbf{d} = -\nabla f^\top$: exact in one step on a quadratic,
#   quadratic convergence near a minimiser with $\mathbf{H}$ positive definite and Lipschitz, against the
#   linear rates $\frac{\kappa-1}{\kappa+1}$ and (asymptotically) $\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$ of gradient descent and momentum — at the price of
#   a Hessian and an $n^3/6$-multiply-add solve per step, and only where $\mathbf{H}$ is positive definite (even there the full step can raise $f$ far from
#   $\mathbf{x}^*$: a backtracking step $t \le 1$ keeps it downhill).
#   **Preconditioning** sits in between: Cholesky gives Newton, diagonal is cheap.
# - **SGD** replaces the gradient by a mini-batch estimate (unbiased, $b$ instead of $m$ per-example
#   gradients): fast per unit of work, but a constant step leaves a **noise floor** $\propto \gamma$ (for small $\gamma$, with
#   independently drawn batches; smaller with reshuffling);
#   a decaying step or a larger batch lowers it.
#
# This closes the lecture: from the derivative as a limit to the gradient, the chain rule and
# backpropagation, to gradient descent, its remedies and what real training uses.
#
# **Back to the start:** [00 — Overview](00_overview.ipynb) · **Previous:** [10 — Step size and momentum](10_step_size_and_momentum.ipynb)
