# %% [markdown] slideshow={"slide_type": "slide"}
# # 10 · Step size and momentum
#
# **Slides covered:** the last sentence of *Challenges with Gradient Descent* — *"an adaptive
# mechanism should be employed to adjust the step size at each iteration based on changes in the
# function value"* — and, from *Optimization Using Gradient Descent*, *"gradient descent can be
# relatively slow close to the minimum"*. Momentum goes beyond the slides: *Mathematics for Machine
# Learning* §7.1.1 (step size) and §7.1.2 (gradient descent with momentum).
#
# **After this notebook you can**
# - split the error of gradient descent on a quadratic along the eigenvectors of the Hessian, and say why $\lambda_{\max}$ sets the largest step and $\lambda_{\min}$ the speed;
# - use two adaptive step-size rules — the **bold driver** and **backtracking line search** — and say what each costs;
# - explain **momentum** (the heavy ball), read its rate $\rho(\gamma, \alpha)$ off a map, its best asymptotic rate $\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$ on a quadratic, and why $f$ need not decrease at every step;
# - compare the methods by steps, gradient and function evaluations on an ill-conditioned quadratic and on Rosenbrock's function.

# %% slideshow={"slide_type": "skip"}
import numpy as np
from IPython.display import Markdown

from lecture_utils import (
    hint, solution,
    Backtracking, BoldDriver, check_bold_driver_step, comparison_table,
    descent_comparison_figure, descent_explorer, error_components_explorer,
    error_components_figure, gradient_descent, momentum_rate_explorer, momentum_rate_map,
    momentum_small_multiples, paths_figure, Quadratic, rate_map_figure, ROSENBROCK,
)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The eigen-picture of gradient descent
#
# On a quadratic $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top\mathbf{A}\mathbf{x} - \mathbf{b}\mathbf{x}$ with $\mathbf{A}$ **symmetric positive definite** (so all $\lambda_i > 0$ and $\mathbf{x}^*$ is unique) the error
# $\mathbf{e}_k = \mathbf{x}_k - \mathbf{x}^*$ obeys $\mathbf{e}_{k+1} = (\mathbf{I} - \gamma\mathbf{A})\,\mathbf{e}_k$.
# Write it in the eigenvectors of $\mathbf{A}$ ($\mathbf{A}\mathbf{v}_i = \lambda_i\mathbf{v}_i$, orthonormal):
# $\mathbf{e}_k = \sum_i c_i(k)\,\mathbf{v}_i$. Then
#
# $$c_i(k+1) = (1 - \gamma\lambda_i)\,c_i(k):$$
#
# each component is multiplied by $1 - \gamma\lambda_i$ at every step, **on its own**, so its size changes
# by exactly the factor $|1 - \gamma\lambda_i|$ (it shrinks if the factor is below 1, grows if above). In
# the long run the largest factor among the components present at the start sets the pace of $\|\mathbf{e}_k\|$.
#
# - **The edge.** Every factor is below 1 exactly when $0 < \gamma < 2/\lambda_i$ for every $i$, that is
#   $\gamma < 2/\lambda_{\max}$: the **largest** eigenvalue decides which steps are allowed.
# - **The speed.** For $0 < \gamma \le \gamma^* = 2/(\lambda_{\min} + \lambda_{\max})$ the slowest factor is
#   $1 - \gamma\lambda_{\min}$, at best $1 - \gamma^*\lambda_{\min} = \frac{\kappa - 1}{\kappa + 1}$: the **smallest**
#   eigenvalue decides how fast an allowed step can go (above $\gamma^*$, $|1 - \gamma\lambda_{\max}|$ takes over).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
q = Quadratic([[2, 1], [1, 20]], [5, 3])                 # the slides' quadratic
x0 = [-3.0, -1.0]
ill = Quadratic.with_condition_number(50, angle=np.pi / 6)     # κ = 50, valley turned by 30°
start = [-2.0, 1.5]
cases = {"slides' quadratic": (q, x0, 0.08), "κ = 50": (ill, start, 0.036)}
for name, (Q, s0, g) in cases.items():
    run = gradient_descent(Q.gradient, s0, g, n_steps=30, tol=0.0)
    c = Q.error_components(run.points)                      # row k: c_1(k), c_2(k)
    factors = 1 - g * Q.eigenvalues
    print(f"{name}: λ = {np.round(Q.eigenvalues, 3)}, γ = {g}: factors 1 − γλᵢ = {np.round(factors, 3)},"
          f"  2/λmax = {Q.max_stable_step:.4f},  γ* = {Q.optimal_step:.4f}")
    assert np.allclose(c[1:], c[:-1] * factors, rtol=1e-9, atol=1e-14)   # exactly its factor, every step
    assert np.argmax(np.abs(factors)) == 0                                   # v₁ (λmin) is the slowest
assert np.allclose(np.abs(1 - 0.08 * q.eigenvalues).round(3), [0.844, 0.604])
assert np.allclose(np.abs(1 - 0.036 * ill.eigenvalues).round(3), [0.964, 0.8])
for Q in (q, ill):
    assert np.isclose(Q.max_stable_step, 2 / Q.eigenvalues[-1])
    assert abs(1 - 0.99 * Q.max_stable_step * Q.eigenvalues[-1]) < 1 < abs(1 - 1.01 * Q.max_stable_step * Q.eigenvalues[-1])
    below = np.linspace(0.001, Q.optimal_step, 50)        # up to γ*: the slowest is 1 − γλmin
    worst = np.abs(1 - np.outer(below, Q.eigenvalues)).max(axis=1)
    assert np.allclose(worst, 1 - below * Q.eigenvalues[0]) and worst.min() >= Q.optimal_contraction_factor - 1e-12
    above = np.linspace(Q.optimal_step, Q.max_stable_step, 50)   # from γ* to the edge: |1 − γλmax|
    assert np.allclose(np.abs(1 - np.outer(above, Q.eigenvalues)).max(axis=1), above * Q.eigenvalues[-1] - 1)
    kappa = Q.condition_number
    assert np.isclose(Q.optimal_contraction_factor, (kappa - 1) / (kappa + 1))
assert round(1 / q.eigenvalues[-1], 3) == 0.050 and round(q.optimal_step, 3) == 0.091 and round(q.max_stable_step, 4) == 0.0997

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
error_components_figure([
    dict(quadratic=q, x0=x0, step=0.08, title="slides' quadratic, γ = 0.08"),
    dict(quadratic=ill, x0=start, step=0.036, title="κ = 50, γ = 0.036"),
], n_steps=30)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: top, the absolute error components |cᵢ(k)| along the two eigenvectors against the
# step k on a log scale, 30 steps; bottom, the factors |1 − γλᵢ| against γ (each V-shaped with its zero at
# γ = 1/λᵢ; for v₁ the zero lies far to the right, so only the falling branch shows), with 2/λmax (dotted, where the steep factor reaches 1), γ* (dash-dotted, where the
# two factors are equal) and the panel's γ (black line, its two factors as dots). Left, the
# slides' quadratic with γ = 0.08: both components fall along straight lines, v₁ (λ₁ = 1.94) by
# 0.844 per step — the slowest — and v₂ (λ₂ = 20.1) by 0.604. Right, κ = 50 with γ = 0.036 (just
# below 2/λmax = 0.04): v₂ (λ = 50) falls by 0.800 per step, v₁ (λ = 1) only by 0.964.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Explorer: one step size, one factor per direction
#
# Move **γ** on the slides' quadratic. Below $\gamma^* = 0.091$ the flat direction $\mathbf{v}_1$ is the
# slowest. For $\gamma > 1/\lambda_{\max} = 0.050$ the factor $1 - \gamma\lambda_2$ is negative: the $\mathbf{v}_2$
# component flips sign at every step; between $\gamma^*$ and $2/\lambda_{\max} = 0.0997$ it is also the
# slowest; beyond the edge $\mathbf{v}_2$ grows while $\mathbf{v}_1$ still shrinks. The legend names
# the directions; the status line gives every signed factor $1 - \gamma\lambda_i$, names the components that
# flip sign and the slowest direction (the curves show the sizes $|c_i(k)|$).

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you move **γ**: just below the edge $2/\lambda_{\max}$, which of the
# two components flips its sign at every step, and which one shrinks slowest? Write your guess, then
# move γ towards the edge.

# %% slideshow={"slide_type": "subslide"}
error_components_explorer(q, x0=x0, step=0.08, n_steps=40)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The static counterpart: the same quadratic at two steps around the edge.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
near = {g: Q_run for g, Q_run in ((g, gradient_descent(q.gradient, x0, g, n_steps=30, tol=0.0)) for g in (0.095, 0.105))}
flip = {g: q.error_components(run.points) for g, run in near.items()}
assert np.all(np.sign(flip[0.095][1:, 1]) == -np.sign(flip[0.095][:-1, 1]))      # v₂ flips sign every step
assert np.argmax(np.abs(1 - 0.095 * q.eigenvalues)) == 1 and round(abs(1 - 0.095 * q.eigenvalues[1]), 3) == 0.905
assert abs(flip[0.105][-1, 1]) > 10 * abs(flip[0.105][0, 1]) and abs(flip[0.105][-1, 0]) < abs(flip[0.105][0, 0]) / 100
assert [round(abs(1 - 0.095 * q.eigenvalues[0]), 3), round(abs(1 - 0.105 * q.eigenvalues[1]), 3),
        round(abs(1 - 0.105 * q.eigenvalues[0]), 3)] == [0.815, 1.106, 0.796]
error_components_figure([dict(quadratic=q, x0=x0, step=0.095, title="γ = 0.095 (between γ* and 2/λmax)"),
                         dict(quadratic=q, x0=x0, step=0.105, title="γ = 0.105 (beyond 2/λmax)")], n_steps=30)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the slides' quadratic, 30 steps, as in the figure above. Left, γ = 0.095, between
# γ* and the edge: now v₂ is the slowest (factor 0.905; its component changes sign at every step,
# the log scale shows its size) and v₁ shrinks by 0.815. Right, γ = 0.105, 5 % beyond 2/λmax: the
# v₂ component grows by 1.106 per step — the run diverges — while v₁ still shrinks by 0.796.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Adaptive step sizes
#
# The slides end: *"an adaptive mechanism should be employed to adjust the step size at each
# iteration based on changes in the function value."* Two adaptive step-size rules and one remedy
# of a different kind, compared on an **ill-conditioned** quadratic (condition number
# $\kappa = \lambda_{\max}/\lambda_{\min} = 50$, valley rotated by 30°, minimiser at the origin). There
# the best constant step $\gamma^*$ multiplies $\|\nabla f\|$ by at most $\rho = \frac{\kappa-1}{\kappa+1}$ at
# every step ($\nabla f = \mathbf{A}\mathbf{e}$, and $\mathbf{A}$ commutes with $\mathbf{I} - \gamma\mathbf{A}$), so it reaches
# $\|\nabla f\| < \text{tol}$ within $\big\lceil\ln(\|\nabla f(\mathbf{x}_0)\|/\text{tol}) / \ln\frac{\kappa+1}{\kappa-1}\big\rceil$
# steps:
#
# 1. the **bold driver** (a heuristic of MML §7.1.1) — grow γ after a success, shrink it after a failure;
# 2. **backtracking line search** (Armijo) — try a large γ, halve it until $f$ drops enough;
# 3. **momentum** (MML §7.1.2) — not a step-size rule: it remembers the previous step.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
tol = 1e-6                                   # ill and start: the eigen-picture above
across = ill.eigenvectors[:, -1]             # x @ across: signed distance from the valley floor
constant = gradient_descent(ill.gradient, start, ill.optimal_step, n_steps=5000, f=ill.value, tol=tol)
bound = np.log(np.linalg.norm(ill.gradient(start)) / tol) / np.log(51 / 49)
print(f"κ = {ill.condition_number:g},  2/λmax = {ill.max_stable_step:.4f},  γ* = {ill.optimal_step:.4f},"
      f"  contraction factor at γ*: {ill.optimal_contraction_factor:.4f}")
print(f"best constant step: {constant.message}  (bound: {bound:.1f} steps)")
assert constant.status == "converged" and np.isclose(ill.condition_number, 50)
assert 0.99 * bound < constant.n_steps <= np.ceil(bound)                  # the bound is reached here
grad_norms_constant = np.linalg.norm(ill.gradient(constant.points), axis=1)
assert np.all(grad_norms_constant[1:] <= ill.optimal_contraction_factor * grad_norms_constant[:-1] * (1 + 1e-12))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The bold driver
#
# After each step compare the function values — the heuristic of MML §7.1.1, known as the
# *bold driver* (MML gives the rule, not this name or the factors; 1.1 and ½ are our choice):
#
# - if $f(\mathbf{x}_{i+1}) \le f(\mathbf{x}_i)$ the step could have been larger: keep it and **grow**
#   $\gamma \leftarrow 1.1\,\gamma$;
# - if $f$ increased, the step was too large: **undo** it and **shrink** $\gamma \leftarrow \tfrac12\gamma$.
#
# One function evaluation per step, and no knowledge of $\lambda_{\max}$: we start at $\gamma = 1$, as
# backtracking does. $\gamma$ never settles: it rises 10 % per accepted step and halves after a
# failure, staying between about ½ and 2.2 × $2/\lambda_{\max}$ (median ≈ $2/\lambda_{\max}$ here).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
bold = gradient_descent(ill.gradient, start, BoldDriver(1.0), n_steps=5000, f=ill.value, tol=tol)
kept = np.diff(bold.points, axis=0).any(axis=1)          # steps that were not undone
ratio = bold.step_sizes / ill.max_stable_step
print(f"bold driver: {bold.message}, {bold.n_rejected} steps undone (the first five: γ = 1 … 1/16);"
      f" after them γ/(2/λmax) between {ratio[5:].min():.2f} and {ratio[5:].max():.2f}, median {np.median(ratio):.2f}")
assert bold.status == "converged" and bold.n_rejected == np.sum(~kept)
assert np.all(np.diff(bold.values) <= 1e-15)                             # f never increases
assert not kept[:5].any() and kept[5] and bold.step_sizes[5] == 1 / 32
assert 0.5 < ratio[5:].min() < 0.55 and 2.1 < ratio[5:].max() < 2.2 and 0.9 < np.median(ratio) < 1.2
assert 0.4 < np.mean(ratio[kept] > 1) < 0.6               # about half the accepted steps exceed 2/λmax
side = bold.points @ across
assert np.allclose(bold.points[6], [-0.18, -1.60], atol=0.005)             # the first accepted step
assert np.all(np.sign(side[6:9]) == [-1, 1, -1]) and round(np.abs(side[10:]).max(), 3) == 0.033   # then along the floor

# %% slideshow={"slide_type": "subslide"}
window = dict(x_range=(-2.5, 2.5), y_range=(-1.6, 1.6), marks={"minimiser": [ill.minimizer]})
paths_figure(ill, [constant, bold], ["constant γ*", "bold driver"], title="bold driver", **window)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the two paths on the contour lines of the ill-conditioned quadratic (a long valley
# tilted by 30°). The best constant step (solid) crosses the valley at every step in a dense fan.
# The bold driver (dashed) stays at the start while its first five trials (γ = 1 down to 1/16)
# are undone; with γ = 1/32 it crosses the valley to (−0.18, −1.60), crosses twice more with
# smaller swings, and from step 10 on runs almost straight along the floor (at most 0.033 from it)
# to the minimiser (star).*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Backtracking line search (Armijo)
#
# At every step start from a large $\gamma$ (here 1) and halve it until the **sufficient-decrease
# condition** holds:
#
# $$f\big(\mathbf{x}_i - \gamma\,\nabla f(\mathbf{x}_i)^\top\big) \le f(\mathbf{x}_i) - c\,\gamma\,\|\nabla f(\mathbf{x}_i)\|^2,
# \qquad c = 10^{-4}.$$
#
# For a differentiable $f$ and a point with $\nabla f(\mathbf{x}_i) \ne 0$, a small enough $\gamma$ satisfies
# the condition (because $c < 1$), so the halving stops and $f$ decreases at every such step. No
# step size has to be matched to the curvature (its parameters — the initial $\gamma_0 = 1$, the factor ½
# and $c = 10^{-4}$ — are standard choices) — at the price of several function evaluations per step.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
armijo = gradient_descent(ill.gradient, start, Backtracking(initial=1.0, shrink=0.5, c=1e-4),
                          n_steps=5000, f=ill.value, tol=tol)
grad_norms = np.linalg.norm(ill.gradient(armijo.points[:-1]), axis=1)
decrease = armijo.values[:-1] - armijo.values[1:]
print(f"backtracking: {armijo.message}, {armijo.n_function_evaluations} evaluations of f"
      f" ({armijo.n_function_evaluations / armijo.n_steps:.1f} per step)")
assert armijo.status == "converged"
assert np.all(decrease >= 1e-4 * armijo.step_sizes * grad_norms**2 - 1e-12)   # Armijo at every step
assert set(np.round(np.log2(armijo.step_sizes), 9)) <= set(range(-60, 1))    # γ = 1, 1/2, 1/4, ...
assert armijo.n_function_evaluations > 3 * armijo.n_steps
side = armijo.points @ across
print("first γ:", armijo.step_sizes[0], "  first point:", np.round(armijo.points[1], 2),
      "  distances from the floor:", np.round(np.abs(side[:5]), 2))
assert armijo.step_sizes[0] == 1 / 32 and np.allclose(armijo.points[1], [-0.18, -1.60], atol=0.005)
assert np.all(side[:8] * side[1:9] < 0)                                   # crosses at every step
assert np.allclose(np.abs(side[1:5] / side[:4]), 0.56, atol=0.01) and np.abs(side[9:]).max() < 0.035
assert set(armijo.step_sizes) == {1 / 16, 1 / 32}                               # the figure's two levels

# %% slideshow={"slide_type": "subslide"}
paths_figure(ill, [constant, armijo], ["constant γ*", "backtracking"], title="backtracking", **window)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the backtracking path (dashed) and the constant-step path (solid) on the contour
# lines of the ill-conditioned quadratic. Backtracking halves γ five times, from 1 to 1/32, before
# its first step is accepted: that step crosses the valley to (−0.18, −1.60). It then crosses
# the valley at every step, its distance from the floor shrinking by about 0.56 per step
# (2.30 → 1.29 → 0.73 → 0.41 → 0.23), and runs along the floor (within 0.035 of it) to the
# minimiser (star).*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Momentum (the heavy ball)
#
# Gradient descent with momentum (MML §7.1.2) adds a fraction $\alpha$ of the previous step:
#
# $$\mathbf{x}_{i+1} = \mathbf{x}_i - \gamma\,\nabla f(\mathbf{x}_i)^\top + \alpha\,\Delta\mathbf{x}_i, \qquad
# \Delta\mathbf{x}_i = \mathbf{x}_i - \mathbf{x}_{i-1}.$$
#
# Along the valley the gradient keeps its direction and the steps add up; across it the gradient
# flips sign and they partly cancel. On a quadratic with the best $\gamma$ and $\alpha$ (Polyak), the
# **spectral radius** of the iteration is $\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}$ instead of
# $\frac{\kappa - 1}{\kappa + 1}$: for $\kappa = 50$ about 0.75 instead of 0.96. It is an *asymptotic*
# rate: at Polyak's $(\gamma, \alpha)$ the iteration has a double eigenvalue of modulus
# $\sqrt\alpha = 0.752$ for $\lambda_{\min}$ and for $\lambda_{\max}$ (not diagonalisable), so the error behaves like
# $k \cdot 0.75^k$ and the ratio per step tends to 0.75 only slowly (0.763 measured over the last 30 steps).
# Nor is it a per-step factor: the error and
# $f$ can grow in early steps. So momentum breaks the slides' promise
# $f(\mathbf{x}_0) \ge f(\mathbf{x}_1) \ge \dots$, which plain gradient descent keeps with a small
# enough step.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
step_hb, alpha_hb = ill.optimal_momentum()
heavy = gradient_descent(ill.gradient, start, step_hb, momentum=alpha_hb, n_steps=5000, f=ill.value, tol=tol)
rate = (np.sqrt(50) - 1) / (np.sqrt(50) + 1)
errors = heavy.distances(ill.minimizer)
measured = (errors[-1] / errors[-31]) ** (1 / 30)                 # mean contraction over the last 30 steps
print(f"momentum γ = {step_hb:.4f}, α = {alpha_hb:.4f}: {heavy.message};"
      f" contraction over the last 30 steps {measured:.3f} per step (spectral radius {rate:.3f}, without momentum {ill.optimal_contraction_factor:.3f})")
print("f(x_0), …, f(x_4) with momentum:", np.round(heavy.values[:5], 1), "  without:", np.round(constant.values[:5], 1))
assert heavy.status == "converged" and np.isclose(ill.contraction_factor(step_hb, alpha_hb), rate)
assert np.isclose(np.sqrt(alpha_hb), rate) and round(measured, 3) == 0.763 and heavy.n_steps < constant.n_steps / 4
for lam, root in zip(ill.eigenvalues, (rate, -rate)):          # a double eigenvalue ±√α, not diagonalisable
    block = np.array([[1 + alpha_hb - step_hb * lam, -alpha_hb], [1.0, 0.0]]) - root * np.eye(2)
    assert np.abs(block @ block).max() < 1e-9 < 0.1 < np.abs(block).max()
ks = np.arange(40, heavy.n_steps + 1)
assert np.ptp(errors[ks] / (ks * rate**ks)) < 0.01 * np.mean(errors[ks] / (ks * rate**ks))   # e_k ≈ c·k·0.752^k
assert np.all(np.diff(heavy.values[:4]) > 0) and heavy.values[3] > 7 * heavy.values[0]   # f rises sevenfold
assert errors[1] > errors[0] and np.max(errors[1:] / errors[:-1]) > 1                  # not a per-step factor
assert np.all(np.diff(constant.values) <= 0)                                           # plain GD keeps it
assert np.all(constant.distances(ill.minimizer)[1:] <= ill.optimal_contraction_factor * constant.distances(ill.minimizer)[:-1] + 1e-12)
edge = 2 * (1 + 0.5) / ill.eigenvalues[-1]                     # with α = 0.5, stable up to 2(1 + α)/λmax
assert ill.contraction_factor(0.99 * edge, 0.5) < 1 < ill.contraction_factor(1.01 * edge, 0.5)
side = heavy.points @ across
assert np.all(side[:-1] * side[1:] < 0)                                    # crosses the valley at every step
assert np.abs(side[:5]).max() > 6 > 1.6 and np.abs(side[3]) > 2.5 * np.abs(side[0])   # the swing grows first, off the window
assert round(np.median(np.abs(side[-30:] / side[-31:-1])), 2) == 0.76            # then shrinks by about 0.76 per step

# %% slideshow={"slide_type": "subslide"}
paths_figure(ill, [constant, heavy], ["constant γ*", "momentum"], title="momentum", **window)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the momentum path (dashed) and the constant-step path (solid) on the contour lines.
# Momentum crosses the valley at every step. Its swing first grows, far beyond the window (f
# rises about sevenfold in three steps), then shrinks, in the end by about 0.76 per step (tending slowly to 0.75), while
# the path moves along the valley to the minimiser (star): 83 steps instead of 464.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Comparison
#
# Each method runs until $\|\nabla f(\mathbf{x}_k)\| < 10^{-6}$ on the ill-conditioned quadratic, and until
# $\|\nabla f(\mathbf{x}_k)\| < 10^{-2}$ on Rosenbrock's banana $(1 - x_1)^2 + 100(x_2 - x_1^2)^2$ from
# $(-1.2, 1)$: "converged" in the table means this stopping rule, which bounds the gradient, not the
# distance to $\mathbf{x}^*$ (on Rosenbrock the runs stop about 0.02 from it). The constant step on
# Rosenbrock is $0.95 \cdot 2/\lambda_{\max}$, $\lambda_{\max}$ the largest eigenvalue of the Hessian at the
# minimiser (steps above $2/\lambda_{\max}$ are unstable at the minimiser; 0.95 is a margin, not the
# best choice). The bold driver starts at $\gamma = 1$ on both problems. Momentum uses Polyak's $(\gamma, \alpha)$ on the
# quadratic (computed from $\lambda_{\min}$ and $\lambda_{\max}$, like $\gamma^*$) and $\gamma = 10^{-3}$,
# $\alpha = 0.9$ on Rosenbrock (chosen by hand; stable at the minimiser, since
# $\gamma < 2(1 + \alpha)/\lambda_{\max} \approx 0.0038$). A **step** counts every
# iteration, also one the bold driver undid. The constant step and momentum do not need $f$; here
# they evaluate it once per step only to record $f(\mathbf{x}_k)$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
results = {"quadratic (κ = 50)": {"constant γ*": constant, "bold driver": bold,
                                  "backtracking": armijo, "momentum": heavy}}
lam_rosenbrock = np.linalg.eigvalsh(ROSENBROCK.hessian([1.0, 1.0]))[-1]
banana = dict(grad=ROSENBROCK.gradient, x0=[-1.2, 1.0], f=ROSENBROCK.value, tol=1e-2, n_steps=20000)
results["Rosenbrock"] = {
    "constant 0.95·2/λmax": gradient_descent(step=0.95 * 2 / lam_rosenbrock, **banana),
    "bold driver": gradient_descent(step=BoldDriver(1.0), **banana),
    "backtracking": gradient_descent(step=Backtracking(), **banana),
    "momentum": gradient_descent(step=1e-3, momentum=0.9, **banana),
}
minimisers = {"quadratic (κ = 50)": ill.minimizer, "Rosenbrock": ROSENBROCK.minimizers[0]}
Markdown("\n\n".join(f"**{name}**\n\n" + comparison_table(runs, minimisers[name]) for name, runs in results.items()))

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
increases = {}
for name, r in results.items():
    steps = {k.split()[0]: run.n_steps for k, run in r.items()}     # "constant", "bold", ...
    assert all(run.status == "converged" for run in r.values()), name
    # fewest steps: momentum; then backtracking; the bold driver beats the table's constant step
    assert steps["momentum"] < steps["backtracking"] < steps["bold"] < steps["constant"], name
    # but backtracking pays with evaluations of f: the most of all, several per step
    assert max(r, key=lambda k: r[k].n_function_evaluations) == "backtracking", name
    assert r["backtracking"].n_function_evaluations > 3 * r["backtracking"].n_steps, name
    # momentum also needs the fewest gradients; the bold driver skips the gradient after an undone step
    assert min(r, key=lambda k: r[k].n_gradient_evaluations) == "momentum", name
    assert r["bold driver"].n_gradient_evaluations == r["bold driver"].n_steps - r["bold driver"].n_rejected + 1, name
    increases[name] = {k: int(np.sum(np.diff(run.values) > 0)) for k, run in r.items()}
    assert increases[name]["bold driver"] == increases[name]["backtracking"] == 0, name   # f never increases
    assert increases[name]["momentum"] > 0, name                                        # momentum lets it
print("steps in which f increased:", increases)
assert increases["Rosenbrock"]["constant 0.95·2/λmax"] > 0 == increases["quadratic (κ = 50)"]["constant γ*"]
closer = gradient_descent(step=0.99 * 2 / lam_rosenbrock, **banana)
print(f"constant 0.99·2/λmax on Rosenbrock: {closer.n_steps} steps")
assert closer.n_steps < results["Rosenbrock"]["constant 0.95·2/λmax"].n_steps      # 0.95 is not the best
assert all(0.015 < r.distances(minimisers["Rosenbrock"])[-1] < 0.03 for r in results["Rosenbrock"].values())
assert 1e-3 < 2 * (1 + 0.9) / lam_rosenbrock and round(2 * (1 + 0.9) / lam_rosenbrock, 4) == 0.0038   # momentum's γ, α = 0.9
assert abs(step_hb - 1 / 16) < 0.0015 and round(step_hb, 4) == 0.0614                 # next to backtracking's 1/16

# %% slideshow={"slide_type": "subslide"}
descent_comparison_figure(ill, results["quadratic (κ = 50)"], minimum=ill.minimum, dots=["backtracking"],
                          suptitle="The four methods on the ill-conditioned quadratic", **window)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the four methods on the ill-conditioned quadratic. Top, their paths on the contour
# lines. Bottom left, f(x_k) − f* on a log scale against the step: momentum (dotted) first rises
# (for three steps), then falls steepest; then come backtracking (dash-dotted), the bold driver
# (dashed) and the best constant step (solid). Bottom right, the step sizes: flat for the
# constant step and momentum (momentum's γ = 0.0614 lies almost on backtracking's 1/16 = 0.0625
# level, so the two are hard to tell apart there); for the bold driver a first drop from 1 to 1/32, then a saw-tooth
# (growing by 10 % per accepted step, halving after a failure); for backtracking (dots) 1/32 or
# 1/16, chosen anew at every step.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# What the table and the counts above show:
#
# - **Momentum** needs by far the fewest steps and gradients on both problems, with parameters
#   chosen knowing the curvature (Polyak's pair from $\lambda_{\min}$ and $\lambda_{\max}$; on Rosenbrock by
#   hand) — it has two parameters to choose ($\gamma$ and $\alpha$), and $f$ rises in some of its steps.
# - **Backtracking** needs no step size matched to the curvature (its parameters $\gamma_0 = 1$, ½ and
#   $c = 10^{-4}$ are standard choices) and never let $f$ increase on either problem (the Armijo
#   condition forbids it), but pays with several function evaluations per step: the most of all.
# - The **bold driver**, started at $\gamma = 1$ without knowing $\lambda_{\max}$, needs fewer steps than
#   the table's constant step on both problems ($\gamma^*$, computed from $\lambda_{\min}$ and
#   $\lambda_{\max}$, on the quadratic; $0.95 \cdot 2/\lambda_{\max}$ on Rosenbrock). It never lets $f$
#   increase either: a step that would is undone.
# - Even the constant step $0.95 \cdot 2/\lambda_{\max}$ breaks $f(\mathbf{x}_0) \ge f(\mathbf{x}_1) \ge \dots$
#   on Rosenbrock (in a few steps, counted above): $2/\lambda_{\max}$ at the minimiser says nothing
#   about the curvature elsewhere.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Explorer: step size and momentum
#
# In the spirit of Distill's *Why Momentum Really Works*: move **γ** and **α** and watch the path on
# the ill-conditioned quadratic. Without momentum ($\alpha = 0$) every start converges exactly for
# $0 < \gamma < 2/\lambda_{\max}$, and $\gamma^* = 2/(\lambda_{\min} + \lambda_{\max})$ has the smallest
# contraction factor. With momentum $0 \le \alpha < 1$ the iteration is stable for
# $0 < \gamma < 2(1 + \alpha)/\lambda_{\max}$, so a larger α tolerates a larger γ; a moderate α shrinks
# the swings across the valley, too much momentum makes the path overshoot the minimiser again and again, swinging back and forth
# along the valley.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you drag: with γ fixed, will raising **α** from 0.5 to 0.9 bring the
# path to the minimiser sooner, or make it overshoot again and again, swinging back and forth along the valley? Write your guess, then move α.

# %% slideshow={"slide_type": "subslide"}
descent_explorer(ill, x0=start, step=ill.optimal_step, n_steps=150, momentum=True, alpha=0.5,
                 x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The static counterpart: the same start and step $\gamma^*$, four values of $\alpha$, 200 steps
# (each panel's title gives $\alpha$, the spectral radius $\rho$ of the iteration, and where the run
# stands).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
rho = {a: ill.contraction_factor(ill.optimal_step, a) for a in (0.0, 0.5, 0.8, 0.95)}
assert [round(rho[a], 3) for a in (0.8, 0.5, 0.95, 0.0)] == [0.894, 0.913, 0.975, 0.961]   # the caption's rates
swings = {a: gradient_descent(ill.gradient, start, ill.optimal_step, momentum=a, n_steps=200, tol=1e-8)
          for a in rho}
final = {a: run.distances(ill.minimizer)[-1] for a, run in swings.items()}
assert rho[0.8] < rho[0.5] < rho[0.0] < rho[0.95]                          # α = 0.95 is slower than α = 0
assert final[0.8] < final[0.5] < final[0.0] < final[0.95] and swings[0.8].status == "converged"
assert max(abs(swings[0.5].points[5:] @ across)) < 0.5 < 1.5 < max(abs(swings[0.0].points[5:] @ across))
assert all(swings[a].status != "converged" for a in (0.0, 0.5, 0.95))        # only α = 0.8 meets 10⁻⁸
along = [run.points @ ill.eigenvectors[:, 0] for run in (swings[0.8], swings[0.95])]
assert all(np.sum(a[:-1] * a[1:] < 0) >= 10 for a in along)                   # overshoot along the valley
momentum_small_multiples(ill, start, ill.optimal_step, [0.0, 0.5, 0.8, 0.95], n_steps=200,
                         x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: four panels of the ill-conditioned quadratic's contour lines with 200 steps of
# gradient descent from (−2, 1.5) with the step γ* and momentum α = 0, 0.5, 0.8 and 0.95. α = 0
# crosses the valley at every step in a dense fan; α = 0.5 crosses it with much smaller swings;
# α = 0.8 overshoots the minimiser (star) along the valley again and again but is the only run
# that meets ‖∇f‖ < 10⁻⁸ within 200 steps; with α = 0.95 the path keeps swinging around the
# minimiser. Last panel: the distance to the minimiser on a log scale — α = 0.8 falls fastest
# (spectral radius 0.894), then α = 0.5 (0.913); α = 0.95 is slower than α = 0 (0.975 against
# 0.961) and ends farther from the minimiser.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The rate map: momentum over $(\gamma, \alpha)$
#
# With momentum each eigen-direction follows a two-term recurrence,
# $c_i(k+1) = (1 + \alpha - \gamma\lambda_i)\,c_i(k) - \alpha\,c_i(k-1)$; its factor per step in the long run is
# the spectral radius of $\begin{bmatrix} 1 + \alpha - \gamma\lambda_i & -\alpha \\ 1 & 0 \end{bmatrix}$, and the
# rate $\rho(\gamma, \alpha)$ is the largest over the eigenvalues (only $\lambda_{\min}$ and $\lambda_{\max}$
# matter). On the ill-conditioned quadratic ($\kappa = 50$):
#
# - the region $\rho < 1$ is $0 < \gamma < 2(1 + \alpha)/\lambda_{\max}$ (for $0 \le \alpha < 1$);
# - along $\alpha = 0$ the best rate is $\frac{\kappa - 1}{\kappa + 1} = 0.961$; Polyak's pair (the star) reaches
#   $\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1} = 0.752$, the smallest anywhere on the map;
# - $f(\mathbf{x}_k)$ need not decrease: at $(\gamma, \alpha) = (0.05, 0.5)$, $\rho = 0.885$, $f$ rises in 4 of
#   120 steps (and at Polyak's pair in the first 3), while plain gradient descent with $\gamma^*$ never lets it rise.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
gammas = np.linspace(0.0004, 0.088, 220)
alphas = np.linspace(0.0, 0.98, 99)
rho_map = momentum_rate_map(ill.eigenvalues, gammas, alphas)
step_hb, alpha_hb = ill.optimal_momentum()
kappa = ill.condition_number
edge = 2 * (1 + alphas[:, None]) / ill.eigenvalues[-1]                       # 2(1 + α)/λmax
clear = np.abs(gammas[None, :] - edge) > 1e-3                                # off the boundary
assert np.array_equal((rho_map < 1)[clear], (gammas[None, :] < edge)[clear])
assert np.isclose(ill.contraction_factor(step_hb, alpha_hb), (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1))
assert round(ill.contraction_factor(step_hb, alpha_hb), 3) == 0.752 and rho_map.min() >= 0.752 - 1e-3
assert round(rho_map[0].min(), 3) == round((kappa - 1) / (kappa + 1), 3) == 0.961       # row α = 0
pairs = {"(0.05, 0.5)": (0.05, 0.5), "Polyak": (step_hb, alpha_hb), "γ*, α = 0": (ill.optimal_step, 0.0)}
rises, map_runs = {}, {}
for name, (g, a) in pairs.items():
    run = gradient_descent(ill.gradient, start, g, momentum=a, n_steps=120, f=ill.value, tol=0.0)
    map_runs[name] = run
    rises[name] = np.flatnonzero(np.diff(run.values) > 0) + 1        # the steps k where f(x_k) > f(x_{k-1})
print({name: k.tolist() for name, k in rises.items()}, "  ρ(0.05, 0.5) =", round(ill.contraction_factor(0.05, 0.5), 3))
assert rises["(0.05, 0.5)"].size == 4 and rises["Polyak"].tolist() == [1, 2, 3] and rises["γ*, α = 0"].size == 0
assert round(ill.contraction_factor(0.05, 0.5), 3) == 0.885
gaps = {name: run.values[-1] - ill.minimum for name, run in map_runs.items()}
assert gaps["(0.05, 0.5)"] * 1e10 < gaps["γ*, α = 0"]                  # ends more than 10¹⁰ times lower
assert abs(step_hb - 2 * (1 + alpha_hb) / ill.eigenvalues[-1]) < 0.002    # the star lies next to the edge line

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Predict, then look.** Before you look for the star: does the fastest pair $(\gamma, \alpha)$ use
# no momentum ($\alpha = 0$), about $\alpha = \tfrac12$, or nearly $\alpha = 1$? And does it sit in the middle of the
# stable region or at its edge? Cover the star while you guess, then move the dot towards the darkest
# region.

# %% slideshow={"slide_type": "-"}
momentum_rate_explorer(ill, x0=start, step=0.05, momentum=0.5, n_steps=120)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Move **γ** and **α**: the dot moves on the map, the curve on the right is $f(\mathbf{x}_k) - f^*$ of
# the current pair (triangles: steps where $f$ rises), the dashed one the best constant step without
# momentum. The static counterpart, at the pair $(0.05, 0.5)$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
rate_map_figure(ill, start, 0.05, 0.5, n_steps=120)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: left, the rate ρ(γ, α) of the heavy ball on the quadratic with κ = 50 as filled
# contours (step 0.05; dark blue is fast, yellow slow; light grey and hatched: ρ ≥ 1, not
# convergent from every start), bounded on the right by the black line γ = 2(1 + α)/λmax; the star is Polyak's pair
# (γ, α) = (0.061, 0.566) with ρ = 0.752, the dot the pair (0.05, 0.5) with ρ = 0.885. Right,
# f(x_k) − f* on a log scale for that pair (solid) and for γ* without momentum (dashed): with
# momentum f rises in 4 of the 120 steps (triangles) and still ends more than 10¹⁰ times lower.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** One step of the bold driver by hand. On $f = x_1^2 + 10x_2^2$ you stand at
# $\mathbf{x} = (1, 1)$ with step size $\gamma = 0.2$ (grow 1.1, shrink 0.5). Give the point where the
# next iteration starts and its step size, as `([x1, x2], γ)`. A classmate took the gradient step
# and grew γ, without looking at $f$: run the checker on that answer, then write yours.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_1 = ([0.6, -3.0], 0.22)  # the classmate's answer; yours: ([x1, x2], next γ)
check_bold_driver_step(answer_1, "x1^2 + 10*x2^2", [1.0, 1.0], 0.2)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("bold-driver")` gives a nudge, `hint("bold-driver", 2)` the method; once you have run
# the checker on an answer of your own, `solution("bold-driver")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - On a quadratic the error splits along the eigenvectors of $\mathbf{A}$; component $i$ is multiplied by
#   $1 - \gamma\lambda_i$ per step ($\mathbf{A}$ symmetric positive definite). $\lambda_{\max}$ sets the edge $2/\lambda_{\max}$, $\lambda_{\min}$ the speed:
#   at best $\frac{\kappa-1}{\kappa+1}$ per step.
# - Two adaptive step-size rules: the **bold driver** (grow/shrink by the change in $f$) and
#   **backtracking** (Armijo's sufficient decrease, more function evaluations); both never let $f$
#   increase, and neither needs $\lambda_{\max}$.
# - A remedy of another kind, **momentum** (heavy ball): with Polyak's $(\gamma, \alpha)$, which need
#   $\lambda_{\min}$ and $\lambda_{\max}$, asymptotic rate $\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$
#   instead of $\frac{\kappa-1}{\kappa+1}$, but two parameters to choose, and $f$ need not decrease at
#   every step.
#
# Notebook 11 shows two claims the slides only state — convexity (a local minimum is global) and why
# gradient descent's rate is "inferior" (Newton's method) — and stochastic gradients, the way models
# are trained.
#
# **Next:** [11 — Convexity, Newton's method and stochastic gradients](11_convexity_newton_sgd.ipynb) · **Back to the start:** [00 — Overview](00_overview.ipynb) · **Previous:** [09 — Challenges of gradient descent](09_gradient_descent_challenges.ipynb)
