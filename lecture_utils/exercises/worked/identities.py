"""Worked exercises of notebook 05 (gradient identities)."""

from ..assist import Exercise

NOTEBOOK = "05_gradient_identities"
B = [[1, 2], [0, 3]]
F = "x1^2 + 2*x1*x2 + 3*x2^2"
B_SHORTCUT = [[2, -1], [3, 1]]          # exercise 2: its own (non-symmetric) B
F_SHORTCUT = "2*x1^2 + 2*x1*x2 + x2^2"

EXERCISES = [
    Exercise(
        id="identity-quadratic-form", notebook=NOTEBOOK, number="1", checker="check_gradient",
        args=(F, ("x1", "x2")), kwargs={"quadratic_form": B},
        hints=(
            r"The identity for $\partial\,\mathbf{x}^\top\mathbf{B}\mathbf{x}/\partial\mathbf{x}$ holds for *any* square "
            r"$\mathbf{B}$; this $\mathbf{B}$ is not symmetric, so the shortcut for symmetric matrices does not apply.",
            r"Use $\partial\,\mathbf{x}^\top\mathbf{B}\mathbf{x}/\partial\mathbf{x} = \mathbf{x}^\top(\mathbf{B} + \mathbf{B}^\top)$: "
            r"add $\mathbf{B}$ and its transpose, then multiply the row $[x_1, x_2]$ by that matrix.",
        ),
        steps=r"""
1. Identity (product rule, one term per $\mathbf{x}$): $\dfrac{\partial\,\mathbf{x}^\top\mathbf{B}\mathbf{x}}{\partial\mathbf{x}} = \mathbf{x}^\top\mathbf{B}^\top + \mathbf{x}^\top\mathbf{B} = \mathbf{x}^\top(\mathbf{B} + \mathbf{B}^\top)$, a $1 \times 2$ row.
2. $\mathbf{B} + \mathbf{B}^\top = \begin{bmatrix} 1 & 2 \\ 0 & 3 \end{bmatrix} + \begin{bmatrix} 1 & 0 \\ 2 & 3 \end{bmatrix} = \begin{bmatrix} 2 & 2 \\ 2 & 6 \end{bmatrix}$.
3. $[x_1, x_2]\begin{bmatrix} 2 & 2 \\ 2 & 6 \end{bmatrix} = [2x_1 + 2x_2,\; 2x_1 + 6x_2]$.
4. Check by hand: $\partial_{x_1}(x_1^2 + 2x_1x_2 + 3x_2^2) = 2x_1 + 2x_2$, $\partial_{x_2} = 2x_1 + 6x_2$. ✓
""",
        answer_code='answer_1 = ["2*x1 + 2*x2", "2*x1 + 6*x2"]',
    ),
    Exercise(
        id="identity-shortcut", notebook=NOTEBOOK, number="2", checker="check_gradient",
        args=(F_SHORTCUT, ("x1", "x2")), kwargs={"quadratic_form": B_SHORTCUT},
        given=lambda: ["4*x1 + 6*x2", "-2*x1 + 2*x2"],
        hints=(
            r"Compute the two rows $\mathbf{x}^\top\mathbf{B}$ and $\mathbf{x}^\top\mathbf{B}^\top$ for this $\mathbf{B}$ and "
            r"compare them. When is $\mathbf{B}^\top = \mathbf{B}$?",
            r"$2\mathbf{x}^\top\mathbf{B}$ is right only for a symmetric $\mathbf{B}$. Otherwise keep both "
            r"product-rule terms: the gradient is $\mathbf{x}^\top\mathbf{B} + \mathbf{x}^\top\mathbf{B}^\top$.",
        ),
        steps=r"""
1. With $\mathbf{B} = \begin{bmatrix} 2 & -1 \\ 3 & 1 \end{bmatrix}$: $\mathbf{x}^\top\mathbf{B} = [2x_1 + 3x_2,\; -x_1 + x_2]$ and
   $\mathbf{x}^\top\mathbf{B}^\top = [2x_1 - x_2,\; 3x_1 + x_2]$: different, because $\mathbf{B} \ne \mathbf{B}^\top$. They are
   equal for every $\mathbf{x}$ exactly when $\mathbf{B}$ is symmetric.
2. The shortcut doubles the first: $2\mathbf{x}^\top\mathbf{B} = [4x_1 + 6x_2,\; -2x_1 + 2x_2]$ — wrong here.
3. The sum of the two terms: $[4x_1 + 2x_2,\; 2x_1 + 2x_2] = \mathbf{x}^\top(\mathbf{B} + \mathbf{B}^\top)$, with
   $\mathbf{B} + \mathbf{B}^\top = \begin{bmatrix} 4 & 2 \\ 2 & 2 \end{bmatrix}$.
4. Check by hand: $\partial_{x_1}(2x_1^2 + 2x_1x_2 + x_2^2) = 4x_1 + 2x_2$, $\partial_{x_2} = 2x_1 + 2x_2$. ✓
   (Equivalently, use the symmetric part: $\mathbf{x}^\top\mathbf{B}\mathbf{x} = \mathbf{x}^\top\mathbf{S}\mathbf{x}$ with $\mathbf{S} = \frac12(\mathbf{B} + \mathbf{B}^\top)$, and then $2\mathbf{x}^\top\mathbf{S}$ is right.)
""",
        answer_code='answer_2 = ["4*x1 + 2*x2", "2*x1 + 2*x2"]',
    ),
    Exercise(
        id="identity-linear", notebook=NOTEBOOK, number="3", checker="check_gradient",
        args=("3*x1 - x2", ("x1", "x2")), given=lambda: [["3"], ["-1"]],
        hints=(
            r"The numbers are right. What shape does the slides' derivative of a scalar with "
            r"respect to a vector in $\mathbb{R}^2$ have?",
            r"In the slides' (numerator) layout the derivative of a scalar has one **row** per output "
            r"(here one: $f$ is a scalar) and one **column** per input $x_j$, so "
            r"$\partial\,\mathbf{x}^\top\mathbf{a}/\partial\mathbf{x}$ is $1 \times 2$. Which index does the classmate's array run over?",
        ),
        steps=r"""
1. $\mathbf{x}^\top\mathbf{a} = 3x_1 - x_2$, so $\partial/\partial x_1 = 3$ and $\partial/\partial x_2 = -1$.
2. The slides' layout for a scalar of a vector is a row ($1 \times n$): $\dfrac{\partial\,\mathbf{x}^\top\mathbf{a}}{\partial\mathbf{x}} = \mathbf{a}^\top = [3,\; -1]$.
3. The classmate's $2 \times 1$ column is $\mathbf{a}$, the other (denominator) layout.
""",
        answer_code='answer_3 = [["3", "-1"]]',
    ),
]
