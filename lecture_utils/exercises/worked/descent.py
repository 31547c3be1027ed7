"""Worked exercises of notebook 08 (gradient descent) on the slides' quadratic."""

import numpy as np

from ..assist import Exercise

NOTEBOOK = "08_gradient_descent"
A_NP, B_NP, X0 = np.array([[2.0, 1.0], [1.0, 20.0]]), np.array([5.0, 3.0]), np.array([-3.0, -1.0])
A_3 = np.array([[4.0, 1.0], [1.0, 3.0]])


def _context() -> dict:
    return {"A_np": A_NP, "b_np": B_NP, "x0": X0, "A_3": A_3}


EXERCISES = [
    Exercise(
        id="gd-step", notebook=NOTEBOOK, number="1", checker="check_gradient_step",
        args=(0.02,), context=_context,
        hints=(
            r"One step is $\mathbf{x}_1 = \mathbf{x}_0 - \gamma\,(\nabla f(\mathbf{x}_0))^\top$. What is the gradient of "
            r"$\frac12\mathbf{x}^\top A\mathbf{x} - \mathbf{b}\mathbf{x}$ (with $A$ symmetric)?",
            r"$(\nabla f(\mathbf{x}))^\top = A\mathbf{x} - \mathbf{b}^\top$: compute $A\mathbf{x}_0$, subtract $\mathbf{b}$, multiply by "
            r"$\gamma$ and subtract the result from $\mathbf{x}_0$ (`x0 - 0.02 * (...)` in NumPy).",
        ),
        steps=r"""
1. $f(\mathbf{x}) = \frac12\mathbf{x}^\top A\mathbf{x} - \mathbf{b}\mathbf{x}$ with symmetric $A$ has $\nabla f(\mathbf{x})^\top = A\mathbf{x} - \mathbf{b}^\top$.
2. $A\mathbf{x}_0 = \begin{bmatrix} 2 & 1 \\ 1 & 20 \end{bmatrix}\begin{bmatrix} -3 \\ -1 \end{bmatrix} = \begin{bmatrix} -7 \\ -23 \end{bmatrix}$, so $\nabla f(\mathbf{x}_0)^\top = \begin{bmatrix} -12 \\ -26 \end{bmatrix}$.
3. $\mathbf{x}_1 = \mathbf{x}_0 - 0.02\,\nabla f(\mathbf{x}_0)^\top = \begin{bmatrix} -3 + 0.24 \\ -1 + 0.52 \end{bmatrix} = \begin{bmatrix} -2.76 \\ -0.48 \end{bmatrix}$.
""",
        answer_code="answer_1 = x0 - 0.02 * (A_np @ x0 - b_np)",
    ),
    Exercise(
        id="gd-step-b", notebook=NOTEBOOK, number="2", checker="check_gradient_step",
        args=(0.05,), context=_context, given=lambda: X0 - 0.05 * (A_NP @ X0),
        hints=(
            r"Write out the gradient of $f$ term by term: which term of $f$ did the classmate's "
            r"step ignore?",
            r"The linear term $-\mathbf{b}\mathbf{x}$ contributes $-\mathbf{b}^\top$ to the gradient: use $A\mathbf{x}_0 - \mathbf{b}$, "
            r"not $A\mathbf{x}_0$.",
        ),
        steps=r"""
1. $\nabla f(\mathbf{x})^\top = A\mathbf{x} - \mathbf{b}^\top$: the classmate dropped $-\mathbf{b}^\top$ (the gradient of $\frac12\mathbf{x}^\top A\mathbf{x}$ alone).
2. $\nabla f(\mathbf{x}_0)^\top = [-12, -26]^\top$ (as in exercise 1).
3. $\mathbf{x}_1 = \mathbf{x}_0 - 0.05\,[-12, -26]^\top = [-3 + 0.6,\; -1 + 1.3]^\top = [-2.4,\; 0.3]^\top$.
""",
        answer_code="answer_2 = x0 - 0.05 * (A_np @ x0 - b_np)",
    ),
    Exercise(
        id="gd-bound", notebook=NOTEBOOK, number="3", checker="check_step_size_bound",
        args=(A_3,), context=_context,
        given=lambda: 2 / np.linalg.eigvalsh(A_3).min(),
        hints=(
            r"The error obeys $\mathbf{e}_{k+1} = (I - \gamma A)\mathbf{e}_k$. Every eigen-component must shrink: "
            r"which eigenvalue of $A$ is the first to break $|1 - \gamma\lambda| < 1$ as $\gamma$ grows?",
            r"Solve $|1 - \gamma\lambda| < 1$ for $\gamma$ (with $\lambda > 0$). For which eigenvalue $\lambda$ of $A$ "
            r"is this condition hardest to satisfy? Solve it for that $\lambda$; the eigenvalues come "
            r"from the trace and determinant of $A$ (or `np.linalg.eigvalsh`).",
        ),
        steps=r"""
1. On a quadratic, $\mathbf{e}_{k+1} = (I - \gamma A)\mathbf{e}_k$; along eigenvector $i$ the error is multiplied by $1 - \gamma\lambda_i$.
2. Convergence from every start $\iff |1 - \gamma\lambda_i| < 1$ for all $i$ $\iff 0 < \gamma < 2/\lambda_{\max}$.
   The second $\iff$ needs every $\lambda_i > 0$: $A$ is symmetric positive definite, $\lambda_{1,2} = (7 \pm \sqrt5)/2 > 0$
   (step 3); then $|1 - \gamma\lambda_i| < 1 \iff 0 < \gamma < 2/\lambda_i$, and the smallest bound is $2/\lambda_{\max}$.
3. Eigenvalues of $\begin{bmatrix} 4 & 1 \\ 1 & 3 \end{bmatrix}$: $\lambda^2 - 7\lambda + 11 = 0$, $\lambda = \frac{7 \pm \sqrt5}{2}$, so $\lambda_{\max} = \frac{7 + \sqrt5}{2} \approx 4.618$.
4. $\bar\gamma = \dfrac{2}{\lambda_{\max}} = \dfrac{4}{7 + \sqrt5} = \dfrac{7 - \sqrt5}{11} \approx 0.4331$. (The classmate used $\lambda_{\min}$: with that step the
   component along the largest eigenvalue grows.)
""",
        answer_code="answer_3 = 2 / np.linalg.eigvalsh(A_3).max()",
    ),
]
