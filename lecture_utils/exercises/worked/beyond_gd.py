"""Worked exercises of notebook 11 (convexity, Newton, SGD)."""

from ..assist import Exercise

NOTEBOOK = "11_convexity_newton_sgd"
QUARTIC = "x1^4 - x1*x2 + x2^2"

EXERCISES = [
    Exercise(
        id="convex-indefinite", notebook=NOTEBOOK, number="1", checker="check_convexity",
        args=("x1^2 + 3*x1*x2 + x2^2", [(-1, 1), (-1, 1)]), given=lambda: "convex",
        hints=(
            r"Positive diagonal entries of $\mathbf{H}$ do not make it positive semidefinite: the "
            r"off-diagonal entries matter too. Write the whole Hessian.",
            r"For a symmetric $2 \times 2$ matrix, positive semidefinite means diagonal $\ge 0$ **and** "
            r"$\det \mathbf{H} \ge 0$ at every point of the box. Compute $\det\mathbf{H}$ (as a function of the point).",
        ),
        steps=r"""
1. $\mathbf{H} = \begin{bmatrix} 2 & 3 \\ 3 & 2 \end{bmatrix}$, the same at every point (a quadratic).
2. $\det\mathbf{H} = 4 - 9 = -5 < 0$: eigenvalues $2 \pm 3$, i.e. $5$ and $-1$ — indefinite.
3. So $f$ is not convex on any box: along $(1, -1)$, $f(t, -t) = -t^2$ is concave. Any point is a witness, e.g. $(0, 0)$.
""",
        answer_code='answer_1 = ("not convex", (0, 0))',
    ),
    Exercise(
        id="convex-box-a", notebook=NOTEBOOK, number="2a", checker="check_convexity",
        args=(QUARTIC, [(-1, 1), (-1, 1)]),
        hints=(
            r"Compute $\mathbf{H}$ and $\det\mathbf{H}$ as functions of the point $(x_1, x_2)$. Positive semidefinite needs $\det\mathbf{H} \ge 0$ (and the diagonal $\ge 0$) at every point of the box: is that so here?",
            r"Positive semidefinite needs both diagonal entries $\ge 0$ and $\det\mathbf{H} \ge 0$ at "
            r"every point of the box. Compute $\det\mathbf{H}$ as a function of the point and compare it with 0 on the box.",
        ),
        steps=r"""
1. $\nabla f = [4x_1^3 - x_2,\; -x_1 + 2x_2]$, $\mathbf{H} = \begin{bmatrix} 12x_1^2 & -1 \\ -1 & 2 \end{bmatrix}$.
2. $\det\mathbf{H} = 24x_1^2 - 1$, negative for $|x_1| < 1/\sqrt{24} \approx 0.204$.
3. The box $[-1, 1]^2$ contains such points, e.g. $(0, 0)$, where $\mathbf{H} = \begin{bmatrix} 0 & -1 \\ -1 & 2 \end{bmatrix}$ has $\det = -1 < 0$: a negative eigenvalue. **Not convex.**
""",
        answer_code='answer_2a = ("not convex", (0, 0))',
    ),
    Exercise(
        id="convex-box-b", notebook=NOTEBOOK, number="2b", checker="check_convexity",
        args=(QUARTIC, [(0.5, 1), (-1, 1)]),
        hints=(
            r"Same Hessian as in 2a; only the box changed. What is the smallest value of $x_1^2$ on this box?",
            r"Check the two conditions for positive semidefiniteness of a $2 \times 2$ matrix "
            r"(diagonal $\ge 0$, $\det \ge 0$) at the worst point of the box, $x_1 = 0.5$.",
        ),
        steps=r"""
1. $\mathbf{H} = \begin{bmatrix} 12x_1^2 & -1 \\ -1 & 2 \end{bmatrix}$, $\det\mathbf{H} = 24x_1^2 - 1$.
2. On $[0.5, 1]$: $x_1^2 \ge 0.25$, so $\det\mathbf{H} \ge 24 \cdot 0.25 - 1 = 5 > 0$ and $H_{11} \ge 3 > 0$, $H_{22} = 2 > 0$.
3. $\mathbf{H}$ is positive definite on the whole box (a convex set), so $f$ is **convex** there.
""",
        answer_code='answer_2b = "convex"',
    ),
    Exercise(
        id="convex-logsumexp", notebook=NOTEBOOK, number="3", checker="check_convexity",
        args=("log(exp(x1) + exp(x2))", [(-2, 2), (-2, 2)]),
        hints=(
            r"Use the Hessian given in the exercise, $\operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top$, with "
            r"$p_1 + p_2 = 1$ and $p_i > 0$. Write its entries in terms of $p_1$ alone.",
            r"With $p_2 = 1 - p_1$ every entry is $\pm p_1p_2$. Compute the trace and the determinant "
            r"of that matrix, or $\mathbf{v}^\top\mathbf{H}\mathbf{v}$ for any $\mathbf{v}$.",
        ),
        steps=r"""
1. $\mathbf{p} = (e^{x_1}, e^{x_2})/(e^{x_1} + e^{x_2})$, so $p_i > 0$ and $p_1 + p_2 = 1$.
2. $\mathbf{H} = \operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top = \begin{bmatrix} p_1 - p_1^2 & -p_1p_2 \\ -p_1p_2 & p_2 - p_2^2 \end{bmatrix} = p_1p_2\begin{bmatrix} 1 & -1 \\ -1 & 1 \end{bmatrix}$.
3. Eigenvalues $0$ (along $(1, 1)$) and $2p_1p_2 > 0$: positive **semi**definite everywhere ($\mathbf{v}^\top\mathbf{H}\mathbf{v} = p_1p_2(v_1 - v_2)^2 \ge 0$).
4. So $f$ is **convex** (on the box and on all of $\mathbb{R}^2$), though not strictly: along $(1, 1)$ it is linear, $f(\mathbf{x} + t(1, 1)) = f(\mathbf{x}) + t$.
""",
        answer_code='answer_3 = "convex"',
    ),
]
