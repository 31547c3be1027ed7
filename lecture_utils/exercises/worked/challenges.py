"""Worked exercises of notebook 09 (challenges of gradient descent)."""

from ..assist import Exercise

NOTEBOOK = "09_gradient_descent_challenges"

EXERCISES = [
    Exercise(
        id="stationary-cubic", notebook=NOTEBOOK, number="1", checker="check_stationary_point",
        args=("x1^3 - 3*x1 + x2^2", (-1, 0)), given=lambda: "minimum",
        hints=(
            r"One positive second derivative only says what happens along one axis. Compute "
            r"*all* entries of the Hessian at $(-1, 0)$.",
            r"$\mathbf{H} = \begin{bmatrix} \partial^2_{x_1} f & \partial_{x_1}\partial_{x_2} f \\ \cdot & \partial^2_{x_2} f\end{bmatrix}$; evaluate it at "
            r"$x_1 = -1$ and look at the signs of its eigenvalues. Both positive, both negative, or mixed?",
        ),
        steps=r"""
1. $\nabla f = [3x_1^2 - 3,\; 2x_2]$ vanishes at $(\pm1, 0)$.
2. $\mathbf{H} = \begin{bmatrix} 6x_1 & 0 \\ 0 & 2 \end{bmatrix}$; at $(-1, 0)$: $\begin{bmatrix} -6 & 0 \\ 0 & 2 \end{bmatrix}$, eigenvalues $-6$ and $2$.
3. Eigenvalues of both signs: a **saddle**. Along $x_2$ the point is a minimum (the classmate's
   $\partial^2 f/\partial x_2^2 = 2 > 0$), along $x_1$ a maximum: $f(-1 + t, 0) = f(-1, 0) - 3t^2 + t^3$.
""",
        answer_code='answer_1 = "saddle"',
    ),
    Exercise(
        id="stationary-flat", notebook=NOTEBOOK, number="2", checker="check_stationary_point",
        args=("x1^2*x2^2", (0, 0)), given=lambda: "saddle",
        hints=(
            r"The Hessian at the origin is zero, so it decides nothing. Compare the values of $f$ "
            r"near the origin with $f(0, 0)$ directly: can $f$ ever be below it?",
            r"$f = (x_1x_2)^2$ is a square: compare it with $f(0, 0)$.",
        ),
        steps=r"""
1. $\nabla f = [2x_1x_2^2,\; 2x_1^2x_2]$ is zero at the origin; $\mathbf{H}(0, 0) = \mathbf{0}$, so the second-order test says nothing.
2. Directly: $f(\mathbf{x}) = (x_1x_2)^2 \ge 0 = f(\mathbf{0})$ for every $\mathbf{x}$: no point nearby is lower, so it is a (global) **minimum**, not a saddle.
3. Not strict: $f = 0$ on both axes, e.g. $f(0, \varepsilon) = 0 = f(0, 0)$ (the slide's claim $f(0, \varepsilon) < f(0, 0)$ is false).
""",
        answer_code='answer_2 = "minimum"',
    ),
]
