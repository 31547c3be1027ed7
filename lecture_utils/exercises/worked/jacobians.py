"""Worked exercises of notebook 04 (Jacobians and matrix gradients)."""

import sympy as sp

from ..assist import Exercise

NOTEBOOK = "04_jacobians_and_matrix_gradients"
x1, x2, x3 = sp.symbols("x1 x2 x3")
A_3 = sp.Matrix([[2, -1, 0], [1, 3, -2]])

EXERCISES = [
    Exercise(
        id="jacobian-3x2", notebook=NOTEBOOK, number="1", checker="check_jacobian",
        args=(["x1^2*x2", "5*x1 + sin(x2)", "x2^3"], ("x1", "x2")),
        hints=(
            r"$\mathbf{f}$ has 3 components and 2 variables, so $J$ is $3 \times 2$: row $i$ is the "
            r"gradient of $f_i$.",
            r"$J_{ij} = \partial f_i/\partial x_j$. Go component by component: differentiate $f_i$ in "
            r"$x_1$ (first column) and in $x_2$ (second column); a component that does not contain "
            r"a variable has a zero there.",
        ),
        steps=r"""
1. Shape: $m = 3$ outputs, $n = 2$ inputs, so $J \in \mathbb{R}^{3 \times 2}$, $J_{ij} = \partial f_i / \partial x_j$.
2. Row 1, $f_1 = x_1^2 x_2$: $[2x_1x_2,\; x_1^2]$.
3. Row 2, $f_2 = 5x_1 + \sin x_2$: $[5,\; \cos x_2]$.
4. Row 3, $f_3 = x_2^3$: $[0,\; 3x_2^2]$.
5. $J = \begin{bmatrix} 2x_1x_2 & x_1^2 \\ 5 & \cos x_2 \\ 0 & 3x_2^2 \end{bmatrix}$.
""",
        answer_code='answer_1 = [["2*x1*x2", "x1^2"], ["5", "cos(x2)"], ["0", "3*x2^2"]]',
    ),
    Exercise(
        id="jacobian-layout", notebook=NOTEBOOK, number="2", checker="check_jacobian",
        args=(["x1*x2 + x3", "x1^2 - x3"], ("x1", "x2", "x3")),
        given=lambda: [["x2", "2*x1"], ["x1", "0"], ["1", "-1"]],
        hints=(
            r"How many rows and columns must the Jacobian of $\mathbf{f}: \mathbb{R}^3 \to \mathbb{R}^2$ "
            r"have in the slides' layout, and how many does the classmate's have?",
            r"The entries are right. In the slides' layout the row index of $J_{ij} = \partial f_i/\partial x_j$ "
            r"is the output $f_i$, the column index the input $x_j$. Which index runs along the rows of "
            r"the classmate's matrix?",
        ),
        steps=r"""
1. $\mathbf{f}: \mathbb{R}^3 \to \mathbb{R}^2$, so $J$ is $2 \times 3$ (outputs × inputs); the classmate's is $3 \times 2$.
2. Row 1, $f_1 = x_1x_2 + x_3$: $[x_2,\; x_1,\; 1]$.
3. Row 2, $f_2 = x_1^2 - x_3$: $[2x_1,\; 0,\; -1]$.
4. $J = \begin{bmatrix} x_2 & x_1 & 1 \\ 2x_1 & 0 & -1 \end{bmatrix}$, the transpose of the classmate's
   matrix (the numerator layout of the slides, not the denominator layout).
""",
        answer_code='answer_2 = [["x2", "x1", "1"], ["2*x1", "0", "-1"]]',
    ),
    Exercise(
        id="jacobian-linear", notebook=NOTEBOOK, number="3", checker="check_jacobian",
        args=(A_3 * sp.Matrix([x1, x2, x3]), ("x1", "x2", "x3")),
        hints=(
            r"Write the two components as ordinary formulas: $f_1$ uses the first row of $A$, "
            r"$f_2$ the second. Each is linear in $x_1, x_2, x_3$.",
            r"The partial derivative of a linear formula $a x_1 + b x_2 + c x_3$ in $x_j$ is its "
            r"coefficient of $x_j$. Row $i$ of the Jacobian collects the coefficients of $f_i$.",
        ),
        steps=r"""
1. $f_1 = 2x_1 - x_2$, $f_2 = x_1 + 3x_2 - 2x_3$.
2. Row 1: $[\partial f_1/\partial x_1, \partial f_1/\partial x_2, \partial f_1/\partial x_3] = [2, -1, 0]$.
3. Row 2: $[1, 3, -2]$.
4. So $\mathrm{d}\mathbf{f}/\mathrm{d}\mathbf{x} = A$: the Jacobian of a linear map is its matrix (shape $2 \times 3$).
""",
        answer_code="answer_3 = [[2, -1, 0], [1, 3, -2]]",
    ),
]
