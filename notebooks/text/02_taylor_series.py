# %% [markdown] slideshow={"slide_type": "slide"}
# # 02 · Taylor series
#
# **Slides covered:** *Taylor Series* — the Taylor polynomial, the Taylor series, and the
# worked example "Maclaurin series expansion of a harmonic function", $f(x) = \sin x + \cos x$
# ("harmonic" as in harmonic oscillation, $f'' = -f$ — not a harmonic function in the sense
# $\Delta f = 0$).
#
# **After this notebook you can**
# - write down the Taylor polynomial $T_n$ of a function at a point and compute its coefficients;
# - recompute the slides' Maclaurin series of $\sin x + \cos x$ and regroup it into $\cos x + \sin x$;
# - see how $T_n$ approaches $f$ as $n$ grows — and where it does not (the radius of convergence,
#   and smooth functions that are not analytic).

# %% slideshow={"slide_type": "skip"}
import math

import mpmath  # SymPy's arbitrary-precision library (a reference for the coefficients)
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_taylor_coefficients, estimate_radius, parse_function, taylor_coefficients,
    taylor_explorer, taylor_polynomial, taylor_small_multiples,
)

x = sp.Symbol("x")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The Taylor polynomial
#
# For $f: \mathbb{R} \to \mathbb{R}$ $n$ times differentiable at $x_0$, the **Taylor polynomial of order
# $n$** (a polynomial of degree $\le n$) of $f$ at $x_0$ is
#
# $$T_n(x) := \sum_{k=0}^{n} \frac{f^{(k)}(x_0)}{k!} (x - x_0)^k,$$
#
# where $f^{(k)}(x_0)$ is the $k$-th derivative of $f$ at $x_0$ and the numbers
# $\frac{f^{(k)}(x_0)}{k!}$ are the **coefficients** of the polynomial.
#
# For $f = \exp$ at $x_0 = 0$ every derivative is $e^0 = 1$, so the coefficients are $1/k!$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
coefficients = taylor_coefficients("exp(x)", x0=0.0, order=6)
print(np.round(coefficients, 6))
assert np.allclose(coefficients, [1 / math.factorial(k) for k in range(7)], rtol=1e-14)

# %% [markdown] slideshow={"slide_type": "subslide"}
# `taylor_coefficients` does not differentiate $f$ $n$ times symbolically (SymPy's `series` took
# 33 s for order 10 of $e^{\sin x}$ in the README benchmark). It pushes truncated power series
# through the expression — *Taylor-mode arithmetic* — and gets order 30 of $e^{\sin x}$ in well
# under a millisecond in that benchmark, to a relative error of about $10^{-13}$ (checked below
# against 60-digit arithmetic).
#
# $T_3$ of $\exp$ at 0 is close to $e^x$ near 0. By Taylor's theorem (Lagrange's form of the
# remainder), $e^x - T_3(x) = e^{\xi}\,x^4/4!$ for some $\xi$ between 0 and $x$, so
# $|e^x - T_3(x)| \le e^{\max(0, x)}\,|x|^4/4!$; at $x = 0.1$ this bound is $\approx 4.6 \cdot 10^{-6}$.
# The next term $x^4/4! \approx 4.17 \cdot 10^{-6}$ is *not* an upper bound: for $x > 0$ every
# remaining term is positive, so the error is slightly larger than it.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
with mpmath.workdps(60):
    reference = [float(c) for c in mpmath.taylor(lambda t: mpmath.exp(mpmath.sin(t)), mpmath.mpf(1) / 2, 30)]
relative_error = np.max(np.abs(taylor_coefficients("exp(sin(x))", 0.5, 30) - reference) / np.abs(reference))
print(f"order 30 of exp(sin x) at 0.5: largest relative error {relative_error:.1e}")
assert relative_error < 1e-12

T3 = taylor_polynomial("exp(x)", 0.0, 3)
error = abs(np.exp(0.1) - T3(0.1))
bound, next_term = np.exp(0.1) * 0.1**4 / 24, 0.1**4 / 24
print(f"T3(0.1) = {T3(0.1):.8f},  e^0.1 = {np.exp(0.1):.8f},  error = {error:.3g}")
print(f"Lagrange bound e^0.1·0.1⁴/4! = {bound:.3g},  next term 0.1⁴/4! = {next_term:.3g}")
assert next_term < error <= bound and abs(bound - 4.6e-6) < 0.05e-6

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The Taylor series
#
# For a smooth function $f \in \mathcal{C}^\infty$, the **Taylor series** at $x_0$ is the infinite sum
#
# $$T_\infty(x) := \sum_{k=0}^{\infty} \frac{f^{(k)}(x_0)}{k!} (x - x_0)^k .$$
#
# At $x_0 = 0$ it is called the **Maclaurin series**. If $T_\infty(x) = f(x)$ for all $x$ near
# $x_0$ (the series converges there, and to $f$), $f$ is called **analytic** at $x_0$ (as in
# MML). Smooth is not enough: $g(x) = e^{-1/x^2}$ for $x \neq 0$, $g(0) = 0$, is $\mathcal{C}^\infty$, and
# every derivative $g^{(k)}(0)$ is 0 (it equals the limit of $g^{(k)}(x)$ as $x \to 0$, by the mean
# value theorem). So its Taylor series at 0 is the zero series, which equals $g$ only at $x = 0$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
g = sp.exp(-1 / x**2)
at_0 = [sp.limit(g.diff(x, k), x, 0, dir="+-") for k in range(5)]   # both sides
print("lim g^(k)(x) as x → 0, k = 0..4:", at_0, "   but g(1/2) = e^-4 ≈", f"{float(g.subs(x, 0.5)):.4f}")
assert at_0 == [0] * 5 and g.subs(x, sp.Rational(1, 2)) == sp.exp(-4)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Worked example: the Maclaurin series of $f(x) = \sin x + \cos x$
#
# The slides compute the derivatives at 0:
# $f(0) = 1$, $f'(0) = \cos 0 - \sin 0 = 1$, $f''(0) = -\sin 0 - \cos 0 = -1$,
# $f^{(3)}(0) = -\cos 0 + \sin 0 = -1$, $f^{(4)}(0) = f(0) = 1$, …

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f = sp.sin(x) + sp.cos(x)
derivatives_at_0 = [f.diff(x, k).subs(x, 0) for k in range(12)]
print("f^(k)(0), k = 0..11:", derivatives_at_0)
assert derivatives_at_0 == [1, 1, -1, -1] * 3

# %% [markdown] slideshow={"slide_type": "fragment"}
# The pattern: the derivatives $f^{(k)}(0)$ are only $\pm 1$, each sign occurring twice before
# switching, so the coefficients are $\pm 1/k!$ (the slide calls the derivatives "the
# coefficients"). So
#
# $$T_\infty(x) = 1 + x - \frac{1}{2!}x^2 - \frac{1}{3!}x^3 + \frac{1}{4!}x^4 + \frac{1}{5!}x^5 - \dots$$

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
print(sp.series(f, x, 0, 8))
fast = taylor_coefficients(f, 0.0, 30)
exact = [float(f.diff(x, k).subs(x, 0)) / math.factorial(k) for k in range(31)]
assert np.allclose(fast, exact, rtol=1e-12, atol=1e-15)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Regrouping the even and the odd powers (allowed because the series converges absolutely for
# every $x$: $\sum_k |x|^k/k! = e^{|x|}$) gives two series we know:
#
# $$T_\infty(x) = \sum_{k=0}^{\infty} (-1)^k \frac{x^{2k}}{(2k)!} + \sum_{k=0}^{\infty} (-1)^k \frac{x^{2k+1}}{(2k+1)!} = \cos x + \sin x .$$
#
# SymPy sums both series in closed form:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
k = sp.Symbol("k", integer=True, nonnegative=True)
even = sp.summation((-1)**k * x**(2*k) / sp.factorial(2*k), (k, 0, sp.oo))
odd = sp.summation((-1)**k * x**(2*k + 1) / sp.factorial(2*k + 1), (k, 0, sp.oo))
print("even terms:", even, "   odd terms:", odd)
assert even == sp.cos(x) and odd == sp.sin(x)
assert sp.simplify(even + odd - f) == 0
y = sp.Symbol("y", nonnegative=True)     # y = |x|: the series of absolute values
assert sp.summation(y**k / sp.factorial(k), (k, 0, sp.oo)) == sp.exp(y)

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Explorer: Taylor polynomials
#
# Raise the **order** $n$ and watch $T_n$ (vermillion, dashed) hug $f$ (blue, solid) over a
# wider and wider interval; the right panel shows the error $|f - T_n|$ on a log scale. Move the
# **expansion point** $x_0$. Then choose `log(1 + x)` or `1/(1 + x²)`: beyond the distance $R$
# from $x_0$ (the radius of convergence) the polynomials diverge as the order grows: eventually
# higher orders make them worse (just beyond $R$ a higher order may still win for a while) —
# see the next section.
# You can also type a function, e.g. `exp(-x^2)` or `sqrt(1 + x^2)`.
# The order slider answers in your browser: the kernel drew $T_n$ for every order on the slider
# beforehand, so the picture follows the order slider at once, even while the kernel is busy
# running another cell. Changing $x_0$ or the function goes through the kernel: it draws the current
# order at once, and every other order again a second or two after $x_0$ stops moving (or after you
# choose a function or press Enter after typing one); until then, moving the order slider leaves the
# picture as it is (the status line may already name the new order).

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you drag: does $T_3$ at $x_0 = 0$ fit $\sin x + \cos x$ well at $x =
# \pi$? Which order do you need before the two curves look the same there? Write your guess, then
# raise the **order**.

# %% slideshow={"slide_type": "subslide"}
taylor_explorer("sin(x) + cos(x)", order=3, x0=0.0)


# %% [markdown] slideshow={"slide_type": "-"}
# *Figure (the explorer's first state): $\sin x + \cos x$ (solid) and its Taylor polynomial $T_3$
# at $x_0 = 0$ (dashed); right: the error $|f - T_3|$ on a log scale, smallest at $x_0$, where
# $T_3(x_0) = f(x_0)$.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same as a static figure: orders 1, 3, 5 and 9 of $\sin x + \cos x$ at 0, and their errors.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
def sin_cos_errors(point, orders=(1, 3, 5, 9)):
    return [abs(np.sin(point) + np.cos(point) - taylor_polynomial(f, 0.0, n)(point)) for n in orders]

assert all(np.all(np.diff(sin_cos_errors(p)) < 0) for p in (0.5, 1.0, 2.0))    # near x0: higher order, smaller error
at_4, at_6 = sin_cos_errors(4.0), sin_cos_errors(6.0)
assert at_4[1] > at_4[0] and at_4[2] > at_4[0]                          # x = 4: orders 3 and 5 worse than 1
assert min(at_6[1:]) > at_6[0]                                          # x = 6: orders 3, 5, 9 worse than 1
assert sin_cos_errors(6.0, (20, 30, 40)) == sorted(sin_cos_errors(6.0, (20, 30, 40)), reverse=True)
assert sin_cos_errors(6.0, (30,))[0] < 1e-9                             # R = ∞: n well beyond |x| wins
taylor_small_multiples("sin(x) + cos(x)", x0=0.0, orders=(1, 3, 5, 9), x_range=(-6, 6))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: Taylor polynomials of orders 1, 3, 5, 9 (dashed) of $\sin x + \cos x$ (solid) at
# $x_0 = 0$; bottom panel: the error $|f - T_n|$ on a log scale (errors below the rounding level
# $10^{-14}$ are drawn on a grey line). Near $x_0$ the error is smaller, and smaller for higher
# orders. Far from $x_0$ that fails: at $x = 4$ orders 3 and 5 are worse than order 1, at $x = 6$
# orders 3, 5 and 9 are. Since $R = \infty$, for each fixed $x$ the error still tends to 0, but
# only once $n$ is well beyond $|x|$ (at $x = 6$, order 30 is within $10^{-9}$).*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Where does a Taylor series converge?
#
# A power series $\sum_k c_k (x - x_0)^k$ has a **radius of convergence** $R \in [0, \infty]$, given
# exactly by the Cauchy–Hadamard formula $1/R = \limsup_k |c_k|^{1/k}$: it converges (absolutely)
# for $|x - x_0| < R$ and diverges for $|x - x_0| > R$; at $|x - x_0| = R$ it depends on the series.
# If $f$ extends to a complex-differentiable function on the disc $|z - x_0| < \rho$, its Taylor
# series converges to $f$ there; $R$ is the distance from $x_0$ to the nearest complex
# singularity of that extension.
#
# - $\log(1 + x)$ at 0: singular at $x = -1$, so $R = 1$; the series converges at $x = 1$ and
#   diverges at $x = -1$.
# - $\frac{1}{1 + x^2}$ at 0: smooth on the whole real line, yet $R = 1$, because of the complex
#   poles $x = \pm i$. At $x_0 = 1$ the nearest pole is at distance $|1 - i| = \sqrt{2}$.
# - $\sin x + \cos x$ and $e^x$: complex-differentiable everywhere, $R = \infty$.
#
# From 41 coefficients we can only *estimate* $R$: `estimate_radius` fits
# $\log|c_k| \approx a - k \log R + b \log k$ to the largest coefficients of the upper three
# quarters. It finds 1.434 instead of $\sqrt{2} \approx 1.414$ at $x_0 = 1$, and for an entire
# function a large but finite number (about 61 for $e^x$).

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
cases = [("log(1 + x)", 0.0, 1.0), ("1/(1 + x^2)", 0.0, 1.0), ("1/(1 + x^2)", 1.0, math.sqrt(2))]
for text, x0, radius in cases:
    estimate = estimate_radius(taylor_coefficients(text, x0, 40))
    print(f"{text:12s} at x0 = {x0}:  R ≈ {estimate:.3f}   (exact {radius:.3f})")
    assert abs(estimate - radius) < 0.05 * radius
assert round(estimate, 3) == 1.434
entire = estimate_radius(taylor_coefficients("exp(x)", 0.0, 40))
print(f"exp(x)       at x0 = 0.0:  R ≈ {entire:.0f}   (exact ∞)")
assert 55 < entire < 65

# %% slideshow={"slide_type": "skip"}
c = taylor_coefficients("log(1 + x)", 0.0, 40)
at_plus_1 = np.cumsum(c)                         # partial sums at x = 1: alternating, → log 2
at_minus_1 = np.cumsum(c * (-1.0) ** np.arange(41))   # at x = −1: −(1 + 1/2 + ... ) → −∞
assert abs(at_plus_1[-1] - math.log(2)) <= 1 / 41 and np.all(np.diff(at_minus_1[1:]) < 0)

# %% [markdown] slideshow={"slide_type": "subslide"}
# For $\log(1 + x)$, which extends complex-differentiably to $|z| < 1$, $T_n(x) \to f(x)$ inside the
# interval of convergence. Outside it (for any power series), the terms $c_k (x - x_0)^k$ do not
# tend to 0 and $T_n(x)$ diverges. For $\log(1 + x)$ at $x = 0.5$ and $x = 1.5$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for point in (0.5, 1.5):
    errors = [abs(math.log(1 + point) - taylor_polynomial("log(1 + x)", 0.0, n)(point)) for n in (5, 10, 20)]
    print(f"x = {point}: |log(1+x) − T_n(x)| for n = 5, 10, 20: {np.array2string(np.array(errors), precision=2)}")
    if point < 1:
        assert errors[0] > errors[1] > errors[2]      # inside: the error falls
    else:
        assert errors[0] < errors[1] < errors[2]      # outside: it grows
terms = np.abs(c) * 1.5 ** np.arange(41)              # |c_k|·1.5^k = 1.5^k / k
assert terms[-1] > 1e5 and np.all(np.diff(terms[3:]) > 0)

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
beyond = np.linspace(1.3, 2.0, 141)
log_errors = np.array([np.abs(np.log1p(beyond) - taylor_polynomial("log(1 + x)", 0.0, n)(beyond)) for n in (2, 5, 10, 20)])
assert np.all(np.diff(log_errors, axis=0) > 0)        # from x ≈ 1.3 on: each higher order is worse
near_1 = [abs(math.log(2.05) - taylor_polynomial("log(1 + x)", 0.0, n)(1.05)) for n in (2, 5, 10, 20)]
assert np.argmin(near_1) == 3                          # at x = 1.05 order 20 is still the best
taylor_small_multiples("log(1 + x)", x0=0.0, orders=(2, 5, 10, 20), x_range=(-0.99, 2.0), radius=1.0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: Taylor polynomials of $\log(1 + x)$ at 0 of orders 2, 5, 10, 20; the shaded band is
# $(-1, 1)$, the open interval of convergence (the series also converges at $x = 1$). For every
# $x > 1$ the polynomials diverge as $n \to \infty$; in the plot, from about $x \approx 1.3$ on each
# higher order is worse, while just beyond 1 (at $x = 1.05$) order 20 is still the best.*

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
inside = [abs(1 / 1.64 - taylor_polynomial("1/(1 + x^2)", 0.0, n)(0.8)) for n in (2, 6, 10, 20)]
outside = [abs(1 / 2.44 - taylor_polynomial("1/(1 + x^2)", 0.0, n)(1.2)) for n in (2, 6, 10, 20)]
assert np.all(np.diff(inside) < 0) and np.all(np.diff(outside) > 0)   # |x| < 1 converges, |x| > 1 diverges
grid = np.concatenate([np.linspace(-2.0, -1.01, 50), np.linspace(1.01, 2.0, 50)])    # |x| > 1
outside_grid = np.array([np.abs(1 / (1 + grid**2) - taylor_polynomial("1/(1 + x^2)", 0.0, n)(grid)) for n in (2, 6, 10, 20)])
exact_error = np.array([grid**(n + 2) / (1 + grid**2) for n in (2, 6, 10, 20)])       # T_2m: error x^(2m+2)/(1+x²)
assert np.allclose(outside_grid, exact_error, rtol=1e-9) and np.all(np.diff(outside_grid, axis=0) > 0)
taylor_small_multiples("1/(1 + x^2)", x0=0.0, orders=(2, 6, 10, 20), x_range=(-2.0, 2.0), radius=1.0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: Taylor polynomials of $1/(1 + x^2)$ at 0 of orders 2, 6, 10, 20: the function is
# smooth on all of $\mathbb{R}$, but the series converges only for $|x| < 1$ (shaded), because of
# the complex poles at $\pm i$; outside, higher orders are worse (at $x = \pm 1$ the terms are
# $\pm 1$ and the series diverges too).*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Give the Taylor coefficients $c_0, \dots, c_4$ of $\cos x$ at $x_0 = 0$: a list of **5**
# numbers, written like `[0.5, 1, 1/3, 0, -2]` (that list only shows the format). The checker
# says what is off, not what is right.

# %% slideshow={"slide_type": "-"}
answer_1 = None  # [c0, c1, c2, c3, c4] for cos(x) at 0
check_taylor_coefficients(answer_1, "cos(x)", x0=0.0, order=4)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("taylor-cos")` gives a nudge, `hint("taylor-cos", 2)` the method; once you have run
# the checker on an answer of your own, `solution("taylor-cos")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** For $e^{2x}$ at 0 a classmate wrote the list $c_0, \dots, c_4$ below. Run the checker:
# what did they forget? Fix the list (5 numbers).

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = [1, 2, 4, 8, 16]
check_taylor_coefficients(answer_2, "exp(2*x)", x0=0.0, order=4)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("taylor-exp2x")` gives a nudge, `hint("taylor-exp2x", 2)` the method; once you have
# run the checker on an answer of your own, `solution("taylor-exp2x")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** Expand $\log x$ at $x_0 = 1$ up to order 3: the 4 numbers $c_0, c_1, c_2, c_3$. (Hint: the
# derivatives of $\log x$ are $1/x, -1/x^2, 2/x^3$.)

# %% slideshow={"slide_type": "-"}
answer_3 = None  # [c0, c1, c2, c3] for log(x) at 1
check_taylor_coefficients(answer_3, "log(x)", x0=1.0, order=3)

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("taylor-log")` gives a nudge, `hint("taylor-log", 2)` the method; once you have run
# the checker on an answer of your own, `solution("taylor-log")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - For $f$ $n$ times differentiable at $x_0$, $T_n(x) = \sum_{k=0}^n \frac{f^{(k)}(x_0)}{k!}(x - x_0)^k$;
#   Taylor-mode arithmetic computes its coefficients fast, to a relative error of about
#   $10^{-13}$ at order 30.
# - Lagrange's remainder: $f(x) - T_n(x) = \frac{f^{(n+1)}(\xi)}{(n+1)!}(x - x_0)^{n+1}$ for some $\xi$
#   between $x_0$ and $x$ (for $f$ $n + 1$ times differentiable on an interval containing both).
# - The Maclaurin series of $\sin x + \cos x$ has coefficients $\pm 1/k!$ in pairs of equal
#   sign; regrouped (it converges absolutely), it is $\cos x + \sin x$.
# - If $f$ extends to a complex-differentiable function on the disc $|z - x_0| < \rho$, its Taylor
#   series converges to $f$ for $|x - x_0| < \rho$. $R$ is the distance from $x_0$ to the nearest
#   complex singularity of that extension, even for functions smooth on all of $\mathbb{R}$. A smooth $f$ need not equal its Taylor series ($e^{-1/x^2}$ at 0).
#
# **Next:** [03 — Partial derivatives and gradients](03_partial_derivatives_and_gradients.ipynb) · **Back:** [01 — Derivatives](01_derivatives.ipynb)
