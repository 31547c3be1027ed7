"""Worked exercises of notebook 07 (Hessian and multivariate Taylor)."""

from ..assist import Exercise

NOTEBOOK = "07_hessian_and_multivariate_taylor"

EXERCISES = [
    Exercise(
        id="hessian-exp", notebook=NOTEBOOK, number="1", checker="check_hessian",
        args=("x1^3*x2 + exp(x1*x2)", ("x1", "x2")),
        hints=(
            r"First the gradient (two partials), then differentiate each partial again in $x_1$ "
            r"and in $x_2$. Each derivative of $e^{x_1x_2}$ needs the chain rule.",
            r"$\partial_{x_1} e^{x_1x_2} = x_2 e^{x_1x_2}$. For the mixed entry, differentiate "
            r"$x_2 e^{x_1x_2}$ in $x_2$ with the **product** rule (both factors contain $x_2$); "
            r"the Hessian is symmetric, so compute the mixed entry once.",
        ),
        steps=r"""
1. Gradient: $\partial_{x_1} f = 3x_1^2x_2 + x_2e^{x_1x_2}$, $\partial_{x_2} f = x_1^3 + x_1e^{x_1x_2}$.
2. $H_{11} = \partial_{x_1}(3x_1^2x_2 + x_2e^{x_1x_2}) = 6x_1x_2 + x_2^2e^{x_1x_2}$.
3. $H_{12} = \partial_{x_2}(3x_1^2x_2 + x_2e^{x_1x_2}) = 3x_1^2 + e^{x_1x_2} + x_1x_2e^{x_1x_2}$ (product rule) $= H_{21}$.
4. $H_{22} = \partial_{x_2}(x_1^3 + x_1e^{x_1x_2}) = x_1^2e^{x_1x_2}$.
5. $\mathbf{H} = \begin{bmatrix} 6x_1x_2 + x_2^2e^{x_1x_2} & 3x_1^2 + (1 + x_1x_2)e^{x_1x_2} \\ 3x_1^2 + (1 + x_1x_2)e^{x_1x_2} & x_1^2e^{x_1x_2} \end{bmatrix}$.
""",
        answer_code="""\
answer_1 = [["6*x1*x2 + x2^2*exp(x1*x2)", "3*x1^2 + (1 + x1*x2)*exp(x1*x2)"],
            ["3*x1^2 + (1 + x1*x2)*exp(x1*x2)", "x1^2*exp(x1*x2)"]]""",
    ),
    Exercise(
        id="hessian-symmetric", notebook=NOTEBOOK, number="2", checker="check_hessian",
        args=("x1^2*x2 + x2^3", ("x1", "x2")),
        given=lambda: [["2*x2", "2*x1"], ["0", "6*x2"]],
        hints=(
            r"Compare the two off-diagonal entries. What does Schwarz's theorem say about them "
            r"for a polynomial?",
            r"Entry $(2, 1)$ is $\partial_{x_2}\partial_{x_1} f$: differentiate $\partial f/\partial x_1$ in $x_2$. "
            r"It must equal entry $(1, 2)$.",
        ),
        steps=r"""
1. Gradient: $\partial_{x_1} f = 2x_1x_2$, $\partial_{x_2} f = x_1^2 + 3x_2^2$.
2. $H_{11} = 2x_2$, $H_{12} = \partial_{x_1}(x_1^2 + 3x_2^2) = 2x_1$, $H_{22} = 6x_2$.
3. $H_{21} = \partial_{x_2}(2x_1x_2) = 2x_1$: the classmate's $0$ is wrong (perhaps $\partial_{x_2}$ of $3x_2^2$ mixed up
   with $\partial_{x_1}$ of it). Schwarz: continuous second partials make $\mathbf{H}$ symmetric.
4. $\mathbf{H} = \begin{bmatrix} 2x_2 & 2x_1 \\ 2x_1 & 6x_2 \end{bmatrix}$.
""",
        answer_code='answer_2 = [["2*x2", "2*x1"], ["2*x1", "6*x2"]]',
    ),
    Exercise(
        id="hessian-point", notebook=NOTEBOOK, number="3", checker="check_hessian",
        args=("x^2 + 2*x*y + y^3", ("x", "y")), kwargs={"point": (-1, 1)},
        hints=(
            r"Compute the Hessian as formulas first, then substitute the point. Only one entry "
            r"depends on the point at all.",
            r"Compute the two first partials $\partial_x f$ and $\partial_y f$, differentiate each once more "
            r"(with respect to $x$ and to $y$), then substitute the point into the four entries.",
        ),
        steps=r"""
1. Gradient: $\partial_x f = 2x + 2y$, $\partial_y f = 2x + 3y^2$.
2. $\mathbf{H}(x, y) = \begin{bmatrix} 2 & 2 \\ 2 & 6y \end{bmatrix}$ (only $H_{22}$ depends on the point).
3. At $(-1, 1)$: $\mathbf{H} = \begin{bmatrix} 2 & 2 \\ 2 & 6 \end{bmatrix}$.
""",
        answer_code="answer_3 = [[2, 2], [2, 6]]",
    ),
]
