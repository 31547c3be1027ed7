# %% [markdown] slideshow={"slide_type": "slide"}
# # 05 · Useful identities for computing gradients
#
# **Slides covered:** *Useful Identities for Computing Gradients* (both slides) — the derivatives
# of $\mathbf{f}(\mathbf{X})^\top$, $\operatorname{tr}\mathbf{f}(\mathbf{X})$, $\det\mathbf{f}(\mathbf{X})$ and
# $\mathbf{f}(\mathbf{X})^{-1}$, of $\mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b}$, $\mathbf{a}^\top\mathbf{x}$,
# $\mathbf{a}^\top\mathbf{X}\mathbf{b}$, $\mathbf{x}^\top\mathbf{B}\mathbf{x}$ and of the weighted least-squares
# error $(\mathbf{x} - \mathbf{A}\mathbf{s})^\top\mathbf{W}(\mathbf{x} - \mathbf{A}\mathbf{s})$ — plus
# $\partial\mathbf{x}^\top\mathbf{a}/\partial\mathbf{x}$ from the MML book.
#
# **After this notebook you can**
# - say under which **layout** each identity holds: a row for a scalar of a vector, the matrix $G_{ij} = \partial f/\partial X_{ij}$ for a scalar of a matrix, a 4-d tensor for a matrix of a matrix;
# - check an identity numerically: the derivative by finite differences / the complex step against the closed form, on random inputs of several sizes;
# - recognise what goes wrong with the formula of another layout ($\mathbf{b}\mathbf{a}^\top$ instead of $\mathbf{a}\mathbf{b}^\top$) or of a special case ($2\mathbf{x}^\top\mathbf{B}$ for a non-symmetric $\mathbf{B}$, $2\mathbf{W}$ for a non-symmetric $\mathbf{W}$).

# %% slideshow={"slide_type": "skip"}
import numpy as np
import sympy as sp

from lecture_utils import (
    hint, solution,
    check_gradient, compare_layouts, IDENTITIES, identity_explorer,
    identity_small_multiples, verify_identity,
)

rng = np.random.default_rng(2024)   # one seeded generator for every random input below


def check_on_random_sizes(name, count=3, largest=5):
    # verify_identity on `count` random sizes (one random size per dimension); one line in all
    entry = IDENTITIES[name]
    sizes = []
    for _ in range(count):
        size = {dim: int(rng.integers(2, largest + 1)) for dim in entry.sizes}
        check = verify_identity(name, size, rng)
        assert check.holds and check.error < 0.01 * check.tolerance, check
        sizes.append(" ".join(f"{dim}={n}" for dim, n in size.items()))
    print(f"{name:<24} holds on random inputs with {'; '.join(sizes)} (error < 1% of the tolerance)")


def print_layouts(comparison):
    for formula, error in comparison.errors.items():
        verdict = "holds" if error < 1e-10 else f"FAILS (relative error {error:.2f})"
        print(f"  {formula:<52} {verdict}")


# %% [markdown] slideshow={"slide_type": "slide"}
# ## How an identity is checked
#
# Each identity says that a derivative equals a closed form. `verify_identity(name, size, rng)`
# draws random inputs of the given size, computes the **left side numerically** with
# `numerical_jacobian` (the complex step where possible, checked against central differences)
# and the **right side** from the formula, and compares them: the relative error
# $\max|\text{left} - \text{right}| / \max(|\text{left}|, |\text{right}|)$ must stay below a
# tolerance of about $10^{-12}\kappa$, where $\kappa \ge 1$ is the condition number of the
# matrices that are inverted.
#
# The numerical left side has the slides' shapes, so it also fixes the **layout**:
#
# | derivative of | with respect to | shape | entry |
# | --- | --- | --- | --- |
# | a scalar $f$ | $\mathbf{x} \in \mathbb{R}^n$ | $1 \times n$ (a row) | $\partial f / \partial x_j$ |
# | a scalar $f$ | $\mathbf{X} \in \mathbb{R}^{m \times n}$ | $m \times n$ (the shape of $\mathbf{X}$) | $G_{ij} = \partial f / \partial X_{ij}$ |
# | a matrix $\mathbf{F}$ | $\mathbf{X} \in \mathbb{R}^{n \times n}$ | $n \times n \times n \times n$ | $\partial F_{kl} / \partial X_{ij}$ |

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
check = verify_identity("aT X^-1 b", 3, rng)
print(f"left {check.left.shape}, right {check.right.shape}, relative error {check.error:.0e} "
      f"≤ tolerance {check.tolerance:.0e}: holds = {check.holds}")
print("layout:", IDENTITIES["aT X^-1 b"].layout)
assert check.holds and check.left.shape == check.right.shape == (3, 3)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Identities for a matrix function $\mathbf{f}(\mathbf{X})$
#
# For a matrix-valued $\mathbf{f}: \mathbb{R}^{n \times n} \to \mathbb{R}^{n \times n}$ the slides list
#
# $$\frac{\partial}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^\top = \left(\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right)^\top,
# \qquad
# \frac{\partial}{\partial \mathbf{X}} \operatorname{tr}(\mathbf{f}(\mathbf{X})) = \operatorname{tr}\left(\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right),$$
#
# $$\frac{\partial}{\partial \mathbf{X}} \det(\mathbf{f}(\mathbf{X})) = \det(\mathbf{f}(\mathbf{X}))\, \operatorname{tr}\left(\mathbf{f}(\mathbf{X})^{-1} \frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right),
# \qquad
# \frac{\partial}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^{-1} = -\mathbf{f}(\mathbf{X})^{-1} \frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^{-1}.$$
#
# $\frac{\partial \mathbf{f}}{\partial \mathbf{X}}$ is the 4-d tensor with entries $\partial f_{kl}/\partial X_{ij}$.
# "Transpose" and "trace" act on its two **output** axes $k, l$; the product
# $\mathbf{f}^{-1}\,\frac{\partial \mathbf{f}}{\partial \mathbf{X}}\,\mathbf{f}^{-1}$ multiplies each slice
# $\partial \mathbf{f}/\partial X_{ij}$ (an $n \times n$ matrix). The transpose and trace identities hold wherever $\mathbf{f}$
# is differentiable; the det and inverse identities need $\mathbf{f}(\mathbf{X})$ invertible as well (the random
# $\mathbf{X}$, $\mathbf{A}$ used here make $\mathbf{X}\mathbf{A}\mathbf{X}$ invertible). The checks use
# $\mathbf{f}(\mathbf{X}) = \mathbf{X}\mathbf{A}\mathbf{X}$ with a random $\mathbf{A}$ (any differentiable $\mathbf{f}$ with $\mathbf{f}(\mathbf{X})$
# invertible would do):

# %% slideshow={"slide_type": "subslide"}
for name in ("f(X)T", "tr f(X)", "det f(X)", "f(X)^-1"):
    check_on_random_sizes(name)
    print("   layout:", IDENTITIES[name].layout)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Deriving $\partial \det(\mathbf{X}) / \partial \mathbf{X}$ by hand
#
# The slides' det identity for $\mathbf{f}(\mathbf{X}) = \mathbf{X}$, in three steps (layout $G_{ij} = \partial f/\partial X_{ij}$):
#
# 1. **Index notation.** Expand $\det\mathbf{X}$ along row $i$ (Laplace): $\det\mathbf{X} = \sum_k X_{ik} C_{ik}$, with the
#    cofactor $C_{ik} = (-1)^{i+k}\det(\mathbf{X}$ without row $i$ and column $k)$, which contains no entry of row $i$.
#    So $\partial\det\mathbf{X}/\partial X_{ij} = C_{ij}$: the gradient is the **cofactor matrix** $\mathbf{C}$.
# 2. **The adjugate.** $\mathbf{X}\mathbf{C}^\top = \det(\mathbf{X})\,\mathbf{I}$: entry $(i, l)$ is $\sum_k X_{ik}C_{lk}$, the expansion along row $l$
#    of $\mathbf{X}$ with row $l$ replaced by row $i$ — $\det\mathbf{X}$ for $i = l$, and $0$ otherwise (two equal rows).
#    So for an invertible $\mathbf{X}$, $\mathbf{C} = \det(\mathbf{X})\,\mathbf{X}^{-\top}$.
# 3. **Result.** $\dfrac{\partial\det\mathbf{X}}{\partial\mathbf{X}} = \det(\mathbf{X})\,\mathbf{X}^{-\top}$, or with differentials
#    $d\det\mathbf{X} = \sum_{ij} C_{ij}\,dX_{ij} = \det(\mathbf{X})\operatorname{tr}(\mathbf{X}^{-1}d\mathbf{X})$ (Jacobi's formula).
#
# Each step checked by SymPy on a $3\times 3$ matrix of symbols ($2 \times 2$ for the differential):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
X3 = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"x{i + 1}{j + 1}"))
det3 = X3.det()
C = sp.Matrix(3, 3, lambda i, j: X3.cofactor(i, j))
step1 = all(sp.expand(sp.diff(det3, X3[i, j]) - C[i, j]) == 0 for i in range(3) for j in range(3))
no_row_i = all(not C[i, j].free_symbols & set(X3.row(i)) for i in range(3) for j in range(3))
step2 = sp.expand(X3 * C.T - det3 * sp.eye(3)) == sp.zeros(3, 3)
X2 = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22"))
dX = sp.Matrix(2, 2, sp.symbols("dx11 dx12 dx21 dx22"))
C2 = sp.Matrix(2, 2, lambda i, j: X2.cofactor(i, j))
jacobi = sp.simplify(sum(C2[i, j] * dX[i, j] for i in range(2) for j in range(2))
                     - X2.det() * (X2.inv() * dX).trace()) == 0
step3 = sp.simplify(det3 * X3.inv().T - C) == sp.zeros(3, 3)
print(f"step 1: ∂det X/∂X_ij = C_ij for all 9 entries: {step1} (C_ij free of row i: {no_row_i})")
print(f"step 2: X Cᵀ = det(X) I: {step2};  step 3: det(X) X⁻ᵀ = C: {step3}, d det X = det(X) tr(X⁻¹dX): {jacobi}")
assert step1 and no_row_i and step2 and step3 and jacobi


# %% [markdown] slideshow={"slide_type": "slide"}
# ## $\partial\,\mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b} / \partial \mathbf{X}$
#
# $$\frac{\partial \mathbf{a}^\top \mathbf{X}^{-1} \mathbf{b}}{\partial \mathbf{X}} = -\left(\mathbf{X}^{-1}\right)^\top \mathbf{a}\,\mathbf{b}^\top \left(\mathbf{X}^{-1}\right)^\top
# = -\mathbf{X}^{-\top}\mathbf{a}\mathbf{b}^\top\mathbf{X}^{-\top},
# \qquad \mathbf{a}, \mathbf{b} \in \mathbb{R}^n,\ \mathbf{X} \in \mathbb{R}^{n \times n} \text{ invertible}.$$
#
# It holds in the layout $G_{ij} = \partial f/\partial X_{ij}$. A text that writes the derivative
# with respect to a matrix in the other layout, $G_{ij} = \partial f / \partial X_{ji}$, gets the
# transpose, $-\mathbf{X}^{-1}\mathbf{b}\mathbf{a}^\top\mathbf{X}^{-1}$ — a different matrix:

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Derived by hand, with differentials
#
# 1. **The inverse.** Differentiate $\mathbf{X}\mathbf{X}^{-1} = \mathbf{I}$: $\;d\mathbf{X}\,\mathbf{X}^{-1} + \mathbf{X}\,d(\mathbf{X}^{-1}) = \mathbf{0}$, so
#    $d(\mathbf{X}^{-1}) = -\mathbf{X}^{-1}\,d\mathbf{X}\,\mathbf{X}^{-1}$ (the slides' inverse identity for $\mathbf{f}(\mathbf{X}) = \mathbf{X}$).
# 2. **The scalar.** $\mathbf{a}$ and $\mathbf{b}$ are constant: $\;df = \mathbf{a}^\top d(\mathbf{X}^{-1})\,\mathbf{b} = -\mathbf{a}^\top\mathbf{X}^{-1}\,d\mathbf{X}\,\mathbf{X}^{-1}\mathbf{b}$.
# 3. **Index notation.** With $\mathbf{u} = \mathbf{X}^{-\top}\mathbf{a}$ (so $\mathbf{u}^\top = \mathbf{a}^\top\mathbf{X}^{-1}$) and $\mathbf{v} = \mathbf{X}^{-1}\mathbf{b}$:
#    $df = -\sum_{i,j} u_i\,dX_{ij}\,v_j$, so $\partial f/\partial X_{ij} = -u_i v_j$ and $\mathbf{G} = -\mathbf{u}\mathbf{v}^\top = -\mathbf{X}^{-\top}\mathbf{a}\mathbf{b}^\top\mathbf{X}^{-\top}$.
#
# Each step checked by SymPy on a $2 \times 2$ matrix of symbols (any $\mathbf{a}, \mathbf{b}$), and on a $3 \times 3$ matrix of
# fractions moved along $\mathbf{X} + t\mathbf{E}_{ij}$ ($\mathbf{E}_{ij}$: a 1 at $(i, j)$), exactly; then the random-matrix check:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
def derivation_holds(X, a, b, entry):
    # steps 1-3 for the entry (i, j): d/dt at t = 0 along X + t E_ij, compared with the formulas
    n, t = X.shape[0], sp.Symbol("t")
    E = sp.zeros(n, n); E[entry] = 1
    X_t_inv = (X + t * E).inv()
    step1 = sp.simplify(sp.diff(X_t_inv, t).subs(t, 0) + X.inv() * E * X.inv()) == sp.zeros(n, n)
    f_t = (a.T * X_t_inv * b)[0]
    step2 = sp.simplify(sp.diff(f_t, t).subs(t, 0) + (a.T * X.inv() * E * X.inv() * b)[0]) == 0
    u, v = X.inv().T * a, X.inv() * b
    step3 = sp.simplify(sp.diff(f_t, t).subs(t, 0) + u[entry[0]] * v[entry[1]]) == 0
    return step1 and step2 and step3
X2, a2, b2 = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22")), sp.Matrix(sp.symbols("a1 a2")), sp.Matrix(sp.symbols("b1 b2"))
X3 = sp.Matrix([[2, 1, 0], [sp.Rational(1, 3), 3, 1], [1, -1, 4]])
a3, b3 = sp.Matrix([1, -2, sp.Rational(1, 2)]), sp.Matrix([3, 1, -1])
symbolic = all(derivation_holds(X2, a2, b2, (i, j)) for i in range(2) for j in range(2))
exact = all(derivation_holds(X3, a3, b3, (i, j)) for i in range(3) for j in range(3))
G3 = -X3.inv().T * a3 * b3.T * X3.inv().T
print(f"steps 1-3, 2×2 symbols: {symbolic};  3×3 fractions: {exact};  G = −X⁻ᵀabᵀX⁻ᵀ ≠ its transpose: {G3 != G3.T}")
assert symbolic and exact and G3 != G3.T

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
check_on_random_sizes("aT X^-1 b")
comparison = compare_layouts("aT X^-1 b", 4, rng)
print_layouts(comparison)
right, other = comparison.errors.values()
assert right < 1e-10 and other > 0.1

# %% [markdown] slideshow={"slide_type": "slide"}
# ## $\partial\,\mathbf{a}^\top\mathbf{x} / \partial\mathbf{x}$ and $\partial\,\mathbf{x}^\top\mathbf{a} / \partial\mathbf{x}$
#
# $$\frac{\partial \mathbf{a}^\top \mathbf{x}}{\partial \mathbf{x}} = \mathbf{a}^\top,
# \qquad
# \frac{\partial \mathbf{x}^\top \mathbf{a}}{\partial \mathbf{x}} = \mathbf{a}^\top
# \qquad (\mathbf{a}, \mathbf{x} \in \mathbb{R}^n).$$
#
# $\mathbf{a}^\top\mathbf{x} = \mathbf{x}^\top\mathbf{a} = \sum_j a_j x_j$ is the same scalar, so both
# gradients are the same **row** $\mathbf{a}^\top \in \mathbb{R}^{1 \times n}$ (the slides show the first,
# the MML book lists both):

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
for name in ("aT x", "xT a"):
    check_on_random_sizes(name)
check = verify_identity("xT a", 4, rng)
assert check.left.shape == (1, 4)   # a row, not a column

# %% [markdown] slideshow={"slide_type": "slide"}
# ## $\partial\,\mathbf{a}^\top\mathbf{X}\mathbf{b} / \partial\mathbf{X}$
#
# $$\frac{\partial \mathbf{a}^\top \mathbf{X} \mathbf{b}}{\partial \mathbf{X}} = \mathbf{a}\mathbf{b}^\top,
# \qquad \mathbf{a} \in \mathbb{R}^m,\ \mathbf{X} \in \mathbb{R}^{m \times n},\ \mathbf{b} \in \mathbb{R}^n .$$
#
# Since $\mathbf{a}^\top\mathbf{X}\mathbf{b} = \sum_{i,j} a_i X_{ij} b_j$, the entry $\partial/\partial X_{ij}$ is
# $a_i b_j$: the identity holds with $G_{ij} = \partial f/\partial X_{ij}$, and $\mathbf{a}\mathbf{b}^\top$ has
# the shape $m \times n$ of $\mathbf{X}$. Its transpose $\mathbf{b}\mathbf{a}^\top$ (the other layout)
# has, for a square $\mathbf{X}$, in general different numbers ($\mathbf{b}\mathbf{a}^\top = \mathbf{a}\mathbf{b}^\top$ exactly when
# $\mathbf{a}$ and $\mathbf{b}$ are linearly dependent: one is a multiple of the other, possibly zero), and otherwise the
# wrong shape, $n \times m$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
check_on_random_sizes("aT X b")
print("square X, 3×3:")
square = compare_layouts("aT X b", 3, rng)
print_layouts(square)
print("X of shape 2×3:")
oblong = compare_layouts("aT X b", {"m": 2, "n": 3}, rng)
for formula, value in oblong.formulas.items():
    print(f"  {formula:<52} shape {value.shape}, holds: {oblong.errors[formula] < 1e-10}")
assert list(square.errors.values())[0] < 1e-10 < list(square.errors.values())[1]
assert oblong.numerical.shape == (2, 3) and list(oblong.errors.values())[1] == np.inf

# %% [markdown] slideshow={"slide_type": "slide"}
# ## $\partial\,\mathbf{x}^\top\mathbf{B}\mathbf{x} / \partial\mathbf{x}$
#
# $$\frac{\partial \mathbf{x}^\top \mathbf{B} \mathbf{x}}{\partial \mathbf{x}} = \mathbf{x}^\top\left(\mathbf{B} + \mathbf{B}^\top\right),
# \qquad \mathbf{x} \in \mathbb{R}^n,\ \mathbf{B} \in \mathbb{R}^{n \times n}.$$
#
# This holds for **any** $\mathbf{B}$. The shortcut $2\mathbf{x}^\top\mathbf{B}$ is the special case of a
# symmetric $\mathbf{B}$; for a non-symmetric $\mathbf{B}$ it fails, and so does $2\mathbf{B}\mathbf{x}$ (the column-layout
# shortcut, valid only for symmetric $\mathbf{B}$) read as a row. The column-layout formula
# $(\mathbf{B} + \mathbf{B}^\top)\mathbf{x}$ read as a row is correct:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
check_on_random_sizes("xT B x")
comparison = compare_layouts("xT B x", 4, rng)            # a random, non-symmetric B
print("non-symmetric B:")
print_layouts(comparison)
B = rng.standard_normal((4, 4))
symmetric = compare_layouts("xT B x", 4, rng, inputs={"B": B + B.T})
print("symmetric B:")
print_layouts(symmetric)
errors, errors_symmetric = comparison.errors, symmetric.errors
holds = {label for label, error in errors.items() if error < 1e-10}
assert holds == {"x^T (B + B^T)", "(B + B^T) x (column-layout formula, read as a row)"}
assert all(error > 0.1 for label, error in errors.items() if label not in holds)
assert max(errors_symmetric.values()) < 1e-10              # then all four agree

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Weighted least squares
#
# $$\frac{\partial}{\partial \mathbf{s}} (\mathbf{x} - \mathbf{A}\mathbf{s})^\top \mathbf{W} (\mathbf{x} - \mathbf{A}\mathbf{s}) = -2 (\mathbf{x} - \mathbf{A}\mathbf{s})^\top \mathbf{W} \mathbf{A}
# \qquad \text{for symmetric } \mathbf{W},$$
#
# with $\mathbf{x} \in \mathbb{R}^m$, $\mathbf{A} \in \mathbb{R}^{m \times k}$, $\mathbf{s} \in \mathbb{R}^k$,
# $\mathbf{W} \in \mathbb{R}^{m \times m}$; the gradient is a row in $\mathbb{R}^{1 \times k}$. It is
# $\mathbf{x}^\top\mathbf{B}\mathbf{x}$ again, for the residual $\mathbf{r} = \mathbf{x} - \mathbf{A}\mathbf{s}$ and the chain
# rule $\partial \mathbf{r}/\partial \mathbf{s} = -\mathbf{A}$: for any $\mathbf{W}$,
# $-\mathbf{r}^\top(\mathbf{W} + \mathbf{W}^\top)\mathbf{A}$, which equals $-2\mathbf{r}^\top\mathbf{W}\mathbf{A}$ for all $\mathbf{x}$,
# $\mathbf{A}$, $\mathbf{s}$ only if $\mathbf{W} = \mathbf{W}^\top$:

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
check_on_random_sizes("(x-As)T W (x-As)")          # random symmetric W: the slide's formula holds
check_on_random_sizes("(x-As)T W (x-As), any W")   # any W: W + Wᵀ in place of 2W
W = np.triu(rng.standard_normal((3, 3)))           # not symmetric
with_2W = verify_identity("(x-As)T W (x-As)", 3, rng, inputs={"W": W})
with_sum = verify_identity("(x-As)T W (x-As), any W", 3, rng, inputs={"W": W})
print(f"non-symmetric W: -2 rᵀWA holds: {with_2W.holds};  -rᵀ(W + Wᵀ)A holds: {with_sum.holds}")
print_layouts(compare_layouts("(x-As)T W (x-As)", 3, rng))
assert not with_2W.holds and with_sum.holds

# %% [markdown] slideshow={"slide_type": "subslide"}
# > **Note on the slides.** Each identity holds under a stated layout, which the slides leave
# > implicit. $\frac{\partial \mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b}}{\partial \mathbf{X}} = -\mathbf{X}^{-\top}\mathbf{a}\mathbf{b}^\top\mathbf{X}^{-\top}$ and
# > $\frac{\partial \mathbf{a}^\top\mathbf{X}\mathbf{b}}{\partial \mathbf{X}} = \mathbf{a}\mathbf{b}^\top$ hold with
# > $G_{ij} = \partial f/\partial X_{ij}$ (texts with the other layout print the transposes).
# > $\frac{\partial \mathbf{x}^\top\mathbf{B}\mathbf{x}}{\partial \mathbf{x}} = \mathbf{x}^\top(\mathbf{B} + \mathbf{B}^\top)$
# > holds for any $\mathbf{B}$. The weighted least-squares identity needs $\mathbf{W}$ symmetric, as the
# > slide says; otherwise $\mathbf{W} + \mathbf{W}^\top$ replaces $2\mathbf{W}$. The MML book's list also
# > has $\frac{\partial \mathbf{x}^\top\mathbf{a}}{\partial \mathbf{x}} = \mathbf{a}^\top$, checked above. All of it
# > was confirmed numerically in the cells above.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Explorer: verify any identity yourself
#
# Pick an **identity**, a **size** $n$ (every dimension of the inputs) and a **seed** for the random
# inputs. The left panel is the derivative computed numerically, the middle one the closed form,
# both on one colour scale (white is 0, dark red $+\max$, dark blue $-\max$; the maximum is
# written above each panel). The right panel is their difference on its own, much finer scale:
# rounding noise. The status line gives the relative error, the tolerance and whether the identity
# holds. Derivatives of a matrix with respect to a matrix ($\mathbf{f}(\mathbf{X})^\top$, $\mathbf{f}(\mathbf{X})^{-1}$)
# are drawn flattened: rows $(k, l)$, columns $(i, j)$. Try the weighted least squares "any W"
# and the symmetric version, and a 1×1 case.

# %% [markdown] slideshow={"slide_type": "-"}
# **Predict, then look.** Before you pick: with size $n = 4$, what shape does
# $\partial\,\mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b}/\partial\mathbf{X}$ have — a row, a column or a
# $4 \times 4$ matrix? And $\partial\,\mathbf{x}^\top\mathbf{B}\mathbf{x}/\partial\mathbf{x}$? Write
# your guesses, then pick each identity with **size** 4 and look at the panels.

# %% slideshow={"slide_type": "subslide"}
identity_explorer("aT X^-1 b", size=3, seed=0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure (the explorer's first state): $\partial\mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b}/\partial\mathbf{X}$ for size 3 and seed 0, in the
# layout $G_{ij} = \partial f/\partial X_{ij}$: the numerical derivative (left) and the closed form (middle) look the
# same, largest entry 9.83 in both; their difference (right, own colour scale) is at most $2 \cdot 10^{-15}$
# (the first row of the static figure below, where both numbers are checked).*

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same as a static figure, for reading without a kernel: three identities on random inputs of
# size 3.

# %% slideshow={"slide_type": "-"} tags=["hide-input"]
shown = ["aT X^-1 b", "aT X b", "xT B x"]
checks = [verify_identity(name, 3, np.random.default_rng(0)) for name in shown]   # the figure's inputs
largest = [float(np.max(np.abs(c.left - c.right))) for c in checks]
print("largest |numerical − closed form|:", ", ".join(f"{name}: {d:.0e}" for name, d in zip(shown, largest)))
assert all(c.holds for c in checks) and max(largest) < 1e-14
entries = [float(np.max(np.abs(c.right))) for c in checks]                       # largest |entry|, closed form
print("largest |entry|:", ", ".join(f"{name}: {v:.2f}" for name, v in zip(shown, entries)))
assert [round(v, 2) for v in entries] == [9.83, 1.49, 1.0]
identity_small_multiples(shown, size=3, seed=0)

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: for $\partial\mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b}/\partial\mathbf{X}$, $\partial\mathbf{a}^\top\mathbf{X}\mathbf{b}/\partial\mathbf{X}$
# (both $3 \times 3$, $G_{ij} = \partial f/\partial X_{ij}$) and $\partial\mathbf{x}^\top\mathbf{B}\mathbf{x}/\partial\mathbf{x}$
# (a $1 \times 3$ row): the numerical derivative (left) and the closed form (middle) agree entry by
# entry; their difference (right, own colour scale, its maximum written above it) is at rounding level, below
# $10^{-14}$ in every entry (printed above), while the largest entries themselves are 9.83, 1.49 and 1.00.*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Check yourself
#
# **1.** Let $\mathbf{B} = \begin{bmatrix} 1 & 2 \\ 0 & 3 \end{bmatrix}$ (not symmetric), so that
# $f(\mathbf{x}) = \mathbf{x}^\top\mathbf{B}\mathbf{x} = x_1^2 + 2x_1x_2 + 3x_2^2$. Use the identity to give the
# gradient as a row of two formulas in `x1`, `x2`.

# %% slideshow={"slide_type": "-"}
answer_1 = None  # [∂f/∂x1, ∂f/∂x2] from the identity
check_gradient(answer_1, "x1^2 + 2*x1*x2 + 3*x2^2", ("x1", "x2"), quadratic_form=[[1, 2], [0, 3]])

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("identity-quadratic-form")` gives a nudge, `hint("identity-quadratic-form", 2)` the
# method; once you have run the checker on an answer of your own,
# `solution("identity-quadratic-form")` shows a worked solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **2.** Now $\mathbf{B} = \begin{bmatrix} 2 & -1 \\ 3 & 1 \end{bmatrix}$ (again not symmetric), so that
# $f(\mathbf{x}) = \mathbf{x}^\top\mathbf{B}\mathbf{x} = 2x_1^2 + 2x_1x_2 + x_2^2$. A classmate used the shortcut
# $2\mathbf{x}^\top\mathbf{B}$. Before running the checker: the product rule gives $\mathbf{x}^\top\mathbf{B}\mathbf{x}$ one term for
# each $\mathbf{x}$, written as rows $\mathbf{x}^\top\mathbf{B}$ and $\mathbf{x}^\top\mathbf{B}^\top$. Are they equal for this
# $\mathbf{B}$? For which matrices are they always equal? Then run the checker and fix the answer.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_2 = ["4*x1 + 6*x2", "-2*x1 + 2*x2"]   # 2 xᵀB for B = [[2, -1], [3, 1]]
check_gradient(answer_2, "2*x1^2 + 2*x1*x2 + x2^2", ("x1", "x2"), quadratic_form=[[2, -1], [3, 1]])

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("identity-shortcut")` gives a nudge, `hint("identity-shortcut", 2)` the method; once
# you have run the checker on an answer of your own, `solution("identity-shortcut")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "subslide"}
# **3.** With $\mathbf{a} = (3, -1)^\top$, what is $\partial\,\mathbf{x}^\top\mathbf{a}/\partial\mathbf{x}$ in the slides'
# layout? A classmate wrote the column below; run the checker and fix it.

# %% slideshow={"slide_type": "-"} tags=["clear-output", "nbval-ignore-output"]
answer_3 = [["3"], ["-1"]]   # a column, 2×1
check_gradient(answer_3, "3*x1 - x2", ("x1", "x2"))

# %% [markdown] slideshow={"slide_type": "-"}
# *Stuck?* `hint("identity-linear")` gives a nudge, `hint("identity-linear", 2)` the method; once you
# have run the checker on an answer of your own, `solution("identity-linear")` shows a worked
# solution.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
#
# - Every identity holds in a stated layout: a **row** $1 \times n$ for a scalar of a vector,
#   $G_{ij} = \partial f/\partial X_{ij}$ (the shape of $\mathbf{X}$) for a scalar of a matrix, and the tensor
#   $\partial f_{kl}/\partial X_{ij}$ for a matrix of a matrix, where transpose and trace act on $k, l$.
# - $\frac{\partial \mathbf{a}^\top\mathbf{x}}{\partial \mathbf{x}} = \frac{\partial \mathbf{x}^\top\mathbf{a}}{\partial \mathbf{x}} = \mathbf{a}^\top$,
#   $\frac{\partial \mathbf{a}^\top\mathbf{X}\mathbf{b}}{\partial \mathbf{X}} = \mathbf{a}\mathbf{b}^\top$,
#   $\frac{\partial \mathbf{a}^\top\mathbf{X}^{-1}\mathbf{b}}{\partial \mathbf{X}} = -\mathbf{X}^{-\top}\mathbf{a}\mathbf{b}^\top\mathbf{X}^{-\top}$;
#   the other layout gives the transposes.
# - $\frac{\partial \mathbf{x}^\top\mathbf{B}\mathbf{x}}{\partial \mathbf{x}} = \mathbf{x}^\top(\mathbf{B} + \mathbf{B}^\top)$ for any $\mathbf{B}$;
#   $2\mathbf{x}^\top\mathbf{B}$ and the weighted least-squares $-2(\mathbf{x} - \mathbf{A}\mathbf{s})^\top\mathbf{W}\mathbf{A}$ need symmetry.
# - Any identity can be checked numerically: `verify_identity` on random inputs of several sizes.
#
# **Next:** [06 — Backpropagation](06_backpropagation.ipynb) · **Back:** [04 — Jacobians and matrix gradients](04_jacobians_and_matrix_gradients.ipynb)
