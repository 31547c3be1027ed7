# %% [markdown] slideshow={"slide_type": "slide"}
# # 03 · Partial derivatives and gradients
#
# **Slides covered:** *Partial Differentiation and Gradients* — the partial derivatives as
# limits and the gradient as a row vector — and *Chain Rule* — along a curve $\mathbf{x}(t)$,
# with the worked example $f = x_1^2 + 2x_2$, $x_1 = \sin t$, $x_2 = \cos t$, and for
# $\mathbf{x}(s, t)$ as a matrix product.
#
# **After this notebook you can**
# - compute a partial derivative as a limit, symbolically and with a finite difference;
# - write the gradient of $f: \mathbb{R}^n \to \mathbb{R}$ as a **row** vector in $\mathbb{R}^{1 \times n}$ (the slides' convention) and tell it apart from the column convention of other texts;
# - see that, for a differentiable $f$, $\nabla f^\top$ is orthogonal to the contour line through every point where $\nabla f \ne \mathbf{0}$, and that $\nabla f\,\mathbf{u}$ is the slope of $f$ in a unit direction $\mathbf{u}$ ($\|\mathbf{u}\| = 1$);
# - apply the chain rule as a product of a $1 \times n$ gradient and an $n \times k$ matrix of partial derivatives.

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_gradient, derivative, gradient_field_explorer, gradient_field_small_multiples,
    parse_function, plot_derivative_check, to_numpy_function,
)

x1, x2, h, s, t = sp.symbols("x1 x2 h s t")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Partial derivatives
#
# For $f: \mathbb{R}^n \to \mathbb{R}$, $\mathbf{x} \mapsto f(\mathbf{x})$, the **partial derivative**
# with respect to $x_i$ moves only $x_i$ and keeps the other variables fixed:
#
# $$\frac{\partial f}{\partial x_1} = \lim_{h \to 0} \frac{f(x_1 + h, x_2, \dots, x_n) - f(\mathbf{x})}{h},
# \quad \dots, \quad
# \frac{\partial f}{\partial x_n} = \lim_{h \to 0} \frac{f(x_1, \dots, x_n + h) - f(\mathbf{x})}{h}.$$
#
# For $f(x_1, x_2) = x_1^2 x_2 + x_1 x_2^3$ SymPy takes both limits, and they are the derivatives
# `sympy.diff` computes by the rules:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f = parse_function("x1^2*x2 + x1*x2^3", ("x1", "x2"))
d1 = sp.limit((f.subs(x1, x1 + h) - f) / h, h, 0)
d2 = sp.limit((f.subs(x2, x2 + h) - f) / h, h, 0)
print("∂f/∂x1 =", d1, "    ∂f/∂x2 =", d2)
assert sp.simplify(d1 - sp.diff(f, x1)) == 0 and sp.simplify(d2 - sp.diff(f, x2)) == 0

# %% [markdown] slideshow={"slide_type": "fragment"}
# Numerically, a partial derivative is an ordinary derivative of $f$ along one coordinate: a
# central difference in $x_1$ with $x_2$ fixed, and one in $x_2$ with $x_1$ fixed. At
# $\mathbf{x} = (1, 2)$ the exact values are $2x_1x_2 + x_2^3 = 12$ and $x_1^2 + 3x_1x_2^2 = 13$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f_numeric = to_numpy_function(f, ("x1", "x2"))
point = {x1: 1, x2: 2}
exact = [float(d.subs(point)) for d in (d1, d2)]
central = [derivative(lambda a: f_numeric(a, 2.0), 1.0), derivative(lambda b: f_numeric(1.0, b), 2.0)]
print(f"exact: {exact}    central differences: {np.round(central, 6).tolist()}")
assert exact == [12.0, 13.0] and np.allclose(central, exact, rtol=1e-8)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The gradient is a row vector
#
# The slides collect the partial derivatives in the **row** vector
#
# $$\nabla_{\mathbf{x}} f = \operatorname{grad} f = \frac{\mathrm{d}f}{\mathrm{d}\mathbf{x}} =
# \begin{bmatrix} \frac{\partial f(\mathbf{x})}{\partial x_1} & \frac{\partial f(\mathbf{x})}{\partial x_2} & \cdots & \frac{\partial f(\mathbf{x})}{\partial x_n} \end{bmatrix} \in \mathbb{R}^{1 \times n},
# \qquad \mathbf{x} = [x_1, \dots, x_n]^\top \in \mathbb{R}^n .$$
#
# *1* is the dimension of the codomain $\mathbb{R}$ of $f$ (one output), *n* the number of variables: the shape is
# (output) × (input), as for the Jacobians of the next notebook. SymPy's `jacobian` of the
# $1 \times 1$ matrix $[f]$ gives exactly this layout:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
gradient = sp.Matrix([f]).jacobian([x1, x2])
print("∇f =", gradient, "   shape", gradient.shape)
assert gradient.shape == (1, 2)
assert gradient == sp.Matrix([[d1, d2]])

# %% [markdown] slideshow={"slide_type": "subslide"}
# Many other texts (and most optimisation code) write the gradient as a **column** vector
# $\nabla f \in \mathbb{R}^{n \times 1}$, the transpose. Both hold the same numbers; the layout
# decides which matrix products make sense. With the row, the slope of a differentiable $f$ in a
# unit direction $\mathbf{u} \in \mathbb{R}^{2 \times 1}$ ($\|\mathbf{u}\| = 1$) is the product $\nabla f\,\mathbf{u}$
# ($1 \times 2$ times $2 \times 1$); with the column it is $(\nabla f)^\top \mathbf{u}$. In NumPy:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
row = np.array(gradient.subs(point), dtype=float)        # the slides' convention, 1×n
column = row.T                                           # the column convention, n×1
u = np.array([[0.6], [0.8]])                             # a unit direction, 2×1
print(f"row {row.shape}, column {column.shape}, u {u.shape}")
print(f"row @ u = {(row @ u).item():.2f}  (shape {(row @ u).shape});  column.T @ u = {(column.T @ u).item():.2f}")
assert row.shape == (1, 2) and column.shape == (2, 1)
assert (row @ u).shape == (1, 1) and (row @ u).item() == (column.T @ u).item() == 0.6 * 12 + 0.8 * 13

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The gradient on a contour plot
#
# Let $f$ be differentiable (e.g. its partial derivatives are continuous). A contour line of $f$ is
# a curve $\mathbf{x}(t)$ along which $f$ does not change; by the chain rule of the section below,
# $0 = \frac{\mathrm{d}}{\mathrm{d}t} f(\mathbf{x}(t)) = \nabla f\,\dot{\mathbf{x}}(t)$. So at every point where
# $\nabla f \ne \mathbf{0}$, the column $\nabla f^\top$ is **orthogonal to the contour line** through it (to its
# tangent $\dot{\mathbf{x}}(t)$). The slope in a unit direction $\mathbf{u} = [\cos\theta, \sin\theta]^\top$, the
# **directional derivative** $\nabla f\,\mathbf{u}$, is at most $\|\nabla f\|$ (Cauchy–Schwarz) and equals it
# when $\mathbf{u}$ points along $\nabla f^\top$ — the direction of steepest ascent.
#
# For $f = x_1^2 + 2x_2^2$ at $(1, 0.5)$: $\nabla f = [2x_1, 4x_2] = [2, 2]$, steepest at $\theta = 45°$.
# Differentiability matters: $g = x_1^2 x_2/(x_1^2 + x_2^2)$, $g(\mathbf{0}) = 0$, has both partial
# derivatives 0 at the origin, so $\nabla g(\mathbf{0})\,\mathbf{u} = 0$ for every $\mathbf{u}$, yet along
# $\mathbf{u} = [1, 1]^\top/\sqrt{2}$ its slope at $\mathbf{0}$ is $1/(2\sqrt{2})$: this $g$ is not differentiable at $\mathbf{0}$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
bowl = parse_function("x1^2 + 2*x2^2", ("x1", "x2"))
grad_bowl = np.array(sp.Matrix([bowl]).jacobian([x1, x2]).subs({x1: 1.0, x2: 0.5}), dtype=float)
tangent = np.array([[-grad_bowl[0, 1]], [grad_bowl[0, 0]]]) / np.linalg.norm(grad_bowl)      # along the contour line
angles = np.deg2rad(np.arange(0, 360, 5))
slopes = (grad_bowl @ np.vstack([np.cos(angles), np.sin(angles)])).ravel()    # ∇f u for each θ
steepest = np.rad2deg(angles[np.argmax(slopes)])
print(f"∇f = {grad_bowl.tolist()},  ∇f tangent = {(grad_bowl @ tangent).item():.1f},  steepest at θ = {steepest:.0f}°,"
      f"  max slope {slopes.max():.4f} = ‖∇f‖")
assert (grad_bowl @ tangent).item() == 0 and steepest == 45 and np.isclose(slopes.max(), np.linalg.norm(grad_bowl))
assert np.all(slopes <= np.linalg.norm(grad_bowl) + 1e-12)                    # Cauchy–Schwarz

g_bad = x1**2 * x2 / (x1**2 + x2**2)                                  # g(0) = 0 by definition
partials_at_0 = [sp.limit(g_bad.subs({x1: h, x2: 0}) / h, h, 0), sp.limit(g_bad.subs({x1: 0, x2: h}) / h, h, 0)]
slope_diagonal = sp.limit(g_bad.subs({x1: h / sp.sqrt(2), x2: h / sp.sqrt(2)}) / h, h, 0)
print(f"g: partial derivatives at 0 = {partials_at_0}, slope along [1, 1]/√2 = {slope_diagonal}")
assert partials_at_0 == [0, 0] and sp.simplify(slope_diagonal - 1 / (2 * sp.sqrt(2))) == 0

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Explorer: gradient, contour tangent and directional derivative
#
# Move the point with the **x₁** and **x₂** sliders: the gradient (black arrow, the column $\nabla f^\top$
# drawn as a vector) stays orthogonal to the contour line through the point, whose tangent is the
# green dashed segment — except at a stationary point, where $\nabla f = \mathbf{0}$: there is no gradient
# direction, and the contour through the point need not have a unique tangent (at the **saddle**'s
# origin the contour $f = 0$ is the two crossing lines $x_2 = \pm x_1$). Turn the direction **θ**: the vermillion arrow is
# $(\nabla f\,\mathbf{u})\,\mathbf{u}$, the projection of $\nabla f^\top$ onto $\mathbf{u}$; the status line gives $\nabla f\,\mathbf{u}$. It
# vanishes when $\mathbf{u}$ is tangent to the contour and is largest along $\nabla f^\top$. Try the saddle and
# the curved **valley**, or type a function of `x1` and `x2`.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you turn **θ**: at $(1, 0.5)$, for which direction $\mathbf{u}$ is
# the directional derivative $\nabla f\,\mathbf{u}$ largest, and for which is it zero? Point at them
# in the picture (the black arrow, the green tangent), then turn θ and read the status line.

# %% slideshow={"slide_type": "subslide"}
gradient_field_explorer("x1^2 + 2*x2^2", point=(1.0, 0.5), angle=0.0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure (the explorer's first state): contour lines of $f = x_1^2 + 2x_2^2$; at $(1, 0.5)$ the black
# arrow $\nabla f^\top = [2, 2]^\top$ (scaled, the factor is in the legend), the tangent of the contour
# line (green, dashed), the direction $\mathbf{u}$ at $\theta = 0$ (dotted) and the vermillion arrow
# $(\nabla f\,\mathbf{u})\,\mathbf{u} = [2, 0]^\top$, drawn at the same scale.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same as a static figure, for reading without a kernel: the gradient at four points, and
# the direction of $\nabla f^\top$ on a grid.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
points = [(1.0, 0.5), (-1.5, 1.0), (-2.0, -1.0), (1.5, -1.8)]
figure = gradient_field_small_multiples("x1^2 + 2*x2^2", points=points)
tangents = [line.get_xydata() for line in figure.axes[0].lines if line.get_linestyle() == "--"]
assert len(tangents) == len(points)
for (a, b), (start, end) in zip(points, tangents):                   # ∇f = [2x1, 4x2]
    assert np.allclose((start + end) / 2, (a, b)) and abs(np.dot([2 * a, 4 * b], end - start)) < 1e-9
field = next(c for c in figure.axes[1].collections if hasattr(c, "Umask"))   # the right panel's arrows
assert field.Umask.sum() == 1 and field.X[field.Umask] == 0 and field.Y[field.Umask] == 0   # none at (0, 0)
figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: contour lines of $f = x_1^2 + 2x_2^2$. Left (contours labelled with their values): at four
# points the gradient, drawn as the column $\nabla f^\top$ (black arrow, all four to one scale, given in
# the legend; its value written beside it), is orthogonal to the tangent of the contour line (green, dashed). Right: the
# direction of $\nabla f^\top$ (arrows of equal length) points outward across the contour lines, towards
# larger values; there is no arrow at the minimum $(0, 0)$, where $\nabla f = \mathbf{0}$.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The chain rule along a curve
#
# If $f$ is differentiable (e.g. its partial derivatives are continuous) and $x_1(t)$, $x_2(t)$ are
# differentiable functions of $t$, then $f(x_1(t), x_2(t))$ is a differentiable function of $t$ and
#
# $$\frac{\mathrm{d}f}{\mathrm{d}t} =
# \begin{bmatrix} \frac{\partial f}{\partial x_1} & \frac{\partial f}{\partial x_2} \end{bmatrix}
# \begin{bmatrix} \frac{\mathrm{d}x_1}{\mathrm{d}t} \\ \frac{\mathrm{d}x_2}{\mathrm{d}t} \end{bmatrix}
# = \frac{\partial f}{\partial x_1}\frac{\mathrm{d}x_1}{\mathrm{d}t} + \frac{\partial f}{\partial x_2}\frac{\mathrm{d}x_2}{\mathrm{d}t}:$$
#
# the row gradient (at $\mathbf{x}(t)$) times the column of derivatives of the curve. (The slides write
# $\frac{\partial x_i(t)}{\partial t}$; for a function of $t$ alone this is the ordinary derivative $\frac{\mathrm{d}x_i}{\mathrm{d}t}$.)
#
# **The slides' example:** $f(x_1, x_2) = x_1^2 + 2x_2$, $x_1 = \sin t$, $x_2 = \cos t$, so
# $\frac{\mathrm{d}f}{\mathrm{d}t} = \begin{bmatrix} 2x_1 & 2 \end{bmatrix} \begin{bmatrix} \cos t \\ -\sin t \end{bmatrix}
# = 2\sin t \cos t + 2(-\sin t) = 2\sin t(\cos t - 1)$.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f_chain = x1**2 + 2 * x2
curve_t = {x1: sp.sin(t), x2: sp.cos(t)}
row_gradient = sp.Matrix([f_chain]).jacobian([x1, x2]).subs(curve_t)    # 1×2
velocity = sp.Matrix([sp.sin(t), sp.cos(t)]).diff(t)                     # 2×1
dfdt = (row_gradient * velocity)[0, 0]
expected = 2 * sp.sin(t) * (sp.cos(t) - 1)
print("∂f/∂x at x(t) =", row_gradient, "   dx/dt =", velocity)
print("df/dt =", dfdt, "=", sp.factor(dfdt))
assert row_gradient == sp.Matrix([[2 * sp.sin(t), 2]]) and velocity == sp.Matrix([sp.cos(t), -sp.sin(t)])
assert sp.simplify(dfdt - expected) == 0
assert sp.simplify(sp.diff(f_chain.subs(curve_t), t) - expected) == 0   # differentiating f(x(t)) directly

# %% [markdown] slideshow={"slide_type": "subslide"}
# A central finite difference of $t \mapsto f(\mathbf{x}(t))$ — no chain rule involved — agrees
# with $2\sin t(\cos t - 1)$ over a whole period:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
ts = np.linspace(0.0, 2 * np.pi, 201)
f_of_t = to_numpy_function(f_chain.subs(curve_t), ("t",))
numeric = derivative(f_of_t, ts)
exact_values = to_numpy_function(expected, ("t",))(ts)
assert np.max(np.abs(numeric - exact_values)) < 1e-8
plot_derivative_check(ts, exact_values, numeric, exact_label="chain rule: 2 sin t (cos t − 1)",
                      approximation_label="central difference of f(x(t))",
                      title="df/dt for f = x₁² + 2x₂, x₁ = sin t, x₂ = cos t").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the chain rule's $\mathrm{d}f/\mathrm{d}t$ (line) and the central difference of
# $f(\mathbf{x}(t))$ (circles) coincide; the title gives the largest difference.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The chain rule with two parameters
#
# If $f$ is differentiable and $x_1(s, t)$, $x_2(s, t)$ are differentiable functions of $(s, t)$, each
# partial derivative follows the same pattern,
#
# $$\frac{\partial f}{\partial s} = \frac{\partial f}{\partial x_1}\frac{\partial x_1}{\partial s} + \frac{\partial f}{\partial x_2}\frac{\partial x_2}{\partial s},
# \qquad
# \frac{\partial f}{\partial t} = \frac{\partial f}{\partial x_1}\frac{\partial x_1}{\partial t} + \frac{\partial f}{\partial x_2}\frac{\partial x_2}{\partial t},$$
#
# and both together are one matrix product:
#
# $$\frac{\mathrm{d}f}{\mathrm{d}(s,t)} = \frac{\partial f}{\partial \mathbf{x}}\,\frac{\partial \mathbf{x}}{\partial (s,t)} =
# \underbrace{\begin{bmatrix} \frac{\partial f}{\partial x_1} & \frac{\partial f}{\partial x_2} \end{bmatrix}}_{=\,\partial f/\partial \mathbf{x}\ \in\ \mathbb{R}^{1\times 2}}
# \underbrace{\begin{bmatrix} \frac{\partial x_1}{\partial s} & \frac{\partial x_1}{\partial t} \\ \frac{\partial x_2}{\partial s} & \frac{\partial x_2}{\partial t} \end{bmatrix}}_{=\,\partial \mathbf{x}/\partial (s,t)\ \in\ \mathbb{R}^{2\times 2}}
# \in \mathbb{R}^{1 \times 2}.$$
#
# Example: the same $f = x_1^2 + 2x_2$ with $x_1 = s\,t$, $x_2 = s + t$. Both sides with SymPy:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
x_st = sp.Matrix([s * t, s + t])
substitute = {x1: x_st[0], x2: x_st[1]}
df_dx = sp.Matrix([f_chain]).jacobian([x1, x2]).subs(substitute)   # 1×2
dx_dst = x_st.jacobian([s, t])                                      # 2×2
product = df_dx * dx_dst                                            # 1×2
direct = sp.Matrix([f_chain.subs(substitute)]).jacobian([s, t])     # differentiate f(x(s, t)) directly
print(f"∂f/∂x {df_dx.shape} · ∂x/∂(s,t) {dx_dst.shape} = df/d(s,t) {product.shape}")
print("df/d(s,t) =", sp.expand(product))
assert df_dx.shape == (1, 2) and dx_dst.shape == (2, 2) and product.shape == (1, 2)
assert sp.simplify(product - direct) == sp.zeros(1, 2)

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **Note on the slides.** On the slide of this matrix product both underbraces are labelled
# > $\frac{\partial f}{\partial \mathbf{x}}$. Only the first one, the $1 \times 2$ row of partial
# > derivatives of $f$, is $\frac{\partial f}{\partial \mathbf{x}}$; the second, the $2 \times 2$ matrix
# > of the derivatives of $x_1, x_2$ with respect to $s, t$, is $\frac{\partial \mathbf{x}}{\partial (s,t)}$
# > (as written above, and as the shapes in the cell above confirm).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Give the gradient of $f(x_1, x_2) = x_1^2 x_2 + e^{x_2}$ as a row: a list of two formulas
# such as `["x1 + 1", "2*x2"]` (that one is wrong), or a `sp.Matrix` with one row.

# %% slideshow={"slide_type": "-"}
answer_1 = None  # [∂f/∂x1, ∂f/∂x2] for x1^2*x2 + exp(x2)
check_gradient(answer_1, "x1^2*x2 + exp(x2)", ("x1", "x2"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("gradient-row")` gives a nudge, `hint("gradient-row", 2)` the method; once you have
# run the checker on an answer of your own, `solution("gradient-row")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** A classmate computed the gradient of $f = x_1^3 + x_1 x_2$ as below. Before running the
# checker: what shape does the slides' gradient of $f$ have, and what shape is `answer_2`? Then run
# the checker and fix the answer.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = sp.Matrix([3 * x1**2 + x2, x1])
check_gradient(answer_2, "x1^3 + x1*x2", ("x1", "x2"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("gradient-shape")` gives a nudge, `hint("gradient-shape", 2)` the method; once you
# have run the checker on an answer of your own, `solution("gradient-shape")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** Let $f(x_1, x_2) = x_1 x_2$ with $x_1 = s + 2t$ and $x_2 = s - t$. Use the chain rule
# $\frac{\partial f}{\partial \mathbf{x}}\frac{\partial \mathbf{x}}{\partial (s,t)}$ to find
# $\frac{\mathrm{d}f}{\mathrm{d}(s,t)}$, a $1 \times 2$ row of two formulas in `s` and `t` (no `x1`, `x2` left).

# %% slideshow={"slide_type": "-"}
answer_3 = None  # [∂f/∂s, ∂f/∂t]
check_gradient(answer_3, "x1*x2", ("s", "t"), inner={"x1": "s + 2*t", "x2": "s - t"})

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("gradient-chain")` gives a nudge, `hint("gradient-chain", 2)` the method; once you
# have run the checker on an answer of your own, `solution("gradient-chain")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - A partial derivative $\partial f / \partial x_i$ is the derivative of $f$ in $x_i$ with the other
#   variables fixed: the limit of a difference quotient along one coordinate.
# - The slides write the gradient as the **row** vector $\nabla f = \left[\frac{\partial f}{\partial x_1}, \dots, \frac{\partial f}{\partial x_n}\right] \in \mathbb{R}^{1 \times n}$;
#   other texts use its transpose, a column.
# - For a differentiable $f$: at every point where $\nabla f \ne \mathbf{0}$, $\nabla f^\top$ is orthogonal to the
#   contour line through it; the directional derivative $\nabla f\,\mathbf{u}$ in a unit direction $\mathbf{u}$ is
#   largest, $\|\nabla f\|$, for $\mathbf{u}$ along $\nabla f^\top$. Partial derivatives that merely exist are not enough.
# - Chain rule (for differentiable $f$ and $\mathbf{x}$): $\frac{\mathrm{d}f}{\mathrm{d}t} = \frac{\partial f}{\partial \mathbf{x}}\frac{\mathrm{d}\mathbf{x}}{\mathrm{d}t}$, shapes
#   $1 \times 2 \cdot 2 \times 1 = 1 \times 1$, and $\frac{\mathrm{d}f}{\mathrm{d}(s,t)} = \frac{\partial f}{\partial \mathbf{x}}\frac{\partial \mathbf{x}}{\partial (s,t)}$, shapes
#   $1 \times 2 \cdot 2 \times 2 = 1 \times 2$.
#
# **Next:** [04 — Jacobians and matrix gradients](04_jacobians_and_matrix_gradients.ipynb) · **Back:** [02 — Taylor series](02_taylor_series.ipynb)
