"""Worked exercises of notebook 06 (backpropagation): the network of its "Check yourself"."""

import numpy as np

from ...maths.network import TANH, forward, make_network
from ..assist import Exercise

NOTEBOOK = "06_backpropagation"
EX_NET = make_network([2, 3, 1], ["tanh", "identity"], seed=5)
EX_X, EX_Y = np.array([0.5, -1.0]), np.array([0.2])


def _context() -> dict:
    """The notebook's variables the answers use."""
    return {"ex_net": EX_NET, "ex_x": EX_X, "ex_y": EX_Y, "record": forward(EX_NET, EX_X),
            "TANH": TANH}


def _classmate_3() -> np.ndarray:
    record = forward(EX_NET, EX_X)
    delta_1 = EX_NET.A[1].T @ (-2 * (EX_Y - record.f[2]))
    return np.outer(record.f[0], delta_1 * TANH.derivative(record.z[0]))


EXERCISES = [
    Exercise(
        id="backprop-last-layer", notebook=NOTEBOOK, number="1", checker="check_backprop",
        args=(EX_NET, EX_X, EX_Y), kwargs={"what": "A", "layer": 1}, context=_context,
        hints=(
            r"Chain rule with two factors: $\partial L/\partial\mathbf{f}_2$ (from the loss) and how "
            r"$\mathbf{f}_2$ depends on one entry $(\mathbf{A}_1)_{jk}$. The last layer is linear, so no $\sigma'$ appears.",
            r"Write one entry: $\partial L/\partial(\mathbf{A}_1)_{jk} = \frac{\partial L}{\partial(\mathbf{f}_2)_j}\,"
            r"\frac{\partial(\mathbf{f}_2)_j}{\partial(\mathbf{A}_1)_{jk}}$. Differentiate the square for the first factor "
            r"and $(\mathbf{f}_2)_j = \sum_k(\mathbf{A}_1)_{jk}(\mathbf{f}_1)_k + (\mathbf{b}_1)_j$ for the second; "
            r"then collect the entries in the shape of $\mathbf{A}_1$ (rows: outputs $j$, columns: inputs $k$).",
        ),
        steps=r"""
1. $L = \|\mathbf{y} - \mathbf{f}_2\|^2$ with $\mathbf{f}_2 = \mathbf{A}_1\mathbf{f}_1 + \mathbf{b}_1$ (identity activation).
2. $\dfrac{\partial L}{\partial (\mathbf{f}_2)_j} = -2(y_j - (\mathbf{f}_2)_j)$; as an array `delta_2 = -2 * (ex_y - record.f[2])` (length 1).
3. $(\mathbf{f}_2)_j = \sum_k (\mathbf{A}_1)_{jk}(\mathbf{f}_1)_k + (\mathbf{b}_1)_j$, so $\dfrac{\partial (\mathbf{f}_2)_j}{\partial (\mathbf{A}_1)_{jk}} = (\mathbf{f}_1)_k$.
4. $G_{jk} = \dfrac{\partial L}{\partial (\mathbf{A}_1)_{jk}} = \delta_j\,(\mathbf{f}_1)_k$: the outer product $\boldsymbol\delta\,\mathbf{f}_1^\top$, shape $1 \times 3$ like $\mathbf{A}_1$.
""",
        answer_code="answer_1 = np.outer(-2 * (ex_y - record.f[2]), record.f[1])",
    ),
    Exercise(
        id="backprop-layer-jacobian", notebook=NOTEBOOK, number="2", checker="check_backprop",
        args=(EX_NET, EX_X, EX_Y), kwargs={"what": "f", "layer": 0}, context=_context,
        given=lambda: EX_NET.A[0],
        hints=(
            r"$\mathbf{f}_1 = \sigma(\mathbf{z}_0)$ with $\mathbf{z}_0 = \mathbf{A}_0\mathbf{f}_0 + \mathbf{b}_0$: two steps. The "
            r"classmate's answer is the derivative of only one of them.",
            r"Chain rule: $\partial\mathbf{f}_1/\partial\mathbf{f}_0 = \operatorname{diag}(\sigma'(\mathbf{z}_0))\,\mathbf{A}_0$, i.e. row $j$ "
            r"of $\mathbf{A}_0$ scaled by $\sigma'((\mathbf{z}_0)_j)$. In NumPy, scale the rows with a column "
            r"`[:, None]` (broadcasting) or multiply by `np.diag(...)`.",
        ),
        steps=r"""
1. $\mathbf{z}_0 = \mathbf{A}_0\mathbf{f}_0 + \mathbf{b}_0$ gives $\partial\mathbf{z}_0/\partial\mathbf{f}_0 = \mathbf{A}_0$ (the classmate's answer).
2. $\mathbf{f}_1 = \tanh(\mathbf{z}_0)$ entry by entry gives $\partial\mathbf{f}_1/\partial\mathbf{z}_0 = \operatorname{diag}(\sigma'(\mathbf{z}_0))$, $\sigma'(z) = 1 - \tanh^2 z$.
3. Chain rule: $\dfrac{\partial\mathbf{f}_1}{\partial\mathbf{f}_0} = \operatorname{diag}(\sigma'(\mathbf{z}_0))\,\mathbf{A}_0$, shape $3 \times 2$; the factor $\sigma'$ was missing.
4. In NumPy: `TANH.derivative(record.z[0])[:, None] * ex_net.A[0]` (row $j$ times $\sigma'((\mathbf{z}_0)_j)$).
""",
        answer_code="answer_2 = TANH.derivative(record.z[0])[:, None] * ex_net.A[0]",
    ),
    Exercise(
        id="backprop-first-layer", notebook=NOTEBOOK, number="3", checker="check_backprop",
        args=(EX_NET, EX_X, EX_Y), kwargs={"what": "A", "layer": 0}, context=_context,
        given=_classmate_3,
        hints=(
            r"The backward pass down to $\mathbf{g}_0 = \partial L/\partial\mathbf{z}_0$ is right. Compare the shape "
            r"of the classmate's last line with the shape of $\mathbf{A}_0$.",
            r"$\partial L/\partial(\mathbf{A}_0)_{jk} = (\mathbf{g}_0)_j(\mathbf{f}_0)_k$: row index from $\mathbf{g}_0$ (the outputs of "
            r"the layer), column index from $\mathbf{f}_0$ (its inputs).",
        ),
        steps=r"""
1. Backward: $\boldsymbol\delta_2 = \partial L/\partial\mathbf{f}_2 = -2(\mathbf{y} - \mathbf{f}_2)$, then $\boldsymbol\delta_1 = \mathbf{A}_1^\top\boldsymbol\delta_2 = (\partial L/\partial\mathbf{f}_1)^\top$.
2. Through the activation: $\mathbf{g}_0 = \boldsymbol\delta_1 \odot \sigma'(\mathbf{z}_0) = (\partial L/\partial\mathbf{z}_0)^\top$, length 3.
3. $\mathbf{z}_0 = \mathbf{A}_0\mathbf{f}_0 + \mathbf{b}_0$, so $\partial (\mathbf{z}_0)_j/\partial(\mathbf{A}_0)_{jk} = (\mathbf{f}_0)_k$ and $G_{jk} = (\mathbf{g}_0)_j(\mathbf{f}_0)_k$.
4. That is $\mathbf{g}_0\mathbf{f}_0^\top$, shape $3 \times 2$ like $\mathbf{A}_0$; the classmate's `np.outer(f_0, g_0)` is its $2 \times 3$ transpose.
""",
        answer_code="""\
delta_2 = -2 * (ex_y - record.f[2])                    # ∂L/∂f_2 (as a flat array)
delta_1 = ex_net.A[1].T @ delta_2                      # ∂L/∂f_1
g_0 = delta_1 * TANH.derivative(record.z[0])           # ∂L/∂z_0
answer_3 = np.outer(g_0, record.f[0])                  # ∂L/∂A_0, the shape of A_0""",
    ),
]
