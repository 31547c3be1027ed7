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
# - use two adaptive step-size rules — the **bold driver** and **backtracking line search** — and say what each costs;
# - explain **momentum** (the heavy ball), its asymptotic rate $\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$ on a quadratic, and why $f$ need not decrease at every step;
# - compare the methods by steps, gradient and function evaluations on an ill-conditioned quadratic and on Rosenbrock's function.

# %% slideshow={"slide_type": "skip"}
import numpy as np
from IPython.display import Markdown

from lecture_utils import (
    Backtracking, BoldDriver, check_bold_driver_step, comparison_table,
    descent_comparison_figure, descent_explorer, gradient_descent, momentum_small_multiples,
    paths_figure, Quadratic, ROSENBROCK,
)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Adaptive step sizes
#
# The slides end: *"an adaptive mechanism should be employed to adjust the step size at each
# iteration based on changes in the function value."* Two adaptive step-size rules and one remedy
# of a different kind, compared on an **ill-conditioned** quadratic (condition number
# $\kappa = \lambda_{\max}/\lambda_{\min} = 50$, valley rotated by 30°, minimiser at the origin). There
# the best constant step $\gamma^*$ shrinks $\|\nabla f\|$ at least by $\rho = \frac{\kappa-1}{\kappa+1}$ per
# step, so it reaches $\|\nabla f\| < \text{tol}$ within $\ln(\|\nabla f(\mathbf{x}_0)\|/\text{tol}) / \ln\frac{\kappa+1}{\kappa-1}$
# steps:
#
# 1. the **bold driver** (MML §7.1.1) — grow γ after a success, shrink it after a failure;
# 2. **backtracking line search** (Armijo) — try a large γ, halve it until $f$ drops enough;
# 3. **momentum** (MML §7.1.2) — not a step-size rule: it remembers the previous step.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
ill = Quadratic.with_condition_number(50, angle=np.pi / 6)
start, tol = [-2.0, 1.5], 1e-6
across = ill.eigenvectors[:, -1]             # x @ across: signed distance from the valley floor
constant = gradient_descent(ill.gradient, start, ill.optimal_step, n_steps=5000, f=ill.value, tol=tol)
bound = np.log(np.linalg.norm(ill.gradient(start)) / tol) / np.log(51 / 49)
print(f"κ = {ill.condition_number:g},  2/λmax = {ill.max_stable_step:.4f},  γ* = {ill.optimal_step:.4f},"
      f"  contraction factor at γ*: {ill.optimal_contraction_factor:.4f}")
print(f"best constant step: {constant.message}  (bound: {bound:.1f} steps)")
assert constant.status == "converged" and np.isclose(ill.condition_number, 50)
assert 0.99 * bound < constant.n_steps <= np.ceil(bound)                  # the bound is reached here

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### The bold driver
#
# After each step compare the function values (MML §7.1.1):
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
# step size has to be tuned — at the price of several function evaluations per step.

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
# best choice). The bold driver starts at $\gamma = 1$ on both problems. A **step** counts every
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

# %% slideshow={"slide_type": "subslide"}
descent_comparison_figure(ill, results["quadratic (κ = 50)"], minimum=ill.minimum, dots=["backtracking"],
                          suptitle="The four methods on the ill-conditioned quadratic", **window)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the four methods on the ill-conditioned quadratic. Top, their paths on the contour
# lines. Bottom left, f(x_k) − f* on a log scale against the step: momentum (dotted) first rises
# (for three steps), then falls steepest; then come backtracking (dash-dotted), the bold driver
# (dashed) and the best constant step (solid). Bottom right, the step sizes: flat for the
# constant step and momentum; for the bold driver a first drop from 1 to 1/32, then a saw-tooth
# (growing by 10 % per accepted step, halving after a failure); for backtracking (dots) 1/32 or
# 1/16, chosen anew at every step.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# What the table and the counts above show:
#
# - **Momentum** needs by far the fewest steps and gradients on both problems — but it has two
#   parameters to choose ($\gamma$ and $\alpha$), and $f$ rises in some of its steps.
# - **Backtracking** needs no tuning and never let $f$ increase on either problem (the Armijo
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
# the swings across the valley, too much momentum makes the path spiral around the minimiser.

# %% slideshow={"slide_type": "subslide"}
descent_explorer(ill, x0=start, step=ill.optimal_step, n_steps=150, momentum=True, alpha=0.5,
                 x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))

# %% [markdown] slideshow={"slide_type": "subslide"}
# The static counterpart: the same start and step $\gamma^*$, four values of $\alpha$, 200 steps
# (each panel's title gives $\alpha$, the spectral radius $\rho$ of the iteration, and where the run
# stands).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
rho = {a: ill.contraction_factor(ill.optimal_step, a) for a in (0.0, 0.5, 0.8, 0.95)}
swings = {a: gradient_descent(ill.gradient, start, ill.optimal_step, momentum=a, n_steps=200, tol=1e-8)
          for a in rho}
final = {a: run.distances(ill.minimizer)[-1] for a, run in swings.items()}
assert rho[0.8] < rho[0.5] < rho[0.0] < rho[0.95]                          # α = 0.95 is slower than α = 0
assert final[0.8] < final[0.5] < final[0.0] < final[0.95] and swings[0.8].status == "converged"
assert max(abs(swings[0.5].points[5:] @ across)) < 0.5 < 1.5 < max(abs(swings[0.0].points[5:] @ across))
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
# ## Check yourself
#
# **1.** One step of the bold driver by hand. On $f = x_1^2 + 10x_2^2$ you stand at
# $\mathbf{x} = (1, 1)$ with step size $\gamma = 0.2$ (grow 1.1, shrink 0.5). Give the point where the
# next iteration starts and its step size, as `([x1, x2], γ)`. A classmate took the gradient step
# and grew γ, without looking at $f$: run the checker on that answer, then write yours.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_1 = ([0.6, -3.0], 0.22)  # the classmate's answer; yours: ([x1, x2], next γ)
check_bold_driver_step(answer_1, "x1^2 + 10*x2^2", [1.0, 1.0], 0.2)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Two adaptive step-size rules: the **bold driver** (grow/shrink by the change in $f$) and
#   **backtracking** (Armijo's sufficient decrease, more function evaluations); both never let $f$
#   increase, and neither needs $\lambda_{\max}$.
# - A remedy of another kind, **momentum** (heavy ball): asymptotic rate $\frac{\sqrt\kappa-1}{\sqrt\kappa+1}$
#   instead of $\frac{\kappa-1}{\kappa+1}$, but two parameters to choose, and $f$ need not decrease at
#   every step.
#
# This closes the lecture: from the derivative as a limit to the gradient, the chain rule and
# backpropagation, to gradient descent, its challenges and its remedies.
#
# **Back to the start:** [00 — Overview](00_overview.ipynb) · **Previous:** [09 — Challenges of gradient descent](09_gradient_descent_challenges.ipynb)
