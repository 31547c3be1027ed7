"""Drawing for notebook 00 (overview): the mind map of the lecture."""

from __future__ import annotations

from matplotlib.axes import Axes

from .. import style
from ..style import styled
from .base import check_axes, new_figure

#: Concepts of the lecture: name -> (x, y, notebook). Drawn by :func:`draw_mind_map`.
MIND_MAP_NODES: dict[str, tuple[float, float, str]] = {
    "Difference quotient": (0.08, 0.86, "01"),
    "Derivative": (0.08, 0.50, "01"),
    "Taylor series": (0.08, 0.16, "02"),
    "Partial derivatives\n& gradient": (0.36, 0.50, "03"),
    "Chain rule": (0.36, 0.94, "03"),
    "Jacobian": (0.62, 0.62, "04"),
    "Gradient identities": (0.62, 0.80, "05"),
    "Backpropagation": (0.88, 0.94, "06"),
    "Hessian": (0.62, 0.32, "07"),
    "Multivariate Taylor": (0.36, 0.16, "07"),
    "Gradient descent": (0.88, 0.50, "08"),
    "Minima, saddles,\nstep size": (0.88, 0.33, "09"),
    "Adaptive steps,\nmomentum": (0.88, 0.11, "10"),
    "Convexity, Newton,\nstochastic gradients": (0.58, 0.11, "11"),
}


#: Relations between concepts: (from, to, label). The Jacobian collects the partial
#: derivatives of a vector-valued f; the chain rule, applied layer by layer to the layers'
#: Jacobians, is backpropagation.
MIND_MAP_EDGES: tuple[tuple[str, str, str], ...] = (
    ("Difference quotient", "Derivative", "limit δx → 0"),
    ("Derivative", "Taylor series", "f⁽ᵏ⁾(x₀)/k!"),
    ("Derivative", "Partial derivatives\n& gradient", "one variable\nat a time"),
    ("Partial derivatives\n& gradient", "Chain rule", "several\nvariables"),
    ("Partial derivatives\n& gradient", "Jacobian", "vector-valued f"),
    ("Chain rule", "Backpropagation", "layer by layer"),
    ("Jacobian", "Backpropagation", "Jacobians\nof the layers"),
    ("Jacobian", "Gradient identities", ""),
    ("Partial derivatives\n& gradient", "Hessian", "second order"),
    ("Hessian", "Multivariate Taylor", ""),
    ("Taylor series", "Multivariate Taylor", "many variables"),
    ("Partial derivatives\n& gradient", "Gradient descent", "−∇f"),
    ("Backpropagation", "Gradient descent", "train a network"),
    ("Gradient descent", "Minima, saddles,\nstep size", "challenges"),
    ("Hessian", "Minima, saddles,\nstep size", "curvature"),
    ("Minima, saddles,\nstep size", "Adaptive steps,\nmomentum", "faster"),
    ("Hessian", "Convexity, Newton,\nstochastic gradients", "Newton step"),
)

#: How far an edge label sits from the middle of its arrow, beside it (not on it).
_LABEL_OFFSET = 0.035


def _label_position(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float, str]:
    """Beside the middle of the arrow from (x1, y1) to (x2, y2): below a horizontal arrow,
    on the right of any other one; and the text alignment.

    Examples
    --------
    >>> [round(v, 3) if isinstance(v, float) else v for v in _label_position(0.0, 0.5, 1.0, 0.5)]
    [0.5, 0.465, 'center']
    >>> _label_position(0.0, 1.0, 0.0, 0.0)[2]
    'left'
    """
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length, dx / length          # a unit normal of the arrow
    if abs(dy) < 1e-9:                          # horizontal: below
        nx, ny = 0.0, -1.0
    elif nx < 0:                                # otherwise: on the right
        nx, ny = -nx, -ny
    align = "center" if abs(nx) < 0.5 else ("left" if nx > 0 else "right")
    return ((x1 + x2) / 2 + _LABEL_OFFSET * nx, (y1 + y2) / 2 + _LABEL_OFFSET * ny, align)


@styled
def draw_mind_map(ax: Axes | None = None) -> Axes:
    """The lecture's mind map: concepts as boxes (with their notebook), relations as arrows.

    The slides' figure was lost in the OCR; this redraws it from the chapter's structure
    (*Mathematics for Machine Learning*, Fig. 5.2) with the notebooks of this kit.

    Examples
    --------
    >>> ax = draw_mind_map()
    >>> len(ax.texts) >= len(MIND_MAP_NODES)
    True
    """
    if check_axes(ax) is None:
        _, (ax,) = new_figure(height_ratio=1.45, width_ratio=1.0)  # drawn at the 930 px it is shown
    calculus = style.PALETTE["sky_blue"]
    optimisation = style.PALETTE["orange"]
    boxes = {}
    for name, (x, y, notebook) in MIND_MAP_NODES.items():
        colour = optimisation if notebook in ("08", "09", "10", "11") else calculus
        boxes[name] = ax.text(x, y, f"{name}\n[notebook {notebook}]", ha="center", va="center",
                              fontsize="medium", zorder=3,
                              bbox={"boxstyle": "round,pad=0.5", "facecolor": colour,
                                    "alpha": 0.35, "edgecolor": "black", "linewidth": 1.2})
    for start, end, label in MIND_MAP_EDGES:
        (x1, y1, _), (x2, y2, _) = MIND_MAP_NODES[start], MIND_MAP_NODES[end]
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=4,
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.4,
                                "mutation_scale": 16,
                                "patchA": boxes[start].get_bbox_patch(),
                                "patchB": boxes[end].get_bbox_patch(),
                                "shrinkA": 3, "shrinkB": 3})
        if label:
            lx, ly, align = _label_position(x1, y1, x2, y2)
            ax.text(lx, ly, label, ha=align, va="center", fontsize="small", style="italic",
                    zorder=2)
    ax.set_xlim(-0.05, 1.02)
    ax.set_ylim(0.0, 1.03)
    ax.axis("off")
    ax.set_title("Calculus concepts (blue) and optimisation basics (orange)")
    return ax
