# %% [markdown] slideshow={"slide_type": "slide"}
# # 09 · Challenges of gradient descent
#
# **Slides covered:** *Continuous Optimization* (local and global minima; its sentence on convex functions: notebook 11) and both slides
# *Challenges with Gradient Descent* — local minima, saddle points, a step size that is too
# small or too large. Their last sentence, *"an adaptive mechanism should be employed to
# adjust the step size at each iteration"*, is the subject of notebook 10.
#
# **After this notebook you can**
# - tell a local from a global minimum, and say why a function can have several global minimisers or none;
# - classify a stationary point with the Hessian (minimum, maximum, saddle point) and know when that test says nothing;
# - explain why gradient descent lingers near a saddle point, what it guarantees (for $f$ bounded below and $L$-smooth and a constant step $0 < \gamma < 2/L$: $f$ decreases, $\nabla f \to 0$) and why its iterates, when they converge, usually — but not always — converge to a local minimiser;
# - predict from the Hessian which constant step sizes converge, and recognise a step size that is too small or too large.

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_stationary_point, DOUBLE_WELL, gradient_descent, hessian, minimisers_figure,
    paths_figure, paths_small_multiples, Quadratic, SADDLE, saddle_escape_figure,
    saddle_figure, THREE_HUMP_CAMEL,
)

x1, x2, z, eps = sp.symbols("x1 x2 z epsilon", real=True)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Local and global minima
#
# A point $\mathbf{x}^*$ is a **local minimiser** of $f$ (and $f(\mathbf{x}^*)$ a local minimum) if
# $f(\mathbf{x}^*) \le f(\mathbf{x})$ for all $\mathbf{x}$ in some neighbourhood of $\mathbf{x}^*$, and a
# **global minimiser** if this holds for every $\mathbf{x}$. Gradient descent only looks at the slope
# where it stands, so *where it starts* decides *which* local minimiser it reaches (if it converges).
#
# The three-hump camel $f = 2x_1^2 - 1.05x_1^4 + x_1^6/6 + x_1x_2 + x_2^2$ has three local
# minimisers — the global one at the origin, $f = 0$, and two others with $f \approx 0.299$ — and
# two saddle points between them. Six starts, one step size; each run stops when
# $\|\nabla f(\mathbf{x}_k)\| < 10^{-6}$ ("converged" in this notebook's status lines always means
# such a stopping rule on the gradient):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
camel = THREE_HUMP_CAMEL
starts = [(-2.0, 1.5), (2.0, -1.5), (1.0, 1.8), (0.5, -1.8), (-2.0, -0.5), (2.0, 1.0)]
runs = [gradient_descent(camel.gradient, x0, 0.05, n_steps=2000, f=camel.value, tol=1e-6)
        for x0 in starts]
ends = np.array([run.final for run in runs])
for x0, run in zip(starts, runs):
    print(f"start {x0} → {np.round(run.final, 3) + 0.0}   f = {run.values[-1]:.4f}   ({run.message})")
local = np.array(camel.local_minimizers)
assert all(run.status == "converged" for run in runs)
assert np.allclose(ends[[2, 3]], 0.0, atol=1e-5)                        # the global minimum
assert np.allclose(ends[[0, 4]], local[0], atol=1e-5) and np.allclose(ends[[1, 5]], local[1], atol=1e-5)
assert np.isclose(camel.value(local[0]), camel.value(local[1])) and camel.value(local[0]) > 0.29

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
paths_figure(camel, runs, [f"start {x0}" for x0 in starts],
             marks={"minimiser": camel.minimizers, "local minimiser": camel.local_minimizers,
                    "saddle": camel.saddles},
             title="gradient descent, γ = 0.05, from six starts")

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: contour lines of the three-hump camel function with six gradient-descent paths (each
# with its own colour, line style and marker; hollow circle = start, filled marker = end). The
# two paths that start at (1, 1.8) and (0.5, −1.8) end in the global minimiser at the origin
# (star); the two starting at (−2, 1.5) and (−2, −0.5) end in the local minimiser at about
# (−1.75, 0.87), the two starting at (2, −1.5) and (2, 1) in the one at (1.75, −0.87) (diamonds).
# Two saddle points (X) lie between the minimisers.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### One minimum value — several minimisers, or none
#
# The slide says *"multiple local minima but only one global minimum"*. The global minimum
# **value** is unique when it is attained; the **minimisers** need not be:
#
# - $f(z) = (z^2 - 1)^2$ has **two** global minimisers, $z = \pm 1$, both with $f = 0$;
# - $f(x) = e^x$ has **none**: $\inf f = 0$, but $e^x > 0$ for every $x$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
well = (z**2 - 1)**2
stationary = sp.solve(sp.diff(well, z), z)
minimisers = [p for p in stationary if sp.diff(well, z, 2).subs(z, p) > 0]
print("stationary points:", stationary, "  minimisers:", minimisers, "  values:", [well.subs(z, p) for p in minimisers])
assert sorted(minimisers) == [-1, 1] and all(well.subs(z, p) == 0 for p in minimisers)
assert well.is_nonnegative                                  # a square: f ≥ 0, so both are global

x = sp.Symbol("x", real=True)
print("exp: positive everywhere:", sp.exp(x).is_positive, "  limit at -∞:", sp.limit(sp.exp(x), x, -sp.oo),
      "  solutions of exp(x) = 0:", sp.solveset(sp.exp(x), x, sp.S.Reals), "  of exp'(x) = 0:", sp.solveset(sp.diff(sp.exp(x), x), x, sp.S.Reals))
assert sp.exp(x).is_positive and sp.limit(sp.exp(x), x, -sp.oo) == 0
assert sp.solveset(sp.diff(sp.exp(x), x), x, sp.S.Reals) == sp.S.EmptySet   # no stationary point at all
assert DOUBLE_WELL.minimizers == ((-1.0,), (1.0,))

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
minimisers_figure([
    dict(f=lambda v: (v**2 - 1)**2, x_range=(-1.8, 1.8), minimisers=[-1, 1], infimum=0.0,
         title="(z² − 1)²: two global minimisers", label="f(z)", xlabel="z"),
    dict(f=np.exp, x_range=(-5.0, 1.5), infimum=0.0, title="eˣ: inf = 0, never attained"),
])

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: left, the graph of (z² − 1)² with its two global minimisers z = −1 and z = 1 (stars),
# both at height 0 (dotted line). Right, the graph of eˣ approaching the dotted line at height 0
# as x → −∞ without ever reaching it: no minimiser.*
#
# > **Note on the slides.** *"Only one global minimum"* holds for the minimum *value*. There can
# > be several global minimisers, as for $(z^2-1)^2$, or none at all, as for $e^x$, whose
# > infimum 0 is never attained.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Saddle points
#
# At a **stationary point** the gradient is zero. That is necessary for a minimum of a
# differentiable $f$ but not sufficient. If $f$ is twice continuously differentiable near the point,
# the eigenvalues of the **Hessian** $\mathbf{H}$ (the matrix of second derivatives) there decide in
# three of four cases:
#
# | eigenvalues of $\mathbf{H}$ | the stationary point is |
# |---|---|
# | all $> 0$ (positive definite) | a strict local minimum |
# | all $< 0$ (negative definite) | a strict local maximum |
# | some $> 0$ and some $< 0$ (indefinite; singular or not) | a **saddle point**: $f$ rises in some directions, falls in others |
# | all $\ge 0$, or all $\le 0$, with some $= 0$ | the test says nothing: look at $f$ itself |
#
# **The corrected example.** $f(\mathbf{x}) = x_1^2 - x_2^2$ at the origin: zero gradient, Hessian
# $\operatorname{diag}(2, -2)$ (indefinite), and $f(0, \varepsilon) = -\varepsilon^2 < 0 = f(0, 0)$
# while $f(\varepsilon, 0) = \varepsilon^2 > 0$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
saddle = x1**2 - x2**2
origin = {x1: 0, x2: 0}
H = hessian(saddle, [x1, x2])
gradient_at_origin = sp.Matrix([saddle]).jacobian([x1, x2]).subs(origin)
print("∇f(0, 0) =", gradient_at_origin, "   H =", H, "   eigenvalues:", H.eigenvals())
print("f(0, ε) =", saddle.subs({x1: 0, x2: eps}), "   f(ε, 0) =", saddle.subs({x1: eps, x2: 0}))
assert gradient_at_origin == sp.zeros(1, 2)
assert H == sp.diag(2, -2) and set(H.eigenvals()) == {2, -2}              # indefinite
assert saddle.subs({x1: 0, x2: eps}) == -eps**2 and saddle.subs({x1: eps, x2: 0}) == eps**2
assert np.allclose(SADDLE.hessian([0.0, 0.0]), np.array(H, dtype=float))   # the landscape used below

# %% [markdown] slideshow={"slide_type": "subslide"}
# > **Note on the slides.** The slide's example $f(\mathbf{x}) = x_1^2x_2^2$ at $(0, 0)$ is **not** a
# > saddle point. Its gradient is zero, but $f = (x_1x_2)^2 \ge 0 = f(0, 0)$ everywhere, and
# > $f(0, \varepsilon) = 0$ is *equal* to $f(0, 0)$, not smaller: the origin is a (non-strict)
# > **global minimiser**. Its Hessian there is the zero matrix, so the Hessian test says nothing.
# > The intended example is $x_1^2 - x_2^2$ above.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
slide_example = x1**2 * x2**2
grad_slide = sp.Matrix([slide_example]).jacobian([x1, x2])
H_slide = hessian(slide_example, [x1, x2]).subs(origin)
print("∇f(0, 0) =", grad_slide.subs(origin), "  H(0, 0) =", H_slide,
      "  f(0, ε) =", slide_example.subs({x1: 0, x2: eps}), "  f ≥ 0:", slide_example.is_nonnegative)
assert grad_slide.subs(origin) == sp.zeros(1, 2) and H_slide == sp.zeros(2, 2)
assert slide_example.subs({x1: 0, x2: eps}) == 0 and slide_example.is_nonnegative   # a global minimum

# %% slideshow={"slide_type": "subslide"}
saddle_figure({"f = x₁² − x₂²: a saddle point": lambda a, b: a**2 - b**2,
               "f = x₁²x₂² (slide): a minimum": lambda a, b: a**2 * b**2})

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: top row, the surface (left) and the contour lines (right) of x₁² − x₂². The surface
# is shaped like a riding saddle. In the contour panel, along the x₁ axis (blue, solid) f grows,
# along the x₂ axis (vermillion, dashed) it falls: the origin (black dot) is a saddle point; f(0, 0.8) = −0.64 is smaller than f(0, 0) and
# f(0.8, 0) = +0.64 larger. Bottom row, x₁²x₂²: a flat-bottomed valley along both axes; f(0, 0.8) = f(0.8, 0) = 0
# = f(0, 0), and f is never negative, so the origin is a (non-strict) minimum, not a saddle.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Gradient descent lingers near a saddle point
#
# On $f = x_1^2 - x_2^2$ one gradient step with step size $\gamma$ is
# $x_1 \leftarrow (1 - 2\gamma)\,x_1$ and $x_2 \leftarrow (1 + 2\gamma)\,x_2$. For $0 < \gamma < 1$ the
# $x_1$ direction (the Hessian's positive eigenvalue) is **stable**, $|1 - 2\gamma| < 1$; for every
# $\gamma > 0$ the $x_2$ direction (the negative one) is **unstable**. From a start $(1, \delta)$ with a
# tiny $\delta > 0$ and $0 < \gamma < \tfrac12$, $x_1$ shrinks by $1 - 2\gamma$ and $x_2$ grows by
# $1 + 2\gamma$ at every step: the path approaches the saddle for about
# $\ln(1/\delta)/\ln\frac{1 + 2\gamma}{1 - 2\gamma}$ steps and then leaves it; $x_2$ reaches $r$ after
#
# $$k \approx \frac{\ln(r/\delta)}{\ln(1 + 2\gamma)} \quad \text{steps — growing like } \ln(1/\delta).$$

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
gamma, radius = 0.1, 0.5
deltas = [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12]
escapes = [gradient_descent(SADDLE.gradient, [1.0, d], gamma, n_steps=400, f=SADDLE.value,
                            divergence_bound=10.0) for d in deltas]
steps_near = [int(np.sum(np.linalg.norm(run.points, axis=1) < radius)) for run in escapes]
slope = np.polyfit(np.log(1 / np.array(deltas)), steps_near, 1)[0]
print("x2(0):", deltas, "\nsteps with ‖x‖ < 0.5:", steps_near)
print(f"slope against log(1/x2(0)): {slope:.3f}   prediction 1/log(1 + 2γ) = {1 / np.log(1 + 2 * gamma):.3f}")
assert all(run.status == "diverged" for run in escapes)          # every run escapes (f has no minimum)
assert np.all(np.diff(steps_near) > 0)                            # smaller x2(0): longer stay
assert abs(slope * np.log(1 + 2 * gamma) - 1) < 0.01              # grows like log(1/x2(0))
turns = [int(np.argmin(np.linalg.norm(run.points, axis=1))) for run in escapes]
leaves = [int(np.argmax(np.abs(run.points[:, 1]) >= radius)) for run in escapes]
print("closest approach at step:", turns, "  x2 reaches 0.5 at step:", leaves)
for d, run, turn, leave in zip(deltas, escapes, turns, leaves):
    distance = np.linalg.norm(run.points, axis=1)
    assert np.all(np.diff(distance[:turn + 1]) < 0) and np.all(np.diff(distance[turn:]) > 0)  # a V
    assert abs(turn - np.log(1 / d) / np.log((1 + 2 * gamma) / (1 - 2 * gamma))) < 1
    assert abs(leave - np.log(radius / d) / np.log(1 + 2 * gamma)) < 1

# %% slideshow={"slide_type": "subslide"}
saddle_escape_figure(SADDLE, escapes[::2], deltas[::2], steps_near[::2], radius=radius,
                     growth=1 + 2 * gamma)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: left, three gradient-descent paths on the contour lines of x₁² − x₂², starting at
# (1, x₂(0)) with x₂(0) = 10⁻², 10⁻⁶, 10⁻¹⁰: each runs along the x₁ axis into the dotted disc
# around the saddle (X) and leaves it upwards. Middle, the distance to the saddle against the
# step, on a log scale: it falls geometrically, then grows geometrically — a V, whose turn comes
# later for smaller x₂(0). Right, the number of steps inside the disc against log₁₀(1/x₂(0)): the
# points lie on a straight line whose slope (solid) matches the prediction 1/log₁₀(1 + 2γ)
# (dashed).*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What gradient descent guarantees — and what it does not
#
# The slide says that for a suitable step size, gradient descent ($f(\mathbf{x}_0) \ge f(\mathbf{x}_1) \ge \dots$)
# *"converges to a local minimum"*. What is true: if $f$ is bounded below and its gradient is
# $L$-Lipschitz ($L$-smooth), then for $0 < \gamma < 2/L$ the values $f(\mathbf{x}_k)$ decrease and
# $\nabla f(\mathbf{x}_k) \to 0$; limit points of the iterates, if any, are stationary points. So:
#
# - the iterates need not converge at all: on $e^x$ (whose gradient is 1-Lipschitz where $e^x \le e^0$,
#   all that matters from $x_0 = 0$) $x_k \to -\infty$ while $f$ decreases and $f' \to 0$;
# - if they converge, the limit is a stationary point — usually a local minimiser, but not always.
#   A start **exactly** on the stable direction of a saddle, $(1, 0)$, never gets an $x_2$
#   component: the iteration converges to the saddle point. A perturbation of $10^{-12}$ is enough
#   to escape. On $(z^2 - 1)^2$ a start at the local **maximum** $z = 0$ stays there.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
exact = gradient_descent(SADDLE.gradient, [1.0, 0.0], gamma, n_steps=400, f=SADDLE.value)
nudged = gradient_descent(SADDLE.gradient, [1.0, 1e-12], gamma, n_steps=400, f=SADDLE.value,
                          divergence_bound=10.0)
at_top = gradient_descent(DOUBLE_WELL.gradient, [0.0], gamma, f=DOUBLE_WELL.value)
print(f"from (1, 0):     {exact.message}, x = {exact.final}, f = {exact.values[-1]:.1e}")
print(f"from (1, 1e-12): {nudged.message}, f = {nudged.values[-1]:.1f}")
print(f"(z² − 1)² from z = 0: {at_top.message}, z = {at_top.final}, f = {at_top.values[-1]}")
assert exact.status == "converged" and np.allclose(exact.final, 0.0, atol=1e-8)
assert SADDLE.value([0.0, 1e-3]) < SADDLE.value(exact.final)                        # not a minimum
assert nudged.status == "diverged" and nudged.values[-1] < -1
assert at_top.status == "converged" and at_top.n_steps == 0 and at_top.values[-1] == 1.0   # a maximum
exp_run = gradient_descent(np.exp, [0.0], 0.5, n_steps=200, f=lambda v: float(np.exp(v[0])))
print(f"eˣ from 0, γ = 0.5: x_100 = {exp_run.points[100, 0]:.2f}, x_200 = {exp_run.points[200, 0]:.2f},"
      f" f' = {exp_run.gradient_norms[-1]:.1e}")
assert np.all(np.diff(exp_run.values) < 0) and exp_run.gradient_norms[-1] < 0.01   # f decreases, f' → 0
assert exp_run.points[200, 0] < exp_run.points[100, 0] - 0.5 < -4                   # x keeps going to −∞

# %% slideshow={"slide_type": "subslide"}
paths_small_multiples(SADDLE, [exact, nudged], ["from (1, 0): converges to the saddle",
                                                "from (1, 10⁻¹²): escapes"],
                      x_range=(-1.5, 1.5), y_range=(-1.5, 1.5), marks={"saddle": [(0.0, 0.0)]})

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: two gradient-descent paths on the contour lines of x₁² − x₂². Left, from (1, 0) the
# path runs along the x₁ axis straight into the saddle point (X) and stops there. Right, from
# (1, 10⁻¹²) it runs the same way, then turns and leaves along the x₂ axis.*
#
# > **Note on the slides.** If the iterates converge, the limit is a *stationary point*, usually
# > but not always a local minimiser: a start on the stable direction of a saddle point converges
# > to the saddle. For $f$ bounded below and $L$-smooth and $0 < \gamma < 2/L$ only
# > "$f(\mathbf{x}_k)$ decreases and $\nabla f(\mathbf{x}_k) \to 0$" is guaranteed; the iterates need not
# > converge at all ($e^x$).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The step size: too small or too large
#
# The slides' quadratic $f(\mathbf{x}) = \tfrac12\mathbf{x}^\top\mathbf{A}\mathbf{x} - \mathbf{b}\mathbf{x}$ with
# $\mathbf{A} = \begin{bmatrix} 2 & 1 \\ 1 & 20 \end{bmatrix}$, $\mathbf{b} = [5, 3]$, from
# $\mathbf{x}_0 = [-3, -1]^\top$. The error obeys $\mathbf{e}_{k+1} = (\mathbf{I} - \gamma\mathbf{A})\,\mathbf{e}_k$, so a
# constant step converges from every start exactly when $0 < \gamma < 2/\lambda_{\max}$ (at
# $\gamma = 2/\lambda_{\max}$ the error along the steepest eigenvector flips sign forever without
# shrinking), and $\gamma^* = 2/(\lambda_{\min} + \lambda_{\max})$ has the smallest worst-case
# contraction factor $\max_i |1 - \gamma\lambda_i|$ (notebook 08):
#
# - **too large** ($\gamma > 2/\lambda_{\max}$): it overshoots across the steep valley and diverges (from
#   every start with a component along the steep eigenvector);
# - **too small**: every step is safe but tiny — after 60 steps it is still far from $\mathbf{x}^*$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
q = Quadratic([[2, 1], [1, 20]], [5, 3])
x0 = [-3.0, -1.0]
lam_min, lam_max = q.eigenvalues
print(f"eigenvalues {lam_min:.4f}, {lam_max:.4f}:  2/λmax = {q.max_stable_step:.4f},  γ* = {q.optimal_step:.4f}")
settings = {"too large": 0.105, "too small": 0.005, "γ*": q.optimal_step}
step_runs = {name: gradient_descent(q.gradient, x0, s, n_steps=60, f=q.value) for name, s in settings.items()}
for name, run in step_runs.items():
    print(f"{name:9s} γ = {settings[name]:.4f}: {run.message},  ‖x − x*‖ = {run.distances(q.minimizer)[-1]:.3g}")
assert np.isclose(q.max_stable_step, 2 / lam_max) and settings["too large"] > q.max_stable_step
assert np.isclose(abs(1 - q.max_stable_step * lam_max), 1)                    # γ = 2/λmax: |factor| = 1
assert step_runs["too large"].distances(q.minimizer)[-1] > 10 * step_runs["too large"].distances(q.minimizer)[0]
assert step_runs["too small"].distances(q.minimizer)[-1] > 0.5                   # slow
assert step_runs["γ*"].distances(q.minimizer)[-1] < 5e-5                         # fast: within 5·10⁻⁵ of x*
assert round(settings["too large"] / q.max_stable_step, 2) == 1.05                    # 5 % above the edge
assert round(step_runs["too small"].distances(q.minimizer)[-1], 1) == 3.0               # still 3.0 from x*
gaps = {name: run.values - q.minimum for name, run in step_runs.items()}              # f(x_k) − f*
assert np.all(np.diff(gaps["too large"][:3]) < 0) and np.all(np.diff(gaps["too large"][2:]) > 0)   # 2 down, then up
assert f"{gaps['too large'][-1]:.0e}" == "3e+06"                                     # to about 3·10⁶
assert round(gaps["too small"][0]) == 46 and round(gaps["too small"][-1]) == 9         # 46 → 9: slowly
assert np.all(np.diff(gaps["γ*"]) < 0) and f"{gaps['γ*'][-1]:.0e}" == "3e-09"           # fast
assert np.all(np.diff(step_runs["too small"].values) < 0)                        # yet every step goes down

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
paths_small_multiples(q, list(step_runs.values()),
                      [f"too large: γ = {settings['too large']:g}", f"too small: γ = {settings['too small']:g}",
                       f"γ* = 2/(λmin + λmax) = {q.optimal_step:.3f}"],
                      x_range=(-4, 5), y_range=(-2.5, 2.5), marks={"minimiser": [q.minimizer]},
                      minimum=q.minimum, suptitle="Effect of the step size (60 steps)")

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the slides' lost figure, recomputed, as a 2 × 2 grid. Three panels show the contour
# lines of the slides' quadratic with 60 gradient-descent steps from (−3, −1). Top left, a step
# 5 % above 2/λmax: the path zig-zags across the narrow valley with growing amplitude (it
# diverges). Top right, a very small step: a smooth path that has covered only part of the way to
# the minimiser (star) and ends 3.0 from it. Bottom left, the best constant step γ*: it zig-zags
# towards the minimiser and ends within 5·10⁻⁵ of it. Bottom right: f(x_k) − f* on a log scale —
# growing for the large step (after two steps
# down, up to about 3·10⁶), slowly falling for the small one (from 46 to
# about 9), falling fast for γ* (to about 3·10⁻⁹).*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** $f(x_1, x_2) = x_1^3 - 3x_1 + x_2^2$ has zero gradient at $(1, 0)$ and at $(-1, 0)$.
# What is $(-1, 0)$: `"minimum"`, `"maximum"` or `"saddle"`? A classmate answered `"minimum"`
# because $\partial^2 f/\partial x_2^2 = 2 > 0$. Run the checker, read why that is not enough, and
# correct the answer (compute the whole Hessian there).

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_1 = "minimum"  # the classmate's answer; yours: "minimum", "maximum" or "saddle"
check_stationary_point(answer_1, "x1^3 - 3*x1 + x2^2", (-1, 0))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("stationary-cubic")` gives a nudge, `hint("stationary-cubic", 2)` the method; once
# you have run the checker on an answer of your own, `solution("stationary-cubic")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** The slide's example, $f = x_1^2 x_2^2$ at $(0, 0)$: what kind of stationary point is it?
# The cell holds the slide's answer `"saddle"` (the slide claims $f(0, \varepsilon) < f(0, 0)$; in fact
# $f(0, \varepsilon) = 0 = f(0, 0)$): run it,
# read the checker's feedback, then answer `"minimum"`, `"maximum"` or `"saddle"` (add `"strict "`
# only if $f(\mathbf{x}) > f(\mathbf{0})$ for every $\mathbf{x} \ne \mathbf{0}$ nearby).

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = "saddle"  # the slide's answer; yours: "minimum", "maximum" or "saddle"
check_stationary_point(answer_2, "x1^2*x2^2", (0, 0))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("stationary-flat")` gives a nudge, `hint("stationary-flat", 2)` the method; once you
# have run the checker on an answer of your own, `solution("stationary-flat")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A **local** minimiser is lowest in a neighbourhood, a **global** one everywhere; for a small
#   enough step, gradient descent usually ends in the local minimiser of the basin it starts in.
#   The global minimum value is unique when attained, but there may be several global minimisers
#   ($(z^2-1)^2$) or none ($e^x$).
# - A zero gradient is not enough: for $f$ twice continuously differentiable, the Hessian classifies
#   a stationary point — definite: a strict *local* minimum or maximum; eigenvalues of both signs: a
#   **saddle point** ($x_1^2 - x_2^2$, not the slide's $x_1^2x_2^2$, which is a minimum); some
#   eigenvalue 0 and the others all of one sign: the test says nothing, look at $f$ itself.
# - On $x_1^2 - x_2^2$, from $(1, \delta)$, $x_2$ reaches $r$ after about $\ln(r/\delta)/\ln(1 + 2\gamma)$ steps
#   (near another saddle the growth factor is about $1 + \gamma|\lambda|$, $\lambda$ the Hessian's most negative
#   eigenvalue): the time spent near a saddle grows like $\ln(1/\delta)$. What it guarantees for $f$ bounded below and $L$-smooth with
#   $0 < \gamma < 2/L$: $f(\mathbf{x}_k)$ decreases and $\nabla f(\mathbf{x}_k) \to 0$; limit points, if any,
#   are stationary — usually, not always, local minimisers — and the iterates need not converge
#   ($e^x$).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## Summary (continued)
#
# - A constant step converges on a quadratic $\frac12\mathbf{x}^T A\mathbf{x} - \mathbf{b}\mathbf{x}$ with $A$ symmetric
#   positive definite from every start exactly when $0 < \gamma < 2/\lambda_{\max}$; a step above the
#   edge diverges, a tiny one is safe but slow, and even the best constant step is slow when
#   $\kappa = \lambda_{\max}/\lambda_{\min}$ is large.
#
# Notebook 10 looks at the step size through the eigenvectors of $A$ (why $\lambda_{\max}$ sets the
# edge and $\lambda_{\min}$ the speed), and at the slides' remedy, steps that adapt, and at momentum (MML §7.1.2, beyond the
# slides).
#
# **Next:** [10 — Step size and momentum](10_step_size_and_momentum.ipynb) · **Back:** [08 — Gradient descent](08_gradient_descent.ipynb) · [00 — Overview](00_overview.ipynb)
