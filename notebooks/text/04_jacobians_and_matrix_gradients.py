# %% [markdown] slideshow={"slide_type": "slide"}
# # 04 · Jacobians and gradients of matrices
#
# **Slides covered:** *Gradients of Vector-Valued Functions* — the Jacobian, the gradient of
# $\mathbf{f} = A\mathbf{x}$, the gradient of a least-squares loss in a linear model (with the
# "alternative way" finished) — and *Gradients of Matrices*: a matrix with respect to a vector
# (Approach 1, the tensor; Approach 2, flatten and reshape), a vector with respect to a matrix
# ($\mathrm{d}\mathbf{f}/\mathrm{d}A$ for $\mathbf{f} = A\mathbf{x}$) and a matrix with respect to a matrix
# ($\mathrm{d}K/\mathrm{d}R$ for $K = R^\top R$).
#
# **After this notebook you can**
# - write the $m \times n$ Jacobian of $\mathbf{f}: \mathbb{R}^n \to \mathbb{R}^m$ and check it against numerical derivatives;
# - derive $\partial L/\partial \boldsymbol\theta = -2\mathbf{e}^\top\Phi$ for a least-squares loss with the chain rule, and by expanding $L$;
# - tell the shape of a derivative from the shapes of output and input: (output shape) × (input shape);
# - move between a Jacobian tensor (Approach 1) and its flattened matrix (Approach 2).

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_jacobian, draw_matrix, draw_reshape, draw_tensor_slices, flatten_jacobian,
    numerical_jacobian, reshape_explorer, unflatten_jacobian,
)

rng = np.random.default_rng(2024)
x1, x2, x3 = sp.symbols("x1 x2 x3")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The Jacobian
#
# For a vector-valued function $\mathbf{f}: \mathbb{R}^n \to \mathbb{R}^m$ the slides collect all first-order
# partial derivatives in the **Jacobian**, an $m \times n$ matrix: row $i$ is the gradient (a row
# vector, as in notebook 03) of the component $f_i$, column $j$ belongs to the variable $x_j$:
#
# $$\mathbf{J} = \frac{\mathrm{d}\mathbf{f}(\mathbf{x})}{\mathrm{d}\mathbf{x}} =
# \begin{bmatrix} \frac{\partial f_1(\mathbf{x})}{\partial x_1} & \cdots & \frac{\partial f_1(\mathbf{x})}{\partial x_n} \\
# \vdots & \ddots & \vdots \\
# \frac{\partial f_m(\mathbf{x})}{\partial x_1} & \cdots & \frac{\partial f_m(\mathbf{x})}{\partial x_n} \end{bmatrix} \in \mathbb{R}^{m \times n},
# \qquad J_{ij} = \frac{\partial f_i}{\partial x_j}.$$
#
# Example: $\mathbf{f}(x_1, x_2, x_3) = \begin{bmatrix} x_1^2 x_2 + x_3 \\ \sin x_1 + x_2 x_3 \end{bmatrix}$, so $m = 2$, $n = 3$
# and $\mathbf{J}$ is $2 \times 3$. SymPy's `jacobian` against numerical derivatives at $\mathbf{x} = (1, 2, 3)$ (`numerical_jacobian`: the complex
# step, checked against central differences):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
f_vec = sp.Matrix([x1**2 * x2 + x3, sp.sin(x1) + x2 * x3])
J = f_vec.jacobian([x1, x2, x3])
print("J =", J, "   shape", J.shape)

point = np.array([1.0, 2.0, 3.0])
J_exact = np.array(J.subs(dict(zip((x1, x2, x3), point))), dtype=float)
f_numeric = sp.lambdify([(x1, x2, x3)], list(f_vec), "numpy")
J_numeric = numerical_jacobian(lambda x: np.array(f_numeric(x)), point)
print("J(1, 2, 3) =", J_numeric.round(4).tolist())
assert J.shape == (2, 3) and J_numeric.shape == (2, 3)
assert np.allclose(J_numeric, J_exact, atol=1e-9)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The Jacobian of $\mathbf{f} = A\mathbf{x}$ is $A$
#
# Let $\mathbf{f}(\mathbf{x}) = A\mathbf{x}$ with $A \in \mathbb{R}^{M \times N}$, $\mathbf{x} \in \mathbb{R}^N$, $\mathbf{f}(\mathbf{x}) \in \mathbb{R}^M$. Component $i$ is
# $f_i(\mathbf{x}) = \sum_{j=1}^N A_{ij} x_j$, so $\frac{\partial f_i}{\partial x_j} = A_{ij}$: collected in the $M \times N$ Jacobian,
#
# $$\frac{\mathrm{d}\mathbf{f}}{\mathrm{d}\mathbf{x}} = \begin{bmatrix} A_{11} & \cdots & A_{1N} \\ \vdots & & \vdots \\ A_{M1} & \cdots & A_{MN} \end{bmatrix} = A \in \mathbb{R}^{M \times N}.$$
#
# Symbolically for $M = 3$, $N = 4$ (SymPy's `MatrixSymbol` made explicit), and numerically for a
# random $A$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
M, N = 3, 4
A_sym = sp.Matrix(sp.MatrixSymbol("A", M, N))
x_sym = sp.Matrix(sp.symbols(f"x1:{N + 1}"))
assert (A_sym * x_sym).jacobian(x_sym) == A_sym

A = rng.normal(size=(M, N)).round(2)
J_Ax = numerical_jacobian(lambda x: A @ x, rng.normal(size=N))
print("A =", A.tolist())
print("shape of d(Ax)/dx:", J_Ax.shape, "  equal to A:", bool(np.allclose(J_Ax, A, atol=1e-12)))
assert J_Ax.shape == (M, N) and np.allclose(J_Ax, A, atol=1e-12)

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **Note on the slides.** The OCR of this slide reads "$x \in \mathbb{R}$"; it is $\mathbf{x} \in \mathbb{R}^N$
# > (otherwise $A\mathbf{x}$ with $A \in \mathbb{R}^{M \times N}$ is not defined), and $\mathbf{f}: \mathbb{R}^N \to \mathbb{R}^M$.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Gradient of a least-squares loss
#
# The linear model $\mathbf{y} = \Phi\boldsymbol\theta$ has parameters $\boldsymbol\theta \in \mathbb{R}^D$, features
# $\Phi \in \mathbb{R}^{N \times D}$ (one row per data point $x_n$) and observations $\mathbf{y} \in \mathbb{R}^N$. The slides define
#
# $$\mathbf{e}(\boldsymbol\theta) := \mathbf{y} - \Phi\boldsymbol\theta, \qquad L(\mathbf{e}) := \|\mathbf{e}\|^2 = \mathbf{e}^\top\mathbf{e},
# \qquad \frac{\partial L}{\partial \boldsymbol\theta} = \frac{\partial L}{\partial \mathbf{e}}\,\frac{\partial \mathbf{e}}{\partial \boldsymbol\theta}.$$
#
# The handwritten example on the slide is a **cubic** model, features $1, x, x^2, x^3$:
# $e_n = y_n - (a_0 + a_1 x_n + a_2 x_n^2 + a_3 x_n^3)$, so $\boldsymbol\theta = (a_0, a_1, a_2, a_3)$, $D = 4$, and row $n$
# of $\Phi$ is $[1, x_n, x_n^2, x_n^3]$. (The OCR repeats this handwritten line about 25 times and
# writes the last term as $a_3 x_1^2$; it is $a_3 x_n^3$.)

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
a0, a1, a2, a3, xn, yn = sp.symbols("a0 a1 a2 a3 x_n y_n")
phi_row = sp.Matrix([[1, xn, xn**2, xn**3]])
e_n = yn - (phi_row * sp.Matrix([a0, a1, a2, a3]))[0]
print("e_n =", e_n)
assert sp.expand(e_n - (yn - (a0 + a1 * xn + a2 * xn**2 + a3 * xn**3))) == 0

x_data = np.linspace(-1.0, 1.0, 8)
y_data = 0.5 - x_data + 2 * x_data**3 + 0.1 * rng.normal(size=x_data.size)
Phi = np.vander(x_data, 4, increasing=True)          # N×D = 8×4: columns 1, x, x², x³
theta = np.array([0.2, -0.5, 0.3, 1.0])
e = y_data - Phi @ theta
print("Φ:", Phi.shape, "  θ:", theta.shape, "  e:", e.shape)

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Step 1.** $L = e_1^2 + e_2^2 + \dots + e_N^2$, so $\frac{\partial L}{\partial e_n} = 2e_n$ and, as a gradient of a scalar
# with respect to a vector, a **row**:
#
# $$\frac{\partial L}{\partial \mathbf{e}} = \begin{bmatrix} 2e_1 & 2e_2 & \cdots & 2e_N \end{bmatrix} = 2\mathbf{e}^\top \in \mathbb{R}^{1 \times N}.$$
#
# **Step 2.** $\mathbf{e} = \mathbf{y} - \Phi\boldsymbol\theta$ is $\mathbf{y}$ minus a linear function of $\boldsymbol\theta$: by the previous section,
# $\frac{\partial \mathbf{e}}{\partial \boldsymbol\theta} = -\Phi \in \mathbb{R}^{N \times D}$.
#
# **Chain rule.** $\frac{\partial L}{\partial \boldsymbol\theta} = 2\mathbf{e}^\top(-\Phi) = -2\mathbf{e}^\top\Phi = -2(\mathbf{y}^\top - \boldsymbol\theta^\top\Phi^\top)\Phi \in \mathbb{R}^{1 \times D}$
# (shapes $1 \times N \cdot N \times D$). Each factor against numerical derivatives:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
dL_de = numerical_jacobian(lambda v: v @ v, e).reshape(1, -1)                 # 1×N
de_dtheta = numerical_jacobian(lambda t: y_data - Phi @ t, theta)            # N×D
dL_dtheta = numerical_jacobian(lambda t: np.sum((y_data - Phi @ t) ** 2), theta).reshape(1, -1)
print(f"∂L/∂e {dL_de.shape},  ∂e/∂θ {de_dtheta.shape},  ∂L/∂θ {dL_dtheta.shape}")
print("∂L/∂θ =", dL_dtheta.round(4).tolist(), " = −2eᵀΦ =", (-2 * e @ Phi).round(4).tolist())
assert np.allclose(dL_de, 2 * e[None, :], atol=1e-9)
assert np.allclose(de_dtheta, -Phi, atol=1e-9)
assert np.allclose(dL_dtheta, dL_de @ de_dtheta, atol=1e-9)       # the chain rule
assert np.allclose(dL_dtheta, -2 * e[None, :] @ Phi, atol=1e-9)

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **Note on the slides.** The slide writes $\frac{\partial L}{\partial \mathbf{e}}$ as the column $[e_1, \dots, e_n]^\top$.
# > It is missing the factor 2 and has the wrong layout: the correct step is the row $2\mathbf{e}^\top \in \mathbb{R}^{1 \times N}$
# > (checked above). The slide's final result $\frac{\partial L}{\partial \boldsymbol\theta} = -2\mathbf{e}^\top\Phi$ is right.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### The alternative way, finished
#
# Expand the loss first, then differentiate each term ($\mathbf{y}^\top\Phi\boldsymbol\theta$ is a number, so it equals its
# transpose $\boldsymbol\theta^\top\Phi^\top\mathbf{y}$):
#
# $$L(\boldsymbol\theta) = (\mathbf{y} - \Phi\boldsymbol\theta)^\top(\mathbf{y} - \Phi\boldsymbol\theta)
# = \mathbf{y}^\top\mathbf{y} - 2\mathbf{y}^\top\Phi\boldsymbol\theta + \boldsymbol\theta^\top\Phi^\top\Phi\boldsymbol\theta .$$
#
# $\mathbf{y}^\top\mathbf{y}$ does not depend on $\boldsymbol\theta$; $\frac{\partial}{\partial\boldsymbol\theta}(-2\mathbf{y}^\top\Phi\boldsymbol\theta) = -2\mathbf{y}^\top\Phi$ (linear, as
# $A\mathbf{x}$); and $\frac{\partial}{\partial\boldsymbol\theta}\boldsymbol\theta^\top B\boldsymbol\theta = \boldsymbol\theta^\top(B + B^\top) = 2\boldsymbol\theta^\top\Phi^\top\Phi$ for the symmetric
# $B = \Phi^\top\Phi$. Hence
#
# $$\frac{\partial L}{\partial \boldsymbol\theta} = -2\mathbf{y}^\top\Phi + 2\boldsymbol\theta^\top\Phi^\top\Phi = -2(\mathbf{y} - \Phi\boldsymbol\theta)^\top\Phi = -2\mathbf{e}^\top\Phi,$$
#
# the same as with the chain rule. Symbolically with $N = 3$, $D = 2$ (every entry a symbol), and
# numerically for the cubic model:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
Phi_s = sp.Matrix(sp.MatrixSymbol("Phi", 3, 2))
y_s = sp.Matrix(sp.MatrixSymbol("y", 3, 1))
theta_s = sp.Matrix(sp.MatrixSymbol("theta", 2, 1))
e_s = y_s - Phi_s * theta_s
L_s = (e_s.T * e_s)[0, 0]
expanded = (y_s.T * y_s - 2 * y_s.T * Phi_s * theta_s + theta_s.T * Phi_s.T * Phi_s * theta_s)[0, 0]
gradient_s = sp.Matrix([L_s]).jacobian(theta_s)                       # 1×2, by SymPy
alternative = -2 * y_s.T * Phi_s + 2 * theta_s.T * Phi_s.T * Phi_s   # the alternative way
chain = -2 * e_s.T * Phi_s                                           # the chain rule
assert sp.expand(L_s - expanded) == 0
assert (gradient_s - alternative).expand() == sp.zeros(1, 2)
assert (alternative - chain).expand() == sp.zeros(1, 2)
e_sym = sp.Matrix(sp.symbols("e1:4"))
assert sp.Matrix([(e_sym.T * e_sym)[0]]).jacobian(e_sym) == 2 * e_sym.T   # ∂L/∂e = 2eᵀ
print("∂L/∂θ shape", gradient_s.shape, "— symbolic: expanded form = −2yᵀΦ + 2θᵀΦᵀΦ = −2eᵀΦ")

alternative_numeric = -2 * y_data @ Phi + 2 * theta @ Phi.T @ Phi
assert np.allclose(alternative_numeric, -2 * e @ Phi) and np.allclose(alternative_numeric, dL_dtheta[0])
theta_best = np.linalg.lstsq(Phi, y_data, rcond=None)[0]            # where the gradient is 0
print("least-squares fit θ* =", theta_best.round(3).tolist(), "  largest distance to [0.5, −1, 0, 2]:",
      round(float(np.max(np.abs(theta_best - [0.5, -1.0, 0.0, 2.0]))), 3))
assert np.allclose(-2 * (y_data - Phi @ theta_best) @ Phi, 0, atol=1e-10)
assert np.allclose(theta_best, [0.5, -1.0, 0.0, 2.0], rtol=0, atol=0.1)   # each coefficient within 0.1


# %% [markdown] slideshow={"slide_type": "fragment"}
# At the least-squares fit $\boldsymbol\theta^*$ the gradient vanishes, $\Phi^\top\Phi\boldsymbol\theta^* = \Phi^\top\mathbf{y}$ (the normal
# equations): each coefficient of the fit is within 0.1 of those of the $0.5 - x + 2x^3$ the data were
# made from (with noise of standard deviation 0.1 added to the 8 observations).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The gradient of a matrix with respect to a vector
#
# Let $A(\mathbf{x}) \in \mathbb{R}^{4 \times 2}$ depend on $\mathbf{x} \in \mathbb{R}^3$. Its derivative has shape (output) × (input)
# $= 4 \times 2 \times 3$. We take
#
# $$A(\mathbf{x}) = \begin{bmatrix} x_1 x_2 & x_1^2 \\ \sin x_3 & x_2 x_3 \\ x_1 + 2x_3 & \cos x_2 \\ x_2^2 & x_1 x_2 x_3 \end{bmatrix}
# \quad \text{at } \mathbf{x} = (1, 2, 0.5).$$
#
# **Approach 1:** compute the partial derivatives $\partial A/\partial x_k$ (each $4 \times 2$) and collate them in
# a $4 \times 2 \times 3$ **Jacobian tensor**. `numerical_jacobian` returns this tensor directly:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
def A_of_x(x):
    x1_, x2_, x3_ = x
    return np.array([[x1_ * x2_, x1_**2], [np.sin(x3_), x2_ * x3_],
                     [x1_ + 2 * x3_, np.cos(x2_)], [x2_**2, x1_ * x2_ * x3_]])

x0 = np.array([1.0, 2.0, 0.5])
T = numerical_jacobian(A_of_x, x0)                                   # Approach 1
A_symbolic = sp.Matrix([[x1 * x2, x1**2], [sp.sin(x3), x2 * x3], [x1 + 2 * x3, sp.cos(x2)],
                        [x2**2, x1 * x2 * x3]])
T_exact = np.stack([np.array(A_symbolic.diff(v).subs({x1: 1, x2: 2, x3: 0.5}), dtype=float)
                    for v in (x1, x2, x3)], axis=-1)                  # ∂A/∂x_k as slice k
print("T.shape =", T.shape)
assert T.shape == (4, 2, 3) and np.allclose(T, T_exact, atol=1e-12)
draw_tensor_slices(T, labels=["∂A/∂x₁", "∂A/∂x₂", "∂A/∂x₃"], title="Approach 1: ∂A/∂x, a 4×2×3 tensor").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: the three slices $\partial A/\partial x_k$ of the tensor, values written in the cells (purple
# positive, orange negative, white zero). E.g. $A_{11} = x_1x_2$ has $\partial/\partial x_1 = x_2 = 2$ and
# $\partial/\partial x_2 = x_1 = 1$; $A_{21} = \sin x_3$ depends only on $x_3$.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# **Approach 2:** (1) flatten $A \in \mathbb{R}^{4 \times 2}$ into $\tilde A \in \mathbb{R}^{8}$; (2) compute the ordinary
# Jacobian $\mathrm{d}\tilde A/\mathrm{d}\mathbf{x} \in \mathbb{R}^{8 \times 3}$; (3) reshape it into the tensor. NumPy flattens
# **row-major**: $A_{ij}$ (counting from 1) becomes entry $2(i - 1) + j$ of $\tilde A$. The two approaches hold the same
# numbers:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
J_flat = numerical_jacobian(lambda x: A_of_x(x).ravel(), x0)        # steps 1 and 2: 8×3
assert J_flat.shape == (8, 3)
assert np.allclose(J_flat, flatten_jacobian(T, (4, 2), (3,)), atol=1e-12)
assert np.allclose(unflatten_jacobian(J_flat, (4, 2), (3,)), T, atol=1e-12)   # step 3
assert np.array_equal(unflatten_jacobian(flatten_jacobian(T, (4, 2), (3,)), (4, 2), (3,)), T)
print("row index 2 (counting from 0) of the flattened matrix (A₂₁ = sin x₃):", J_flat[2].round(4).tolist(), "= T[1, 0, :]")
assert np.array_equal(J_flat[2], J_flat.reshape(4, 2, 3)[1, 0])
row_names = [f"A{i}{j}".translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")) for i in range(1, 5) for j in (1, 2)]
draw_matrix(J_flat, row_labels=row_names, column_labels=["x₁", "x₂", "x₃"], title="Approach 2: dÃ/dx, an 8×3 matrix").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: Approach 2 as a heat map with the values written in the cells: the 8×3 matrix $\mathrm{d}\tilde A/\mathrm{d}\mathbf{x}$, one row per entry $A_{ij}$ of $A$ (in row-major order $A_{11}, A_{12}, A_{21}, \dots, A_{42}$), one column per $x_k$; row $A_{21}$ holds the derivatives of $\sin x_3$, zero except in the $x_3$ column.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Explorer: the reshape between the two approaches
#
# Choose an entry $\partial A_{ij}/\partial x_k$ with the sliders **row i**, **column j** and **slice k**. It is outlined
# in its slice of the tensor (left) and in the flattened matrix (right), where it sits in row
# $A_{ij}$ (dashed: the whole row, the gradient of $A_{ij}$) and column $x_k$. Moving **j** steps one row
# down the flattened matrix, moving **i** two rows (one row of $A$ has $n = 2$ entries); **k** picks the
# slice $\partial A/\partial x_k$ on the left and the column $x_k$ on the right. The status line gives the NumPy indices.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you move a slider: where in the flattened $8 \times 3$ matrix does
# $\partial A_{42}/\partial x_1$ sit — which row (counting from 1) and which column? Write your guess,
# then set **row i** = 4, **column j** = 2, **slice k** = 1.

# %% slideshow={"slide_type": "subslide"}
reshape_explorer(T, entry=(2, 1, 3))

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure (the explorer's first state): entry $\partial A_{21}/\partial x_3$ (NumPy `T[1, 0, 2]`) outlined in the
# slice $\partial A/\partial x_3$ of the tensor (left) and in the flattened 8×3 matrix (right), in row $A_{21}$ (dashed)
# and column $x_3$; the arrow joins the two.*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same as a static figure, for reading without a kernel: entry $\partial A_{21}/\partial x_3$ (NumPy `T[1, 0, 2]`)
# is in the flattened matrix at row index $2 \cdot 1 + 0 = 2$ (the row $A_{21}$) and column index 2 (the column $x_3$),
# both counting from 0.

# %% slideshow={"slide_type": "-"}
draw_reshape(T, highlight=(1, 0, 2)).figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: left, Approach 1 (the 4×2×3 tensor as three slices); right, Approach 2 (the 8×3 flattened
# matrix, rows $A_{11}, A_{12}, A_{21}, \dots$ in row-major order). The outlined cell is the same number in both;
# the arrow shows where it goes.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The gradient of a vector with respect to a matrix
#
# $\mathbf{f} = A\mathbf{x}$ with $\mathbf{f} \in \mathbb{R}^M$, $A \in \mathbb{R}^{M \times N}$, $\mathbf{x} \in \mathbb{R}^N$, now as a function of $A$. Its
# derivative has shape $M \times (M \times N)$: one $M \times N$ block $\frac{\partial f_i}{\partial A} \in \mathbb{R}^{1 \times (M \times N)}$ per component.
# From $f_i = \sum_{j=1}^N A_{ij} x_j$:
#
# $$\frac{\partial f_i}{\partial A_{iq}} = x_q, \qquad
# \frac{\partial f_i}{\partial A_{i,:}} = \mathbf{x}^\top \in \mathbb{R}^{1 \times 1 \times N}, \qquad
# \frac{\partial f_i}{\partial A_{k \ne i,:}} = \mathbf{0}^\top \in \mathbb{R}^{1 \times 1 \times N},$$
#
# $$\frac{\partial f_i}{\partial A} = \begin{bmatrix} \mathbf{0}^\top & \cdots & \mathbf{0}^\top & \mathbf{x}^\top & \mathbf{0}^\top & \cdots & \mathbf{0}^\top \end{bmatrix} \in \mathbb{R}^{1 \times (M \times N)}
# \quad (\mathbf{x}^\top \text{ in block } i).$$
#
# For $M = 3$, $N = 4$, numerical derivatives with respect to every entry of $A$:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
x_vec = rng.normal(size=N).round(2)
df_dA = numerical_jacobian(lambda A_: A_ @ x_vec, A)                  # shape (M, M, N)
print("x =", x_vec.tolist(), "   df/dA shape", df_dA.shape)
assert df_dA.shape == (M, M, N)
for i in range(M):
    for k in range(M):
        expected = x_vec if k == i else np.zeros(N)                   # ∂f_i/∂A_k,: = xᵀ or 0ᵀ
        assert np.allclose(df_dA[i, k], expected, atol=1e-12), (i, k)
blocks = flatten_jacobian(df_dA, (M,), (M, N))                        # row i: [0ᵀ … xᵀ … 0ᵀ]
assert np.allclose(blocks[1], np.concatenate([np.zeros(N), x_vec, np.zeros(N)]), atol=1e-12)
draw_tensor_slices(df_dA, axis=0, labels=[f"∂f{s}/∂A" for s in "₁₂₃"],
                   row_labels=["k=1", "k=2", "k=3"], column_labels=["q=1", "q=2", "q=3", "q=4"],
                   title="df/dA, shape 3×(3×4): panel i, row k, column q is ∂fᵢ/∂A_kq").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: panel $i$ is $\partial f_i/\partial A$, an $M \times N$ block with entry $(k, q) = \partial f_i/\partial A_{kq}$: the row
# $k = i$ holds $\mathbf{x}^\top$, every other row is $\mathbf{0}^\top$.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The gradient of a matrix with respect to a matrix
#
# For $R \in \mathbb{R}^{M \times N}$ let $K = \mathbf{f}(R) = R^\top R \in \mathbb{R}^{N \times N}$. Then $\frac{\mathrm{d}K}{\mathrm{d}R}$ has shape
# $(N \times N) \times (M \times N)$, each $\frac{\mathrm{d}K_{pq}}{\mathrm{d}R} \in \mathbb{R}^{1 \times M \times N}$. With $\mathbf{r}_p$ the $p$-th column of $R$,
# $K_{pq} = \mathbf{r}_p^\top\mathbf{r}_q = \sum_{m=1}^M R_{mp}R_{mq}$, and
#
# $$\frac{\partial K_{pq}}{\partial R_{ij}} = \sum_{m=1}^M \frac{\partial}{\partial R_{ij}} R_{mp}R_{mq} = \partial_{pqij} =
# \begin{cases} R_{iq} & \text{if } j = p,\ p \ne q \\ R_{ip} & \text{if } j = q,\ p \ne q \\ 2R_{iq} & \text{if } j = p,\ p = q \\ 0 & \text{otherwise} \end{cases}$$
#
# for $p, q, j = 1, \dots, N$ and $i = 1, \dots, M$. We build the tensor from this case table and compare it,
# entry by entry, with numerical derivatives for a random $R \in \mathbb{R}^{2 \times 3}$:

# %% slideshow={"slide_type": "subslide"} tags=["hide-input"]
M_R, N_R = 2, 3
R = rng.normal(size=(M_R, N_R)).round(2)
dK_dR = numerical_jacobian(lambda R_: R_.T @ R_, R)                   # shape (N, N, M, N)

def case_table(p, q, i, j):
    if j == p and p != q:
        return R[i, q], "R_iq"
    if j == q and p != q:
        return R[i, p], "R_ip"
    if j == p == q:
        return 2 * R[i, q], "2R_iq"
    return 0.0, "0"

table = np.zeros((N_R, N_R, M_R, N_R))
used = {"R_iq": 0, "R_ip": 0, "2R_iq": 0, "0": 0}
for p, q, i, j in np.ndindex(table.shape):
    table[p, q, i, j], case = case_table(p, q, i, j)
    used[case] += 1
    assert abs(table[p, q, i, j] - dK_dR[p, q, i, j]) < 1e-9, (p, q, i, j, case)
print("dK/dR shape", dK_dR.shape, "  entries per case:", used)
assert dK_dR.shape == (N_R, N_R, M_R, N_R) and sum(used.values()) == table.size

# %% [markdown] slideshow={"slide_type": "subslide"}
# Flattened (Approach 2), $\mathrm{d}K/\mathrm{d}R$ is a $9 \times 6$ matrix: row $K_{pq}$, column $R_{ij}$. The diagonal entries
# $K_{pp} = \|\mathbf{r}_p\|^2$ (rows $K_{11}, K_{22}, K_{33}$) have $2R_{ip}$ in column $j = p$; $K_{pq} = K_{qp}$ gives equal rows.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
sub = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
draw_matrix(flatten_jacobian(dK_dR, (N_R, N_R), (M_R, N_R)),
            row_labels=[f"K{p}{q}".translate(sub) for p in range(1, N_R + 1) for q in range(1, N_R + 1)],
            column_labels=[f"R{i}{j}".translate(sub) for i in range(1, M_R + 1) for j in range(1, N_R + 1)],
            title="dK/dR for K = RᵀR, flattened to 9×6").figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: entry (row $K_{pq}$, column $R_{ij}$) is $\partial K_{pq}/\partial R_{ij}$. In row $K_{pq}$ only the columns with $j = p$ or
# $j = q$ can be non-zero: $K_{pq}$ depends only on the columns $\mathbf{r}_p$ and $\mathbf{r}_q$ of $R$.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Give the Jacobian of $\mathbf{f}(x_1, x_2) = \begin{bmatrix} x_1^2 x_2 \\ 5x_1 + \sin x_2 \\ x_2^3 \end{bmatrix}$: a list of rows of
# formulas such as `[["x2", "x1"], ...]`, or a `sp.Matrix`. What shape must it have?

# %% slideshow={"slide_type": "-"}
answer_1 = None  # the Jacobian of f, one row per component
check_jacobian(answer_1, ["x1^2*x2", "5*x1 + sin(x2)", "x2^3"], ("x1", "x2"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("jacobian-3x2")` gives a nudge, `hint("jacobian-3x2", 2)` the method; once you have
# run the checker on an answer of your own, `solution("jacobian-3x2")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** A classmate wrote the Jacobian of $\mathbf{f}(x_1, x_2, x_3) = \begin{bmatrix} x_1 x_2 + x_3 \\ x_1^2 - x_3 \end{bmatrix}$ as below.
# Run the checker: what is wrong, in the slides' layout? Fix it.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = [["x2", "2*x1"], ["x1", "0"], ["1", "-1"]]
check_jacobian(answer_2, ["x1*x2 + x3", "x1^2 - x3"], ("x1", "x2", "x3"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("jacobian-layout")` gives a nudge, `hint("jacobian-layout", 2)` the method; once you
# have run the checker on an answer of your own, `solution("jacobian-layout")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** $\mathbf{f}(\mathbf{x}) = A\mathbf{x}$ with $A = \begin{bmatrix} 2 & -1 & 0 \\ 1 & 3 & -2 \end{bmatrix}$ and $\mathbf{x} = [x_1, x_2, x_3]^\top$. Write
# $f_1, f_2$ out and give the Jacobian $\mathrm{d}\mathbf{f}/\mathrm{d}\mathbf{x}$ (a list of rows of numbers).

# %% slideshow={"slide_type": "-"}
answer_3 = None  # d(Ax)/dx
A_3 = sp.Matrix([[2, -1, 0], [1, 3, -2]])
check_jacobian(answer_3, A_3 * sp.Matrix([x1, x2, x3]), ("x1", "x2", "x3"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("jacobian-linear")` gives a nudge, `hint("jacobian-linear", 2)` the method; once you
# have run the checker on an answer of your own, `solution("jacobian-linear")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - The Jacobian of $\mathbf{f}: \mathbb{R}^n \to \mathbb{R}^m$ is the $m \times n$ matrix $J_{ij} = \partial f_i / \partial x_j$; for $\mathbf{f} = A\mathbf{x}$ it is $A$.
# - Least squares: $\mathbf{e} = \mathbf{y} - \Phi\boldsymbol\theta$, $L = \|\mathbf{e}\|^2$: $\frac{\partial L}{\partial \mathbf{e}} = 2\mathbf{e}^\top$, $\frac{\partial \mathbf{e}}{\partial \boldsymbol\theta} = -\Phi$, so
#   $\frac{\partial L}{\partial \boldsymbol\theta} = -2\mathbf{e}^\top\Phi = -2\mathbf{y}^\top\Phi + 2\boldsymbol\theta^\top\Phi^\top\Phi \in \mathbb{R}^{1 \times D}$ (chain rule or expanding $L$).
# - A derivative has shape (output shape) × (input shape): $\mathrm{d}A/\mathrm{d}\mathbf{x}$ is $m \times n \times k$,
#   $\mathrm{d}\mathbf{f}/\mathrm{d}A$ is $M \times (M \times N)$, $\mathrm{d}K/\mathrm{d}R$ is $(N \times N) \times (M \times N)$.
# - Approach 1 keeps the tensor; Approach 2 flattens (row-major) to an ordinary Jacobian and
#   reshapes back — the same numbers.
#
# **Next:** [05 — Gradient identities](05_gradient_identities.ipynb) · **Back:** [03 — Partial derivatives and gradients](03_partial_derivatives_and_gradients.ipynb)
