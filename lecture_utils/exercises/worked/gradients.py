"""Worked exercises of notebook 03 (partial derivatives and gradients)."""

import sympy as sp

from ..assist import Exercise

NOTEBOOK = "03_partial_derivatives_and_gradients"
x1, x2 = sp.symbols("x1 x2")

EXERCISES = [
    Exercise(
        id="gradient-row", notebook=NOTEBOOK, number="1", checker="check_gradient",
        args=("x1^2*x2 + exp(x2)", ("x1", "x2")),
        hints=(
            r"Differentiate $f$ once in $x_1$ (treating $x_2$ as a constant) and once in $x_2$ "
            r"(treating $x_1$ as a constant).",
            r"In $\partial f/\partial x_1$ the term $e^{x_2}$ is a constant; in $\partial f/\partial x_2$ the "
            r"term $x_1^2 x_2$ is a constant times $x_2$. Write the two partials as a row "
            r"$[\partial f/\partial x_1, \partial f/\partial x_2]$.",
        ),
        steps=r"""
1. $\dfrac{\partial f}{\partial x_1}$: $x_2$ is a constant, so $x_1^2 x_2 \mapsto 2x_1 x_2$ and $e^{x_2} \mapsto 0$: $2x_1x_2$.
2. $\dfrac{\partial f}{\partial x_2}$: $x_1^2$ is a constant, so $x_1^2 x_2 \mapsto x_1^2$ and $e^{x_2} \mapsto e^{x_2}$: $x_1^2 + e^{x_2}$.
3. The slides' gradient is the row $\nabla f = \left[2x_1x_2,\; x_1^2 + e^{x_2}\right] \in \mathbb{R}^{1\times 2}$.
""",
        answer_code='answer_1 = ["2*x1*x2", "x1^2 + exp(x2)"]',
    ),
    Exercise(
        id="gradient-shape", notebook=NOTEBOOK, number="2", checker="check_gradient",
        args=("x1^3 + x1*x2", ("x1", "x2")),
        given=lambda: sp.Matrix([3 * x1**2 + x2, x1]),
        hints=(
            r"Look at `answer_2.shape`. The slides' gradient of $f: \mathbb{R}^2 \to \mathbb{R}$ has "
            r"one row and one column per variable.",
            r"The entries are right; only the layout is not. In the slides' layout the rows of a "
            r"derivative count the outputs (one: $f$ is a scalar), the columns the inputs $x_1, x_2$. "
            r"Which of the two does the classmate's array run over along its rows?",
        ),
        steps=r"""
1. Partials: $\partial f/\partial x_1 = 3x_1^2 + x_2$, $\partial f/\partial x_2 = x_1$ — the classmate's entries are right.
2. Shapes: `answer_2` is a $2 \times 1$ column; the slides' gradient is a $1 \times n$ **row**
   (the Jacobian of a scalar function), here $1 \times 2$.
3. So transpose: $\nabla f = [3x_1^2 + x_2,\; x_1]$ (`answer_2.T`, or a list of the two formulas).
""",
        answer_code='answer_2 = ["3*x1^2 + x2", "x1"]',
    ),
    Exercise(
        id="gradient-chain", notebook=NOTEBOOK, number="3", checker="check_gradient",
        args=("x1*x2", ("s", "t")), kwargs={"inner": {"x1": "s + 2*t", "x2": "s - t"}},
        hints=(
            r"Two factors: the row $\partial f/\partial \mathbf{x}$ ($1 \times 2$) and the matrix "
            r"$\partial \mathbf{x}/\partial(s,t)$ ($2 \times 2$, one row per $x_i$). Compute both, then multiply.",
            r"$\partial f/\partial\mathbf{x} = [x_2, x_1]$; the rows of $\partial\mathbf{x}/\partial(s,t)$ are the "
            r"derivatives of $s + 2t$ and of $s - t$ in $s$ and $t$. After the product, substitute "
            r"$x_1, x_2$ by their formulas in $s, t$ and simplify.",
        ),
        steps=r"""
1. $\dfrac{\partial f}{\partial \mathbf{x}} = [x_2,\; x_1]$ (a $1 \times 2$ row).
2. $\dfrac{\partial \mathbf{x}}{\partial (s,t)} = \begin{bmatrix} \partial x_1/\partial s & \partial x_1/\partial t \\ \partial x_2/\partial s & \partial x_2/\partial t \end{bmatrix} = \begin{bmatrix} 1 & 2 \\ 1 & -1 \end{bmatrix}$.
3. Product: $[x_2 + x_1,\; 2x_2 - x_1]$.
4. Substitute $x_1 = s + 2t$, $x_2 = s - t$: $x_1 + x_2 = 2s + t$ and $2x_2 - x_1 = 2s - 2t - s - 2t = s - 4t$.
5. Check by expanding: $f = (s + 2t)(s - t) = s^2 + st - 2t^2$, whose partials are $2s + t$ and $s - 4t$. ✓
""",
        answer_code='answer_3 = ["2*s + t", "s - 4*t"]',
    ),
]
