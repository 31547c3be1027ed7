# %% [markdown] slideshow={"slide_type": "slide"}
# # 01 · Derivatives of univariate functions
#
# **Slides covered:** *Differentiation of Univariate Functions* — the difference quotient, the
# derivative as a limit — and *Differentiation Rules* (product, quotient, sum and chain rule).
#
# **After this notebook you can**
# - compute a difference quotient and say what it measures (the slope of a secant);
# - explain how the secant turns into the tangent as δx → 0, and compute the limit with SymPy;
# - check the four differentiation rules symbolically and numerically;
# - choose a finite-difference step h, knowing why it must be neither too large (truncation
#   error) nor too small (round-off error).

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_central_difference, check_derivative, derivative, difference_quotient, finite_difference_errors,
    parse_function, plot_step_errors, secant_explorer, secant_small_multiples,
    to_numpy_function, verify_rules,
)

x, h = sp.symbols("x h")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The difference quotient
#
# For $y = f(x)$ with $x, y \in \mathbb{R}$, the **difference quotient**
#
# $$\frac{\delta y}{\delta x} := \frac{f(x + \delta x) - f(x)}{\delta x}$$
#
# is the slope of the **secant** through the two points $(x, f(x))$ and
# $(x + \delta x, f(x + \delta x))$ of the graph of $f$.
#
# We use $f(x) = x^3/3 - x$ at $x = 0.5$, where $f'(0.5) = 0.5^2 - 1 = -0.75$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f_expr = parse_function("x^3/3 - x")
f = to_numpy_function(f_expr)
x_point = 0.5
exact = float(sp.diff(f_expr, x).subs(x, x_point))

for dx in [1.0, 0.1, 0.01, 0.001]:
    quotient = difference_quotient(f, x_point, dx)
    print(f"δx = {dx:<6g}  δy/δx = {quotient: .6f}   δy/δx − f'(x) = {quotient - exact: .6f}")

assert exact == -0.75
assert abs(difference_quotient(f, x_point, 1e-3) - exact) < 1e-3

# %% [markdown] slideshow={"slide_type": "fragment"}
# The error shrinks in proportion to δx: here $\delta y/\delta x - f'(x) = x\,\delta x + \delta x^2/3$,
# so (error)/δx → $f''(x)/2 = 0.5$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
ratios = [(difference_quotient(f, x_point, dx) - exact) / dx for dx in (1e-2, 1e-3, 1e-4)]
print("error / δx:", np.round(ratios, 4))
assert abs(ratios[-1] - 0.5) < 1e-3

# %% [markdown] slideshow={"slide_type": "subslide"}
# > **Note on the slides.** The slide says the difference quotient is the average slope of $f$
# > between $x$ and $x + \delta x$ "if we assume $f$ to be a linear function". No such
# > assumption is needed: for **any** $f$ the quotient is the average rate of change of $f$ over
# > the interval between $x$ and $x + \delta x$, and if $f$ is continuous on the closed interval and
# > differentiable inside it, the mean value theorem gives a $\xi$ strictly between $x$ and $x + \delta x$
# > with $f'(\xi) = \delta y/\delta x$.
# > For our cubic (not linear!) and δx = 1:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
dx_exact = sp.Integer(1)
x_exact = sp.Rational(1, 2)
mean_slope = (f_expr.subs(x, x_exact + dx_exact) - f_expr.subs(x, x_exact)) / dx_exact
xi = [s for s in sp.solve(sp.Eq(sp.diff(f_expr, x), mean_slope), x) if x_exact < s < x_exact + dx_exact]
print(f"mean slope δy/δx = {mean_slope},  f'(ξ) = δy/δx at ξ = {xi[0]} ≈ {float(xi[0]):.4f}")
assert len(xi) == 1 and sp.diff(f_expr, x).subs(x, xi[0]) == mean_slope

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The derivative: the secant becomes a tangent
#
# $f$ is **differentiable** at $x$ if the limit
#
# $$\frac{\mathrm{d}f}{\mathrm{d}x}(x) := \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}$$
#
# exists; the limit is the **derivative** $f'(x)$ ($h$ plays the role of δx).
#
# SymPy computes the limit of the difference quotient, and it is the derivative:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
limit = sp.limit((f_expr.subs(x, x + h) - f_expr) / h, h, 0)
print("lim (f(x+h) − f(x))/h =", limit)
assert sp.simplify(limit - sp.diff(f_expr, x)) == 0

# %% [markdown] slideshow={"slide_type": "fragment"}
# If $f'(x) \neq 0$, its sign says in which direction $f$ increases near $x$ — in one dimension
# this is the slides' "direction of steepest ascent" ($f'(x) = 0$ gives no such information).
# Here $f'(0.5) = -0.75 < 0$, so $f$ increases for small steps to the left:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
print(f"f(0.49) = {f(0.49):.6f} > f(0.5) = {f(0.5):.6f} > f(0.51) = {f(0.51):.6f}")
assert f(0.49) > f(0.5) > f(0.51)

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Explorer: secant → tangent
#
# Move **δx** towards 0 (the slider is logarithmic) and watch the secant (orange, dash-dot,
# round markers) turn into the tangent (green, dotted). Move **x** to see the slope change.
# Pick another function or type your own, e.g. `exp(-x^2)` or `2x*sin(x)`.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** At $x = 0.5$ the secant with $\delta x = 1.5$ has slope $0.75$, the tangent
# slope $-0.75$. Before you drag: when **δx** is down to $0.05$, is the secant's slope still positive,
# or already close to the tangent's? Write your guess, then move δx.

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
assert abs(difference_quotient(f, 0.5, 1.5) - 0.75) < 1e-12 and exact == -0.75  # the picture's slopes
secant_explorer("x^3/3 - x", x=0.5, dx=1.5)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure (the explorer's first state): $f(x) = x^3/3 - x$, the secant through $x = 0.5$ and
# $x + \delta x = 2$ (slope 0.75) and the tangent at $x = 0.5$ (slope $-0.75$).*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same idea as a static figure (for reading without a kernel): δx = 2, 1, 0.5, 0.05.

# %% slideshow={"slide_type": "-"}
secant_small_multiples(f, to_numpy_function(sp.diff(f_expr, x)), x_point, steps=(2.0, 1.0, 0.5, 0.05))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the secant (dash-dot) through $x = 0.5$ and $x + \delta x$ approaches the tangent
# (dotted) as δx shrinks; the titles give the difference quotient and $f'(0.5) = -0.75$.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Differentiation rules
#
# For $f$ and $g$ differentiable at $x$:
#
# | rule | formula | hypothesis |
# |---|---|---|
# | product | $(f(x)g(x))' = f'(x)g(x) + f(x)g'(x)$ | |
# | quotient | $\left(\frac{f(x)}{g(x)}\right)' = \frac{f'(x)g(x) - f(x)g'(x)}{(g(x))^2}$ | $g(x) \neq 0$ |
# | sum | $(f(x) + g(x))' = f'(x) + g'(x)$ | |
# | chain | $(g(f(x)))' = (g \circ f)'(x) = g'(f(x))\,f'(x)$ | $f$ differentiable at $x$, $g$ at $f(x)$ |
#
# The rules are confirmed on two example pairs $(f, g)$ — a check, not a proof: SymPy's
# derivative of each combined function agrees with the rule's formula (SymPy itself applies
# these rules, so this shows consistency), and a central finite difference of the combined
# function agrees with the formula at five points.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for f_text, g_text in [("sin(x)", "x^2 + 1"), ("exp(x)", "cos(x) + 2")]:
    for row in verify_rules(parse_function(f_text), parse_function(g_text)):
        print(f"f = {f_text:7s} g = {g_text:11s} {row.rule:8s}  composite = {sp.sstr(row.composite):24s}"
              f" SymPy agrees: {row.symbolic_ok}   central difference within 1e-8: {row.max_numeric_error < 1e-8}")
        assert row.symbolic_ok and row.max_numeric_error < 1e-8

# %% [markdown] slideshow={"slide_type": "slide"}
# ## How small should h be? Truncation against round-off
#
# A computer cannot take the limit $h \to 0$. With a finite $h$:
# - the **forward** difference $\frac{f(x+h) - f(x)}{h}$ has truncation error $\approx \frac{h}{2}|f''(x)|$ — it falls like $h$;
# - the **central** difference $\frac{f(x+h) - f(x-h)}{2h}$ has truncation error $\approx \frac{h^2}{6}|f'''(x)|$ — it falls like $h^2$;
# - but both subtract two nearly equal numbers, each rounded to about $\varepsilon \approx 2.2\cdot 10^{-16}$ relative: a round-off error $\approx \varepsilon |f(x)|/h$ that **grows** as $h$ shrinks;
# - the **complex step** $\operatorname{Im} f(x + ih)/h$, for a real-analytic $f$ whose code works on complex numbers analytically (no `abs`, `conj`, `real`), has the truncation error $\approx \frac{h^2}{6}|f'''(x)|$ of the central difference, but no round-off from subtraction (it subtracts nothing), so $h$ can be tiny.
#
# Errors for $f = \exp$ at $x = 1$:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
steps = np.logspace(-16, -1, 61)
errors = finite_difference_errors(np.exp, np.exp, 1.0, steps)
large = steps >= 1e-3    # truncation dominates: complex step and central difference agree, ≈ (h²/6)·e
assert np.allclose(errors["complex-step"][large], errors["central"][large], rtol=0.05)
assert np.allclose(errors["complex-step"][large], steps[large]**2 / 6 * np.e, rtol=0.05)
assert errors["complex-step"][steps <= 1e-8].max() < 1e-15     # machine precision, no round-off growth
assert np.any(errors["complex-step"] == 0)                       # exact zeros: drawn at 1e-17
best_step = {method: steps[np.argmin(error)] for method, error in errors.items()}
assert 1e-10 < best_step["forward"] < 1e-6      # theory: sqrt(eps) ≈ 1.5e-8
assert 1e-7 < best_step["central"] < 1e-3       # theory: eps**(1/3) ≈ 6e-6
plot_step_errors(steps, errors).figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: log-log plot of the error against h. The forward difference (dashed, squares) is
# best near $h \approx \sqrt{\varepsilon} \approx 10^{-8}$, the central difference (solid, circles) near
# $h \approx \varepsilon^{1/3} \approx 10^{-5}$; to the left of these, round-off dominates. The complex
# step (dash-dot, triangles) has the same $O(h^2)$ truncation error as the central difference
# (the two curves coincide for $h \ge 10^{-3}$), but no round-off: for $h \le 10^{-8}$ its error
# stays below $10^{-15}$, and exact zeros are drawn on the floor line at $10^{-17}$. The grey
# reference lines have slope 1 (dotted) and slope 2 (dash-dotted).*

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
assert errors["forward"].min() > 100 * errors["central"].min()
eps = np.finfo(float).eps
default_step = {"forward": eps ** 0.5, "central": eps ** (1 / 3)}    # derivative's defaults at |x| ≤ 1
assert derivative(np.exp, 1.0, "forward") == (np.exp(1 + default_step["forward"]) - np.e) / default_step["forward"]
for method, step in default_step.items():
    decades = abs(np.log10(step) - np.log10(best_step[method]))
    print(f"{method:8s} default h = {step:.1e}, best h on the grid = {best_step[method]:.1e}: {decades:.1f} decades apart")
    assert decades < 1

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Differentiate $f(x) = x^2 \sin x$. Replace `None` by your answer — a text such as
# `"3*x^2 + 1"` or a SymPy expression — and run the cell. The checker tells you what is wrong,
# not what is right.

# %% slideshow={"slide_type": "-"}
answer_1 = None  # your derivative of x^2*sin(x)
check_derivative(answer_1, "x^2*sin(x)")

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("deriv-product")` gives a nudge, `hint("deriv-product", 2)` the method; once you have
# run the checker on an answer of your own, `solution("deriv-product")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** A classmate says the derivative of $\sin(x^2)$ is $\cos(x^2)$. Run the checker on that
# answer: which rule was forgotten? Then fix the answer.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = "cos(x^2)"
check_derivative(answer_2, "sin(x^2)")

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("deriv-chain")` gives a nudge, `hint("deriv-chain", 2)` the method; once you have run
# the checker on an answer of your own, `solution("deriv-chain")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** `my_difference` below is the *forward* difference. Change it into the central
# difference $\frac{f(x+h) - f(x-h)}{2h}$. The checker calls it on a test function with large
# steps $h$, where the forward and central differences differ clearly, and says what is off.
# (On $\sin$ over $[-2, 2]$ with $h = 10^{-5}$, the central difference agrees with $\cos$ to
# better than $10^{-9}$; the forward difference with the same $h$ is off by up to $5 \cdot 10^{-6}$.)

# %% slideshow={"slide_type": "skip"}
grid = np.linspace(-2, 2, 81)
central_error = np.abs(derivative(np.sin, grid, "central", h=1e-5) - np.cos(grid)).max()
forward_error = np.abs(derivative(np.sin, grid, "forward", h=1e-5) - np.cos(grid)).max()
assert central_error < 1e-9 and 1e-6 < forward_error < 5e-6


# %% slideshow={"slide_type": "-"}
def my_difference(f, x, h):
    return (f(x + h) - f(x)) / h   # forward difference: make it central


check_central_difference(my_difference)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("central-difference")` gives a nudge, `hint("central-difference", 2)` the method;
# once you have run the checker on an answer of your own, `solution("central-difference")` shows a
# worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The difference quotient is the slope of a secant: the average rate of change of $f$ over
#   the interval between $x$ and $x + \delta x$, for any $f$.
# - $f$ is differentiable at $x$ if the quotient has a limit as δx → 0; the limit is the
#   derivative, and the secant becomes the tangent.
# - Product, quotient, sum and chain rule (with their hypotheses) were confirmed on two example
#   pairs: SymPy is consistent with the formulas, and central differences agree at five
#   points (a check, not a proof).
# - On a computer, finite differences trade truncation error (falls with $h$) against
#   round-off (grows as $h$ shrinks); central differences and the complex step do better than
#   the forward difference.
#
# **Next:** [02 — Taylor series](02_taylor_series.ipynb) · **Back:** [00 — Overview](00_overview.ipynb)
