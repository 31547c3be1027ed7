# %% [markdown] slideshow={"slide_type": "slide"}
# # 07 · The Hessian and the multivariate Taylor series
#
# **Slides covered:** *Higher-Order Derivatives* — the notation of higher partial derivatives,
# the Hessian and the order of differentiation —, the linearization
# $f(\mathbf{x}) \approx f(\mathbf{x}_0) + \nabla_{\mathbf{x}} f(\mathbf{x}_0)(\mathbf{x} - \mathbf{x}_0)$,
# *Multivariate Taylor Series* and *Taylor Polynomial* with $\boldsymbol{\delta}^k$ as a
# $k$-fold outer product, and the worked example $f(x, y) = x^2 + 2xy + y^3$ at $(1, 2)$.
#
# **After this notebook you can**
# - write second and third partial derivatives in the slides' notation and collect the second ones in the Hessian $\mathbf{H}$;
# - state Schwarz's theorem with its hypothesis (continuous second partials: their existence is not enough) and show, with a counterexample, what goes wrong without it;
# - measure the error of the linearization: $O(\|\boldsymbol{\delta}\|^2)$ for $f$ twice continuously differentiable, and $\tfrac12|\mathbf{u}^\top\mathbf{H}\mathbf{u}|\,\tau^2 + o(\tau^2)$ along a unit direction $\mathbf{u}$ ($\|\mathbf{u}\| = 1$, $\boldsymbol{\delta} = \tau\mathbf{u}$) with $\mathbf{u}^\top\mathbf{H}\mathbf{u} \neq 0$;
# - build $\boldsymbol{\delta}^k$ as an outer product, evaluate $D^k_{\mathbf{x}} f(\mathbf{x}_0)[\boldsymbol{\delta}^k]$ as a full contraction, and expand a function of two variables to third order.

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_hessian, contract, derivative_tensors, draw_outer_power, draw_tensor_slices,
    gradient, hessian, linearization_errors, multivariate_taylor_explorer,
    multivariate_taylor_small_multiples, MultivariateTaylor, numerical_hessian,
    outer_power, plot_linearization_error, to_numpy_function,
)

x, y, t = sp.symbols("x y t")
rng = np.random.default_rng(7)   # one seeded generator for every random input below

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Higher-order partial derivatives
#
# For $f: \mathbb{R}^2 \to \mathbb{R}$ of two variables $x, y$ the slides write
#
# - $\frac{\partial^2 f}{\partial x^2}$, the second partial derivative with respect to $x$, and $\frac{\partial^n f}{\partial x^n}$, the $n$-th;
# - $\frac{\partial^2 f}{\partial y \partial x} = \frac{\partial}{\partial y}\left(\frac{\partial f}{\partial x}\right)$: first differentiate with respect to $x$, **then** with respect to $y$ (read from right to left);
# - $\frac{\partial^2 f}{\partial x \partial y} = \frac{\partial}{\partial x}\left(\frac{\partial f}{\partial y}\right)$: first $y$, then $x$.
#
# For $f = x^3 y^2 + \sin(xy)$, both mixed partials, in both orders, with SymPy:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f = x**3 * y**2 + sp.sin(x * y)
f_xx = sp.diff(f, x, 2)
f_yx = sp.diff(sp.diff(f, x), y)      # ∂²f/∂y∂x: first x, then y
f_xy = sp.diff(sp.diff(f, y), x)      # ∂²f/∂x∂y: first y, then x
print("∂²f/∂x²  =", f_xx)
print("∂²f/∂y∂x =", f_yx)
print("∂²f/∂x∂y =", f_xy)
assert sp.simplify(f_yx - f_xy) == 0          # the order did not matter here
assert sp.diff(f, x, 3) == sp.diff(f_xx, x)   # ∂³f/∂x³ is ∂/∂x of ∂²f/∂x²

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The Hessian
#
# The **Hessian** collects all second-order partial derivatives:
#
# $$\mathbf{H} = \begin{bmatrix} \frac{\partial^2 f}{\partial x^2} & \frac{\partial^2 f}{\partial x \partial y} \\
# \frac{\partial^2 f}{\partial y \partial x} & \frac{\partial^2 f}{\partial y^2} \end{bmatrix},
# \qquad H_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j} \text{ for } f: \mathbb{R}^n \to \mathbb{R}.$$
#
# Read from right to left, $H_{ij} = \frac{\partial}{\partial x_i}\big(\frac{\partial f}{\partial x_j}\big)$: row $i$ is the derivative of the gradient
# (row) with respect to $x_i$. `hessian` builds it symbolically; `numerical_hessian` takes finite
# differences of $\nabla f$ in the same layout (row $i$ is $\partial \nabla f / \partial x_i$, the transpose of the
# gradient's Jacobian, whose entry $(i, j)$ is $\partial(\nabla f)_i/\partial x_j$), without forcing symmetry. Both
# agree, and here both are symmetric:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
H = hessian(f, ["x", "y"])
grad_f = [to_numpy_function(g, ("x", "y")) for g in gradient(f, ["x", "y"])]
point = (0.7, -1.2)
H_exact = np.array(H.subs({x: point[0], y: point[1]}), dtype=float)
H_numeric = numerical_hessian(lambda v: np.array([g(*v) for g in grad_f]), point)
print("H(0.7, -1.2) exact:\n", H_exact.round(6), "\nby central differences of ∇f:\n", H_numeric.round(6))
assert H.shape == (2, 2) and H == H.T
assert np.allclose(H_numeric, H_exact, atol=1e-7) and np.allclose(H_numeric, H_numeric.T, atol=1e-7)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Schwarz's theorem and what its hypothesis is for
#
# **Schwarz's theorem.** If the second partial derivatives of $f$ exist and are **continuous**
# near a point, then $\frac{\partial^2 f}{\partial x \partial y} = \frac{\partial^2 f}{\partial y \partial x}$
# there, and the Hessian is symmetric.
#
# Existence of the second partials is not enough: they must be continuous (another sufficient
# condition is that $f$ is twice differentiable at the point). The classic counterexample is
#
# $$h(x, y) = \frac{xy(x^2 - y^2)}{x^2 + y^2} \text{ for } (x, y) \neq (0, 0), \qquad h(0, 0) = 0.$$
#
# At the origin the formulas of SymPy's `diff` do not apply (the formula divides by 0), so we take
# the partial derivatives **as limits of difference quotients**, exactly as defined. All second
# partials of $h$ exist at the origin, yet:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
h = x * y * (x**2 - y**2) / (x**2 + y**2)                      # h(0, 0) := 0
h_x_on_y_axis = sp.limit((h.subs(x, t) - 0) / t, t, 0)          # ∂h/∂x (0, y) for y ≠ 0
h_y_on_x_axis = sp.limit((h.subs(y, t) - 0) / t, t, 0)          # ∂h/∂y (x, 0) for x ≠ 0
h_x_origin = sp.limit((h.subs({x: t, y: 0}) - 0) / t, t, 0)     # ∂h/∂x (0, 0)
h_y_origin = sp.limit((h.subs({x: 0, y: t}) - 0) / t, t, 0)     # ∂h/∂y (0, 0)
h_yx = sp.limit((h_x_on_y_axis.subs(y, t) - h_x_origin) / t, t, 0)   # ∂/∂y (∂h/∂x) at 0
h_xy = sp.limit((h_y_on_x_axis.subs(x, t) - h_y_origin) / t, t, 0)   # ∂/∂x (∂h/∂y) at 0
print(f"∂h/∂x(0, y) = {h_x_on_y_axis},  ∂h/∂y(x, 0) = {h_y_on_x_axis}")
print(f"∂²h/∂y∂x(0, 0) = {h_yx},   ∂²h/∂x∂y(0, 0) = {h_xy}")
h_x_on_x_axis = sp.limit((h.subs({x: x + t, y: 0}) - h.subs(y, 0)) / t, t, 0)   # ∂h/∂x (x, 0) = 0
h_y_on_y_axis = sp.limit((h.subs({x: 0, y: y + t}) - h.subs(x, 0)) / t, t, 0)   # ∂h/∂y (0, y) = 0
assert (h_x_on_y_axis, h_y_on_x_axis, h_x_on_x_axis, h_y_on_y_axis) == (-y, x, 0, 0)   # so ∂²h/∂x² = ∂²h/∂y² = 0 at 0
assert (h_yx, h_xy) == (-1, 1)

# %% [markdown] slideshow={"slide_type": "subslide"}
# The mixed partials at the origin are $-1$ and $1$. What failed is the hypothesis: away from
# the origin (where $h$ is smooth, so both orders agree) the mixed partial depends on the direction
# only, so it has no limit at $(0, 0)$: it is not continuous there. Along the ray at angle $\theta$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
r, c, s_ = sp.symbols("r c s", positive=True)                   # c = cos θ, s = sin θ
mixed = sp.diff(h, x, y)          # ∂/∂y(∂h/∂x) = ∂²h/∂y∂x, valid for (x, y) ≠ (0, 0)
on_ray = sp.factor(sp.cancel(mixed.subs({x: r * c, y: r * s_})))
assert sp.simplify(mixed - sp.diff(h, y, x)) == 0          # the same as ∂²h/∂x∂y away from 0
print("∂²h/∂y∂x at (r cos θ, r sin θ) =", on_ray, "   (no r: only the direction counts)")
directions = {"θ = 0": (1, 0), "θ = π/4": (1 / sp.sqrt(2), 1 / sp.sqrt(2)), "θ = π/2": (0, 1)}
values = [sp.simplify(on_ray.subs({c: cos, s_: sin})) for cos, sin in directions.values()]
print(", ".join(f"{k}: {v}" for k, v in zip(directions, values)))
assert r not in on_ray.free_symbols and values == [1, 0, -1]

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **Note on the slides.** The slide says "if $f(x, y)$ is a twice (continuously) differentiable
# > function, then the order of differentiation does not matter". Both readings are true theorems:
# > if $f$ is twice differentiable at a point (its gradient has a linear model there), the mixed
# > partials agree there; if the second partials are continuous near it (Schwarz), too. What is
# > *not* enough is the mere existence of the second partial derivatives: $h$ has all of them at the
# > origin, yet $-1 \neq 1$. So $h$ is not twice differentiable at $0$: the linear model of $\nabla h$ built
# > from these partials predicts $\nabla h(t, t) \approx (-t, t)$, but $\nabla h(t, t) = (t, -t)$ for every $t \neq 0$ —
# > an error as large as $t$ itself, not $o(t)$. `numerical_hessian` sees the asymmetry at the origin:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
grad_h = [sp.diff(h, x), sp.diff(h, y)]                                    # ∇h, for (x, y) ≠ (0, 0)
J0 = sp.Matrix([[0, h_yx], [h_xy, 0]])     # ∂(∇h)_i/∂x_j at 0, from the limits (∂²h/∂x² = ∂²h/∂y² = 0)
model = J0 * sp.Matrix([t, t])                                            # ∇h(0) = 0, plus J0·(t, t)
actual = sp.Matrix([sp.simplify(g.subs({x: t, y: t})) for g in grad_h])
print(f"along y = x: linear model {list(model)}, ∇h(t, t) = {list(actual)}")
assert list(model) == [-t, t] and list(actual) == [t, -t]
grad_h_np = [to_numpy_function(g, ("x", "y")) for g in grad_h]
H_h = numerical_hessian(lambda v: np.array([g(*v) for g in grad_h_np]) if np.any(v) else np.zeros(2),
                        (0.0, 0.0), h=1e-3)
print("numerical_hessian of h at the origin:", H_h.round(9).tolist())
assert np.allclose(H_h, [[0, 1], [-1, 0]], atol=1e-9)    # H_12 = ∂/∂x(∂h/∂y) = 1, H_21 = −1

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The linearization and its error
#
# The gradient gives the locally linear approximation of $f$ around $\mathbf{x}_0$:
#
# $$f(\mathbf{x}) \approx f(\mathbf{x}_0) + (\nabla_{\mathbf{x}} f)(\mathbf{x}_0)(\mathbf{x} - \mathbf{x}_0),$$
#
# a $1 \times n$ row times an $n \times 1$ column. "Locally accurate" can be made precise: for $f$ twice
# continuously differentiable and $\boldsymbol{\delta} = \mathbf{x} - \mathbf{x}_0$,
# $f(\mathbf{x}) - f(\mathbf{x}_0) - \nabla f(\mathbf{x}_0)\boldsymbol{\delta} = \tfrac{1}{2}\boldsymbol{\delta}^\top \mathbf{H}(\mathbf{x}_0)\boldsymbol{\delta} + o(\|\boldsymbol{\delta}\|^2)$. So the error is
# $O(\|\boldsymbol{\delta}\|^2)$. Along a unit direction $\mathbf{u}$ ($\|\mathbf{u}\| = 1$, $\boldsymbol{\delta} = \tau\mathbf{u}$) with $\mathbf{u}^\top\mathbf{H}(\mathbf{x}_0)\mathbf{u} \neq 0$ the
# error is $\tfrac{1}{2}|\mathbf{u}^\top\mathbf{H}(\mathbf{x}_0)\mathbf{u}|\,\tau^2 + o(\tau^2)$: halving a small distance roughly quarters the error.
# (Where $\mathbf{u}^\top\mathbf{H}\mathbf{u} = 0$ it can be smaller: for $x^2 - y^2$ along $(1, 1)/\sqrt{2}$ it is 0.) For the slides' example
# $f = x^2 + 2xy + y^3$ at $(1, 2)$, along the unit direction $\mathbf{u} = (0.6, 0.8)$:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
f_slides = x**2 + 2 * x * y + y**3
f_np = to_numpy_function(f_slides, ("x", "y"))
study = linearization_errors(lambda v: f_np(*v), [6, 14], (1, 2), (0.6, 0.8), np.logspace(-4, -0.5, 15))
print(f"fitted slope of log(error) against log‖δ‖: {study.slope:.3f}")
print(f"error/‖δ‖² at the smallest ‖δ‖: {study.ratios[0]:.4f}  (uᵀHu/2 = {0.5 * (2*0.36 + 4*0.48 + 12*0.64):.4f})")
assert abs(study.slope - 2) < 0.02 and abs(study.ratios[0] - 5.16) < 1e-3
assert f"{study.slope:.3f}" == "2.003"                                     # the title's number
halved = linearization_errors(lambda v: f_np(*v), [6, 14], (1, 2), (0.6, 0.8), [1e-3, 5e-4])
assert 3.99 < halved.errors[0] / halved.errors[1] < 4.01                 # half the distance: a quarter
plot_linearization_error(study)["errors"].figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: log-log plot of the error of the linearization of $f = x^2 + 2xy + y^3$ at $(1, 2)$
# against the distance $\|\boldsymbol{\delta}\|$ from $10^{-4}$ to about $0.3$. The measured errors
# (circles) lie on a straight line of slope 2 (dashed, $5.16\,\|\boldsymbol{\delta}\|^2$); a dotted
# line of slope 1 is drawn for comparison. The title gives the fitted slope, 2.003.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The multivariate Taylor series
#
# For $f: \mathbb{R}^D \to \mathbb{R}$ smooth (infinitely often differentiable) at $\mathbf{x}_0$ and $\boldsymbol{\delta} := \mathbf{x} - \mathbf{x}_0$, the slides
# define the Taylor series and the Taylor polynomial of degree $n$
#
# $$f(\mathbf{x}) = \sum_{k=0}^{\infty} \frac{D_{\mathbf{x}}^{k} f(\mathbf{x}_{0})}{k!} \boldsymbol{\delta}^{k},
# \qquad
# T_n(\mathbf{x}) = \sum_{k=0}^{n} \frac{D_{\mathbf{x}}^{k} f(\mathbf{x}_{0})}{k!} \boldsymbol{\delta}^{k},$$
#
# where $D^k_{\mathbf{x}} f(\mathbf{x}_0)$ is the $k$-th derivative at $\mathbf{x}_0$, a tensor with $k$
# indices. The series need not equal $f$: $f$ is called **analytic** at $\mathbf{x}_0$ if its Taylor series
# converges to $f(\mathbf{x})$ for all $\mathbf{x}$ near $\mathbf{x}_0$ (MML §5.1.1, for one variable); the equality above holds
# for such $f$ only (below: a smooth $f$ that is not analytic). $\boldsymbol{\delta}^k$ is the **$k$-fold outer product**
# $\boldsymbol{\delta} \otimes \dots \otimes \boldsymbol{\delta}$:
#
# $$\boldsymbol{\delta}^2 = \boldsymbol{\delta}\otimes\boldsymbol{\delta} = \boldsymbol{\delta}\boldsymbol{\delta}^\top,\ \ \boldsymbol{\delta}^2[i, j] = \delta[i]\delta[j],
# \qquad
# \boldsymbol{\delta}^3[i, j, k] = \delta[i]\delta[j]\delta[k].$$
#
# For $\boldsymbol{\delta} = (1, 2, -1, 0.5) \in \mathbb{R}^4$, $\boldsymbol{\delta}^2 \in \mathbb{R}^{4 \times 4}$ is a matrix:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
delta = np.array([1.0, 2.0, -1.0, 0.5])
delta2, delta3 = outer_power(delta, 2), outer_power(delta, 3)
assert delta2.shape == (4, 4) and np.array_equal(delta2, np.outer(delta, delta))
assert delta3.shape == (4, 4, 4) and delta3[1, 2, 3] == delta[1] * delta[2] * delta[3]
draw_outer_power(delta, 2).figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the 4×4 matrix $\boldsymbol{\delta}^2 = \boldsymbol{\delta}\boldsymbol{\delta}^\top$ for
# $\boldsymbol{\delta} = (1, 2, -1, 0.5)$ as a heat map with each value written in its cell:
# entry $(i, j)$ is $\delta_i\delta_j$, so the matrix is symmetric, the diagonal ($1, 4, 1, 0.25$)
# is non-negative, and the row and column of $\delta_3 = -1$ are negative (orange) except where
# they cross.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# $\boldsymbol{\delta}^3 \in \mathbb{R}^{4 \times 4 \times 4}$ is a cube of numbers; its slice
# $\boldsymbol{\delta}^3[:, :, l]$ is $\delta[l]\,\boldsymbol{\delta}^2$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for l in range(4):
    assert np.array_equal(delta3[:, :, l], delta[l] * delta2)
draw_outer_power(delta, 3).figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the four 4×4 slices $\boldsymbol{\delta}^3[:, :, l]$, $l = 1, \dots, 4$, on one colour scale.
# Each slice is the matrix $\boldsymbol{\delta}^2$ of the previous figure times $\delta_l$: the
# second slice ($\delta_2 = 2$) is twice $\boldsymbol{\delta}^2$ and holds the largest entry, 8; the
# third ($\delta_3 = -1$) is $\boldsymbol{\delta}^2$ with its signs flipped.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Smooth is not analytic
#
# $g(s) = e^{-1/s^2}$ for $s \neq 0$, $g(0) = 0$, is smooth, and every derivative $g^{(k)}(0)$ is 0, by induction: for $s \neq 0$,
# $g^{(k-1)}(s) = P(1/s)\,e^{-1/s^2}$ with a polynomial $P$; if $g^{(k-1)}(0) = 0$, then
# $g^{(k)}(0) = \lim_{s \to 0} g^{(k-1)}(s)/s = \lim_{s \to 0} P(1/s)\,e^{-1/s^2}/s = 0$ (the exponential beats every
# power of $1/s$). So its Taylor series at 0 is the zero
# series: it converges everywhere, but to $0 \neq g(s)$ for $s \neq 0$. $g$ is smooth at 0 but not analytic
# there: every Taylor polynomial $T_n$ of $g$ at 0 is the zero polynomial, and $T_n(s) \to g(s)$ fails for
# every $s \neq 0$. (The same happens in several variables, e.g. for $g(x)$ as a function of $(x, y)$.)
# The cell computes the limits of the difference quotients for $k = 1, \dots, 4$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
s = sp.symbols("s", real=True)
g = sp.exp(-1 / s**2)
# g(0) := 0; g⁽ᵏ⁾(0) = lim (g⁽ᵏ⁻¹⁾(s) − g⁽ᵏ⁻¹⁾(0))/s with g⁽ᵏ⁻¹⁾(0) = 0 from the step before
derivatives_at_0 = [sp.limit(sp.diff(g, s, k - 1) / s, s, 0, dir="+-") for k in range(1, 5)]
print("g'(0), ..., g⁽⁴⁾(0):", derivatives_at_0, "  g(0.5) =", float(g.subs(s, 0.5)))
assert derivatives_at_0 == [0] * 4 and g.subs(s, 0.5) > 0           # T_4 = 0, but g(0.5) ≈ 0.018

# %% [markdown] slideshow={"slide_type": "slide"}
# ## $D^k f(\mathbf{x}_0)[\boldsymbol{\delta}^k]$ is a full contraction
#
# Each term of the series is a number: every index of the derivative tensor is summed against
# one copy of $\boldsymbol{\delta}$,
#
# $$D_{\mathbf{x}}^{k} f(\mathbf{x}_{0}) \boldsymbol{\delta}^{k} = \sum_{i_{1}=1}^{D} \cdots \sum_{i_{k}=1}^{D} D_{\mathbf{x}}^{k} f(\mathbf{x}_{0})[i_{1}, \dots, i_{k}]\, \delta[i_{1}] \cdots \delta[i_{k}].$$
#
# For $k = 0$ there is no index: $D^0_{\mathbf{x}} f(\mathbf{x}_0)\boldsymbol{\delta}^0 = f(\mathbf{x}_0) \in \mathbb{R}$ (as on the slides). For $k = 1$ it is
# $\nabla_{\mathbf{x}} f(\mathbf{x}_0)\boldsymbol{\delta} \in \mathbb{R}$; for $k = 2$ it is
# $\operatorname{tr}(\mathbf{H}\boldsymbol{\delta}\boldsymbol{\delta}^\top) = \boldsymbol{\delta}^\top\mathbf{H}\boldsymbol{\delta} = \sum_{i,j} H[i, j]\delta[i]\delta[j] \in \mathbb{R}$; for $k = 3$ a triple sum $\in \mathbb{R}$.
# All forms agree (random tensors, $D = 4$):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
g, H4, T3 = rng.normal(size=4), rng.normal(size=(4, 4)), rng.normal(size=(4, 4, 4))
sums = {
    "k = 1": (contract(g, delta), g @ delta),
    "k = 2": (contract(H4, delta), np.trace(H4 @ delta2), delta @ H4 @ delta, np.sum(H4 * delta2)),
    "k = 3": (contract(T3, delta), np.einsum("ijk,i,j,k", T3, delta, delta, delta), np.sum(T3 * delta3)),
}
assert contract(np.array(2.5), delta) == 2.5                     # k = 0: D⁰f = f(x₀), no index
for k, forms in sums.items():
    print(k, "  ".join(f"{float(v):.10f}" for v in forms))
    assert np.allclose(forms, forms[0], rtol=1e-12) and np.ndim(forms[0]) == 0   # a number

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The slides' example: $f(x, y) = x^2 + 2xy + y^3$ at $(1, 2)$
#
# The derivative tensors, symbolically (`derivative_tensors`: $D^3 f[i, j, k] = \partial H_{ij}/\partial x_k$, so
# $D^3 f[:, :, k] = \partial\mathbf{H}/\partial x_k$ as on the slides) and at $(1, 2)$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
D = derivative_tensors(f_slides, ("x", "y"), 3)
print("∇f =", D[1], "   H =", D[2])
taylor = MultivariateTaylor(f_slides, ("x", "y"), max_order=3)
D0, D1, D2, D3 = taylor.coefficients((1, 2))
print(f"f(1, 2) = {D0:g},  ∇f(1, 2) = {D1.tolist()},  H(1, 2) = {D2.tolist()}")
third = np.zeros((2, 2, 2)); third[1, 1, 1] = 6.0            # only ∂³f/∂y³ = 6
assert D0 == 13 and D1.tolist() == [6, 14] and D2.tolist() == [[2, 2], [2, 12]]
assert np.array_equal(D3, third)
assert sp.Matrix(D[3][:, :, 0].tolist()) == sp.diff(sp.Matrix(D[2].tolist()), x)   # ∂H/∂x

# %% [markdown] slideshow={"slide_type": "subslide"}
# The third-order tensor $D^3_{x,y} f \in \mathbb{R}^{2\times2\times2}$ has the slices
# $$D^3 f[:, :, 1] = \frac{\partial\mathbf{H}}{\partial x} = \begin{bmatrix} \frac{\partial^3 f}{\partial x^3} & \frac{\partial^3 f}{\partial x^2 \partial y} \\ \frac{\partial^3 f}{\partial x \partial y \partial x} & \frac{\partial^3 f}{\partial x \partial y^2} \end{bmatrix},
# \qquad
# D^3 f[:, :, 2] = \frac{\partial\mathbf{H}}{\partial y} = \begin{bmatrix} \frac{\partial^3 f}{\partial y \partial x^2} & \frac{\partial^3 f}{\partial y \partial x \partial y} \\ \frac{\partial^3 f}{\partial y^2 \partial x} & \frac{\partial^3 f}{\partial y^3} \end{bmatrix}.$$
#
# Entry by entry with SymPy (`sp.diff(f, a, b, c)` differentiates by $a$, then $b$, then $c$), for the
# slides' $f$ and for $x^3y^2 + \sin(xy)$, whose third derivatives are not all 0; then $D^3 f(1, 2)$.
# For $f$ with continuous third partials every order of differentiation gives the same tensor, so
# this check confirms the values, but cannot tell orders apart:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
v = (x, y)
for function in (f_slides, f):                                         # f = x³y² + sin(xy) from above
    D3_sym = derivative_tensors(function, ("x", "y"), 3)[3]
    for i, j, k in np.ndindex(2, 2, 2):                                # ∂H_ij/∂x_k
        assert sp.simplify(D3_sym[i, j, k] - sp.diff(function, v[j], v[i], v[k])) == 0
print("∂H/∂x =", D[3][:, :, 0].tolist(), "  ∂H/∂y =", D[3][:, :, 1].tolist(), "  (for the slides' f)")
assert D[3][:, :, 1].tolist() == [[0, 0], [0, 6]] and D[3][:, :, 0].tolist() == [[0, 0], [0, 0]]

# %% slideshow={"slide_type": "-"}
draw_tensor_slices(D3, labels=["D³f[:, :, 1] = ∂H/∂x", "D³f[:, :, 2] = ∂H/∂y"], row_labels=["x", "y"],
                   column_labels=["x", "y"], decimals=0, title="D³f(1, 2)").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the 2×2×2 tensor $D^3 f(1, 2)$ as two 2×2 slices. The slice $\partial\mathbf{H}/\partial x$
# is all zeros; the slice $\partial\mathbf{H}/\partial y$ is zero except its bottom-right entry,
# $\partial^3 f/\partial y^3 = 6$.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# Term by term, with $\boldsymbol{\delta} = (x - 1, y - 2)$: $\ D^1 f\,\boldsymbol{\delta} = 6(x-1) + 14(y-2)$,
# $\ \tfrac{1}{2!}\boldsymbol{\delta}^\top\mathbf{H}\boldsymbol{\delta} = (x-1)^2 + 2(x-1)(y-2) + 6(y-2)^2$,
# $\ \tfrac{1}{3!}D^3 f[\boldsymbol{\delta}^3] = (y-2)^3$. Their sum is the **exact** expansion
# (f is a cubic, so $T_3 = f$):
#
# $$f(x, y) = 13 + 6(x-1) + 14(y-2) + (x-1)^2 + 2(x-1)(y-2) + 6(y-2)^2 + (y-2)^3.$$

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
u, v = x - 1, y - 2
terms = [13, 6*u + 14*v, u**2 + 2*u*v + 6*v**2, v**3]
for k, term in enumerate(terms):
    assert sp.expand(taylor.expansion((1, 2), k) - sum(terms[:k + 1])) == 0   # T_k, term by term
expansion = sum(terms)
print("T₃ − f =", sp.expand(expansion - f_slides))
assert sp.expand(expansion - f_slides) == 0
assert sp.expand(taylor.expansion((1, 2), 2) - f_slides) == -sp.expand(v**3)   # T₂ misses (y − 2)³
slide_line = 13 + 6*u + 14*v + u**2 + 6*v**2 + 2*u*v + 4*v + 6*v**2 + 2*v**2 + 2   # the slide's last line
assert sp.expand(slide_line - expansion) == sp.expand(4*v + 8*v**2 + 2 - v**3)      # not f

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **Note on the slides.** Every intermediate value on the slides is right ($f(1, 2) = 13$, the
# > gradient $[6, 14]$, the Hessian $\begin{bmatrix} 2 & 2 \\ 2 & 12\end{bmatrix}$, the third-order
# > tensor with only $\partial^3 f/\partial y^3 = 6$, and $\frac{1}{3!}D^3 f\,\boldsymbol{\delta}^3 = (y-2)^3$), but the final line of the
# > expansion is garbled: it drops the third-order term $(y-2)^3$ computed on the slide before, and
# > appends the spurious terms "$+\,4(y-2) + 6(y-2)^2 + 2(y-2)^2 + 2$" ($6(y-2)^2$ then appears twice).
# > The correct expansion is the one above; the cell checks it equals $f$ exactly and that the slide's
# > line differs from it by $4(y-2) + 8(y-2)^2 + 2 - (y-2)^3$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Explorer: Taylor polynomials of a function of two variables
#
# Three colour maps: $f$ (left), the Taylor polynomial $T_n$ (middle, same colours as $f$) and the
# error $|f - T_n|$ on a logarithmic scale (right; light is small). Move the **order** $n$ from 0
# to 3 and watch the light region around the expansion point (black disc) grow; move the point
# with **x₀** and **y₀**. The status line gives $f(\mathbf{x}_0)$, $\nabla f(\mathbf{x}_0)$,
# $\mathbf{H}(\mathbf{x}_0)$ and the largest error within distance 0.5. For the slides' cubic,
# $T_3 = f$ everywhere; try the other functions, or type one in $x$ and $y$.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you raise the order: at order 2, the error $|f - T_2|$ of the slides'
# cubic around $(1, 2)$ — small in every direction, or exactly zero along one line through the point?
# Which line, and why? (Look at which term of $f$ is cubic.) Write your guess, then set the **order**
# to 2.

# %% slideshow={"slide_type": "subslide"}
multivariate_taylor_explorer("x^2 + 2*x*y + y^3", point=(1.0, 2.0), order=1)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure (the explorer's first state): left, $f = x^2 + 2xy + y^3$ on $[-3, 3]^2$; middle, its
# linearization $T_1$ at $(1, 2)$ (black disc), a plane, on the same colours; right, the error
# $|f - T_1|$ on a log scale: light (small) only around the point, dark (large) far from it.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same for the orders 0 to 3 as a static figure, for $\sin x \cos y$ expanded at $(0.5, 0.5)$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
sin_cos = MultivariateTaylor("sin(x)*cos(y)", ("x", "y"), max_order=3)
radius, angle = np.meshgrid(np.linspace(0, 0.5, 51), np.linspace(0, 2 * np.pi, 181))
disc = (0.5 + radius * np.cos(angle), 0.5 + radius * np.sin(angle))      # ‖δ‖ ≤ 0.5 around (0.5, 0.5)
max_errors = [float(np.max(np.abs(np.sin(disc[0]) * np.cos(disc[1]) - sin_cos.polynomial((0.5, 0.5), n)(*disc))))
              for n in range(4)]
print("largest |f − T_n| within distance 0.5 of the point, n = 0, 1, 2, 3:", [f"{e:.2g}" for e in max_errors])
assert all(a > b for a, b in zip(max_errors, max_errors[1:]))             # decreases with the order
assert [f"{e:.2g}" for e in max_errors] == ["0.42", "0.12", "0.029", "0.0047"]
multivariate_taylor_small_multiples("sin(x)*cos(y)", (0.5, 0.5), orders=(0, 1, 2, 3))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: top row, $f = \sin x \cos y$ on $[-3, 3]^2$ and its Taylor polynomials $T_0$ to $T_3$ at
# $(0.5, 0.5)$ (black disc), on one colour scale: $T_0$ is constant, $T_1$ a tilted plane, $T_2$ a
# quadratic and $T_3$ a cubic, each closer to $f$ near the point.
# Bottom row, the error $|f - T_n|$ on a log scale: the light (small-error) region around the
# point grows with the order; within distance 0.5 of the point the largest error falls from 0.42
# ($T_0$) to 0.12, 0.029 and 0.0047 ($T_3$), as printed above.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Give the Hessian of $f(x_1, x_2) = x_1^3 x_2 + e^{x_1 x_2}$: a list of rows of formulas such
# as `[["6*x1", "0"], ["0", "1"]]` (that one is wrong), or a $2 \times 2$ `sp.Matrix`.

# %% slideshow={"slide_type": "-"}
answer_1 = None  # [[∂²f/∂x1², ∂²f/∂x1∂x2], [∂²f/∂x2∂x1, ∂²f/∂x2²]]
check_hessian(answer_1, "x1^3*x2 + exp(x1*x2)", ("x1", "x2"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("hessian-exp")` gives a nudge, `hint("hessian-exp", 2)` the method; once you have run
# the checker on an answer of your own, `solution("hessian-exp")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** A classmate computed the Hessian of $f = x_1^2 x_2 + x_2^3$ as below. Run the checker: what
# is wrong with it? Fix it.

# %% slideshow={"slide_type": "-"}
answer_2 = [["2*x2", "2*x1"], ["0", "6*x2"]]
check_hessian(answer_2, "x1^2*x2 + x2^3", ("x1", "x2"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("hessian-symmetric")` gives a nudge, `hint("hessian-symmetric", 2)` the method; once
# you have run the checker on an answer of your own, `solution("hessian-symmetric")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** For the slides' $f(x, y) = x^2 + 2xy + y^3$, give the Hessian **at** $(x, y) = (-1, 1)$
# as a $2 \times 2$ list of numbers.

# %% slideshow={"slide_type": "-"}
answer_3 = None  # H(-1, 1), numbers
check_hessian(answer_3, "x^2 + 2*x*y + y^3", ("x", "y"), point=(-1, 1))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("hessian-point")` gives a nudge, `hint("hessian-point", 2)` the method; once you have
# run the checker on an answer of your own, `solution("hessian-point")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Higher partial derivatives are read from right to left: $\frac{\partial^2 f}{\partial y\partial x} = \frac{\partial}{\partial y}\frac{\partial f}{\partial x}$.
#   The **Hessian** $H_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j} = \frac{\partial}{\partial x_i}\frac{\partial f}{\partial x_j}$ collects the second ones; numerically, finite
#   differences of the gradient (row $i$ is $\partial\nabla f/\partial x_i$).
# - **Schwarz:** with *continuous* second partials the mixed partials agree and $\mathbf{H}$ is
#   symmetric; their existence is not enough: $h = xy(x^2 - y^2)/(x^2 + y^2)$ has all second partials at the
#   origin, mixed partials $-1$ and $1$ there, and is not twice differentiable there.
# - For $f$ twice continuously differentiable the linearization $f(\mathbf{x}_0) + \nabla f(\mathbf{x}_0)\boldsymbol{\delta}$ has an error
#   $\tfrac12\boldsymbol{\delta}^\top\mathbf{H}(\mathbf{x}_0)\boldsymbol{\delta} + o(\|\boldsymbol{\delta}\|^2) = O(\|\boldsymbol{\delta}\|^2)$.
# - The Taylor series of a smooth $f$ equals $f$ near $\mathbf{x}_0$ only if $f$ is analytic there ($e^{-1/s^2}$ is not, at 0).
# - $T_n(\mathbf{x}) = \sum_{k \le n} \frac{1}{k!} D^k f(\mathbf{x}_0)[\boldsymbol{\delta}^k]$, with $\boldsymbol{\delta}^k$ the $k$-fold outer
#   product and $[\cdot]$ the full contraction; for $k = 2$ it is $\boldsymbol{\delta}^\top\mathbf{H}\boldsymbol{\delta}$.
# - $x^2 + 2xy + y^3 = 13 + 6(x-1) + 14(y-2) + (x-1)^2 + 2(x-1)(y-2) + 6(y-2)^2 + (y-2)^3$ exactly.
#
# **Next:** [08 — Gradient descent](08_gradient_descent.ipynb) · **Back:** [06 — Backpropagation](06_backpropagation.ipynb)
