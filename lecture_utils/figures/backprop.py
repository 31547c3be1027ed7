"""Drawings for the deep-network notebook (layer 2): the network, the chain of factors, training.

* :func:`draw_network` — the forward pass f_0 = x → f_1 → ... → f_K → L as a diagram (the
  figure the OCR of the slides lost): one column of units per f_i, the parameters and the
  activation of each layer written between the columns.
* :func:`draw_chain_rule` — the slides' products ∂L/∂θ_i, one row per layer, as chains of
  boxes: ∂f_{j+1}/∂f_j (a layer's output with respect to its input; orange, solid edge) and
  ∂f_{i+1}/∂θ_i (with respect to its parameters; blue, dashed edge, hatched), each box with
  the shape of its factor written under it.
* :func:`plot_losses` and :func:`plot_fit` — a training run's loss (log axis) and the fitted
  curve over the data.
* :class:`GradientNormView` — bars of ‖∂L/∂A_i‖ per layer on a log axis beside σ and σ', updated
  in place (the explorer of :mod:`lecture_utils.explorers.backprop` moves it);
  :func:`gradient_flow_small_multiples` is its static counterpart.

Meaning never rests on colour alone: the two kinds of factor also differ in edge style and
hatching, curves in line style and marker.

Examples
--------
>>> drawing = draw_network([2, 3, 1])
>>> len(drawing.units), drawing.labels[0].get_text()
(3, '$\\\\mathbf{f}_0 = \\\\mathbf{x}$')
>>> chain = draw_chain_rule([3, 4, 2])
>>> [box.kind for box in chain.boxes[0]]
['loss', 'parameter']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.text import Text

from .._text import subscript
from .._validation import shown, check_array, check_integer, check_sequence
from ..maths.network import ACTIVATIONS, Network, get_activation
from ..maths.training import GradientFlow, TrainingRun
from .base import check_axes, curve, marker, new_figure, place_legend
from ..style import PALETTE, role_style, styled

__all__ = [
    "FACTOR_STYLES",
    "ChainBox",
    "ChainDrawing",
    "GradientNormView",
    "NORM_LIMITS",
    "NetworkDrawing",
    "activation_names",
    "chain_factors",
    "draw_chain_rule",
    "draw_network",
    "gradient_flow_small_multiples",
    "plot_fit",
    "plot_losses",
    "training_figure",
]

#: How each kind of factor is drawn: orange solid for ∂f_{j+1}/∂f_j, blue dashed and hatched
#: for ∂f_{i+1}/∂θ_i, grey dotted for ∂L/∂f_K (as on the slides, plus line style and hatch).
FACTOR_STYLES: dict[str, dict[str, Any]] = {
    "layer": {"facecolor": "#F7DDA6", "edgecolor": PALETTE["orange"], "linestyle": "-",
              "hatch": None, "label": r"$\partial\mathbf{f}_{j+1}/\partial\mathbf{f}_j$: a layer's output w.r.t. its input"},
    "parameter": {"facecolor": "#CFE3F3", "edgecolor": PALETTE["blue"], "linestyle": "--",
                  "hatch": "//", "label": r"$\partial\mathbf{f}_{i+1}/\partial\theta_i$: a layer's output w.r.t. its parameters"},
    "loss": {"facecolor": "#EEEEEE", "edgecolor": PALETTE["grey"], "linestyle": ":",
             "hatch": None, "label": r"$\partial L/\partial\mathbf{f}_K$: the loss w.r.t. the output"},
}


def _check_sizes(sizes: Any) -> list[int]:
    if isinstance(sizes, Network):
        return list(sizes.sizes)
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (Sequence, np.ndarray)) \
            or (isinstance(sizes, np.ndarray) and sizes.ndim != 1) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layer sizes (n_0, ..., n_K), got "
                         f"{shown(sizes)}")
    return [check_integer(n, f"sizes[{k}]", minimum=1) for k, n in enumerate(sizes)]


def _axes(ax: Axes | None, **figure: Any) -> Axes:
    if check_axes(ax) is None:
        _, (ax,) = new_figure(**figure)
    return ax


# ============================================================================ network ====
@dataclass
class NetworkDrawing:
    """The artists of :func:`draw_network`."""

    ax: Axes
    units: list[PathCollection]
    edges: list[LineCollection]
    labels: list[Text]
    layer_texts: list[Text]


@styled
def draw_network(sizes: Sequence[int] | Network, ax: Axes | None = None, *,
                 activations: Sequence[str] | None = None, max_units: int = 6) -> NetworkDrawing:
    """Draw the forward pass f_0 = x, f_i = σ_i(A_{i−1} f_{i−1} + b_{i−1}), then L = ‖y − f_K‖².

    Parameters
    ----------
    sizes : sequence of int or Network
        n_0, ..., n_K (a network gives its sizes and activations).
    ax : matplotlib Axes, optional
    activations : sequence of str, optional
        σ_1, ..., σ_K, written under the layers (default: "σ₁", ... only).
    max_units : int
        Layers with more units show the first ones and a "⋮".

    Returns
    -------
    NetworkDrawing

    Examples
    --------
    >>> drawing = draw_network([1, 10, 1], max_units=4)    # 10 units: 4 shown and a ⋮
    >>> [len(units.get_offsets()) for units in drawing.units]
    [1, 4, 1]
    """
    if isinstance(sizes, Network) and activations is None:
        activations = [a.name for a in sizes.activations]
    n = _check_sizes(sizes)
    max_units = check_integer(max_units, "max_units", minimum=2, maximum=20)
    depth = len(n) - 1
    if activations is not None:
        activations = [get_activation(a, f"activations[{k}]").name for k, a in
                       enumerate(check_sequence(activations, "activations", what="names"))]
        if len(activations) != depth:
            raise ValueError(f"activations must have one entry per layer ({depth}), got "
                             f"{len(activations)}")
    ax = _axes(ax, height_ratio=0.9)
    tallest = min(max(n), max_units)
    positions = []
    units, edges, labels, layer_texts = [], [], [], []
    for k, count in enumerate(n):
        shown = min(count, max_units)
        ys = (np.arange(shown) - (shown - 1) / 2.0)[::-1]
        positions.append(np.column_stack([np.full(shown, float(k)), ys]))
        if count > max_units:
            ax.text(k, ys[-1] - 0.45, "⋮", ha="center", va="center", fontsize="large")
    for k in range(depth):
        segments = [[p, q] for p in positions[k] for q in positions[k + 1]]
        edges.append(ax.add_collection(LineCollection(segments, colors="#9a9a9a",
                                                      linewidths=0.9, zorder=1)))
    for k, pts in enumerate(positions):
        face = "#FFFFFF" if 0 < k < depth else ("#E6E6E6" if k == 0 else "#FBE3CC")
        units.append(ax.scatter(pts[:, 0], pts[:, 1], s=420, facecolors=face,
                                edgecolors="black", linewidths=1.3, zorder=3))
        name = r"$\mathbf{f}_0 = \mathbf{x}$" if k == 0 else rf"$\mathbf{{f}}_{{{k}}}$"
        labels.append(ax.text(k, -tallest / 2 - 0.7, name, ha="center", va="top",
                              fontsize="large"))
        ax.text(k, -tallest / 2 - 1.3, f"({n[k]} unit{'s' if n[k] != 1 else ''})",
                ha="center", va="top", fontsize="small", color="#333333")
    for k in range(depth):
        sigma = subscript(f"σ{k + 1}") + (f" = {activations[k]}" if activations else "")
        text = subscript(f"A{k}, b{k}") + "\n" + sigma
        layer_texts.append(ax.text(k + 0.5, tallest / 2 + 0.35, text, ha="center",
                                   va="bottom", fontsize="medium",
                                   bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                                         "edgecolor": "#bbbbbb"}))
    loss_x = depth + 0.9
    for p in positions[-1]:
        ax.annotate("", xy=(loss_x - 0.18, 0.0), xytext=p, zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 1.0,
                                "shrinkA": 10, "shrinkB": 2})
    ax.text(loss_x, 0.0, r"$L = \|\mathbf{y} - \mathbf{f}_K\|^2$".replace("K", str(depth)),
            ha="left", va="center", fontsize="large",
            bbox={"boxstyle": "round,pad=0.35", "facecolor": "#EEEEEE", "edgecolor": "#777777"})
    ax.set_xlim(-0.6, depth + 2.4)
    ax.set_ylim(-tallest / 2 - 1.85, tallest / 2 + 1.5)
    ax.set_aspect("auto")
    ax.axis("off")
    ax.set_title(f"Forward pass: f₀ = x → f₁ → … → f{subscript(depth)} → L", loc="left")
    return NetworkDrawing(ax, units, edges, labels, layer_texts)


# ======================================================================= factor chain ====
@dataclass
class ChainBox:
    """One factor of a chain-rule product: its kind, its label, its shape, its patch."""

    kind: str
    label: str
    shape: tuple[int, int]
    patch: FancyBboxPatch


@dataclass
class ChainDrawing:
    """The artists of :func:`draw_chain_rule`; ``boxes[r]`` is the row of ∂L/∂θ_{K−1−r}."""

    ax: Axes
    boxes: list[list[ChainBox]] = field(default_factory=list)


def chain_factors(sizes: Sequence[int], i: int) -> list[tuple[str, str, tuple[int, int]]]:
    """The factors of ∂L/∂θ_i as (kind, mathtext label, shape), from the loss to θ_i.

    θ_i counts as one vector of p_i = n_{i+1}(n_i + 1) entries (A_i row by row, then b_i).

    Examples
    --------
    >>> [(kind, shape) for kind, _, shape in chain_factors([3, 4, 2], 0)]
    [('loss', (1, 2)), ('layer', (2, 4)), ('parameter', (4, 16))]
    """
    n = _check_sizes(sizes)
    depth = len(n) - 1
    i = check_integer(i, "i", minimum=0, maximum=depth - 1)
    factors = [("loss", rf"$\partial L/\partial \mathbf{{f}}_{{{depth}}}$", (1, n[depth]))]
    for j in range(depth - 1, i, -1):
        factors.append(("layer", rf"$\partial \mathbf{{f}}_{{{j + 1}}}/\partial \mathbf{{f}}_{{{j}}}$",
                        (n[j + 1], n[j])))
    factors.append(("parameter", rf"$\partial \mathbf{{f}}_{{{i + 1}}}/\partial \theta_{{{i}}}$",
                    (n[i + 1], n[i + 1] * (n[i] + 1))))
    return factors


@styled
def draw_chain_rule(sizes: Sequence[int] | Network, ax: Axes | None = None) -> ChainDrawing:
    """The slides' products ∂L/∂θ_i = ∂L/∂f_K ∂f_K/∂f_{K−1} ⋯ ∂f_{i+1}/∂θ_i as chains of boxes.

    One row per layer, θ_{K−1} at the top (the shortest product) down to θ_0. The factors
    ∂f_{j+1}/∂f_j are orange with a solid edge, ∂f_{i+1}/∂θ_i blue with a dashed, hatched
    edge, ∂L/∂f_K grey with a dotted edge; the shape of each factor is written under its box.

    Returns
    -------
    ChainDrawing

    Examples
    --------
    >>> rows = draw_chain_rule([2, 3, 3, 1]).boxes
    >>> [[box.shape for box in row] for row in rows][1]    # ∂L/∂θ_1
    [(1, 1), (1, 3), (3, 12)]
    """
    n = _check_sizes(sizes)
    depth = len(n) - 1
    ax = _axes(ax, height_ratio=0.28 * depth + 0.45, width_ratio=1.05)
    width, gap, start = 1.55, 0.35, 1.55
    drawing = ChainDrawing(ax)
    for row, i in enumerate(range(depth - 1, -1, -1)):
        y = -row * 1.25
        ax.text(start - 0.25, y, rf"$\partial L/\partial \theta_{{{i}}} =$", ha="right",
                va="center", fontsize="large")
        boxes = []
        for k, (kind, label, shape) in enumerate(chain_factors(n, i)):
            x = start + k * (width + gap)
            st = FACTOR_STYLES[kind]
            patch = FancyBboxPatch((x, y - 0.32), width, 0.64,
                                   boxstyle="round,pad=0.02,rounding_size=0.08",
                                   facecolor=st["facecolor"], edgecolor=st["edgecolor"],
                                   linestyle=st["linestyle"], hatch=st["hatch"], linewidth=2.0)
            ax.add_patch(patch)
            ax.text(x + width / 2, y, label, ha="center", va="center", fontsize="medium",
                    bbox={"boxstyle": "square,pad=0.05", "facecolor": st["facecolor"],
                          "edgecolor": "none", "alpha": 0.85})
            ax.text(x + width / 2, y - 0.42, f"{shape[0]}×{shape[1]}", ha="center", va="top",
                    fontsize="small", family="monospace")
            boxes.append(ChainBox(kind, label, shape, patch))
        drawing.boxes.append(boxes)
    longest = depth + 1
    ax.set_xlim(-0.2, start + longest * (width + gap) + 0.1)
    ax.set_ylim(-(depth - 1) * 1.25 - 0.85, 0.7)
    ax.axis("off")
    handles = [Patch(facecolor=FACTOR_STYLES[k]["facecolor"], edgecolor=FACTOR_STYLES[k]["edgecolor"],
                     linestyle=FACTOR_STYLES[k]["linestyle"], hatch=FACTOR_STYLES[k]["hatch"],
                     linewidth=2.0, label=FACTOR_STYLES[k]["label"])
               for k in ("loss", "layer", "parameter")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.02), ncol=2,
              fontsize="small", frameon=False)
    return drawing


# =========================================================================== training ====
@styled
def plot_losses(run: TrainingRun, ax: Axes | None = None, *, label: str | None = None) -> Line2D:
    """The loss after each gradient-descent step, on a log axis.

    Examples
    --------
    >>> from lecture_utils.maths.network import make_network
    >>> from lecture_utils.maths.training import train
    >>> xs = np.linspace(-1, 1, 5)[None, :]
    >>> line = plot_losses(train(make_network([1, 2, 1], "tanh", seed=0), xs, xs, steps=10))
    >>> line.get_xydata().shape, line.axes.get_yscale()
    ((11, 2), 'log')
    """
    if not isinstance(run, TrainingRun):
        raise TypeError(f"run must be the TrainingRun returned by train(...), got "
                        f"{type(run).__name__}")
    ax = _axes(ax, width_ratio=0.55)
    steps = np.arange(run.losses.size)
    line = curve(ax, steps, run.losses, "function",
                 label=label or f"η = {run.learning_rate:g}")
    ax.set_yscale("log")
    ax.set_xlabel("gradient-descent step")
    ax.set_ylabel("loss L (mean over the data)")
    ax.set_title("Training: the loss falls", loc="left")
    ax.legend(loc="upper right")
    return line


@styled
def plot_fit(x: Any, y: Any, grid: Any, prediction: Any, ax: Axes | None = None, *,
             start: Any = None, truth: Any = None) -> list[Line2D]:
    """The data points, the trained network's curve on ``grid`` (and optionally the untrained one
    and the true function); returns the lines drawn.

    Examples
    --------
    >>> xs = np.linspace(0, 1, 5)
    >>> len(plot_fit(xs, xs, xs, xs, truth=xs))
    3
    """
    xs, ys = check_array(x, "x", ndim=1), check_array(y, "y", ndim=1)
    g, p = check_array(grid, "grid", ndim=1), check_array(prediction, "prediction", ndim=1)
    if xs.shape != ys.shape or g.shape != p.shape:
        raise ValueError(f"x and y must have the same length ({xs.size} vs {ys.size}), and "
                         f"grid and prediction too ({g.size} vs {p.size})")
    optional = {k: None if v is None else check_array(v, k, shape=g.shape)
                for k, v in (("start", start), ("truth", truth))}
    start, truth = optional["start"], optional["truth"]
    ax = _axes(ax, width_ratio=0.55)
    artists = []
    if truth is not None:
        artists.append(curve(ax, g, check_array(truth, "truth", ndim=1), "reference",
                             label="true function"))
    if start is not None:
        artists.append(curve(ax, g, check_array(start, "start", ndim=1), "approximation",
                             label="network before training"))
    artists.append(curve(ax, g, p, "function", label="network after training"))
    artists.append(marker(ax, xs, ys, "point", label="data (with noise)", markersize=5))
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("The fit", loc="left")
    place_legend(ax, fontsize="small")  # "best" may cover the curves; this checks
    return artists


def training_figure(run: TrainingRun, x: Any, y: Any, grid: Any, *, start: Any = None,
                    truth: Any = None) -> Figure:
    """Two panels: the loss of a training run (log axis) and the fit over the 1-D data.

    ``x``, ``y`` are the data (1-d), ``grid`` the points where the trained network (and the
    optional ``start`` and ``truth`` curves) are drawn.

    Examples
    --------
    >>> from lecture_utils.maths.network import make_network
    >>> from lecture_utils.maths.training import train
    >>> xs = np.linspace(-1, 1, 8)
    >>> run = train(make_network([1, 3, 1], "tanh", seed=0), xs[None, :], xs[None, :], steps=5)
    >>> len(training_figure(run, xs, xs, xs).axes)
    2
    """
    from ..maths.network import predict

    if not isinstance(run, TrainingRun):
        raise TypeError(f"run must be the TrainingRun returned by train(...), got "
                        f"{type(run).__name__}")
    g = check_array(grid, "grid", ndim=1)
    fig, (ax_loss, ax_fit) = new_figure(1, 2)
    plot_losses(run, ax=ax_loss)
    plot_fit(x, y, g, predict(run.network, g[None, :])[0], ax=ax_fit, start=start, truth=truth)
    return fig


# ======================================================================= gradient flow ====
#: The log axis of the gradient norms: values outside are drawn at the edge (and said so).
NORM_LIMITS = (1e-20, 1e10)
_NORM_TICKS = [1e-20, 1e-15, 1e-10, 1e-5, 1.0, 1e5, 1e10]


def _norm_axis(ax: Axes) -> None:
    ax.set_yscale("log")
    ax.set_ylim(*NORM_LIMITS)
    ax.set_yticks(_NORM_TICKS)
    ax.minorticks_off()
_Z = np.linspace(-5.0, 5.0, 201)


class GradientNormView:
    """Bars of ‖∂L/∂A_i‖ per layer (log axis, fixed limits) and the activation σ with σ'.

    :meth:`draw` makes every artist once, for up to ``max_depth`` layers; :meth:`update` sets
    the bars (one line artist: a thick vertical segment per layer, a dot on top), hides those
    beyond the depth and moves the σ, σ' curves in place.
    """

    ax: Axes
    ax_activation: Axes | None
    max_depth: int
    moving_artists: list[Any]

    @classmethod
    @styled
    def draw(cls, ax: Axes, ax_activation: Axes | None, max_depth: int) -> "GradientNormView":
        """Draw the empty view on ``ax`` (and σ, σ' on ``ax_activation``)."""
        view = cls()
        view.ax, view.ax_activation = ax, ax_activation
        view.max_depth = check_integer(max_depth, "max_depth", minimum=1, maximum=100)
        layers = np.arange(1, max_depth + 1)
        figure = ax.get_figure()
        axis_points = ax.get_position().width * figure.get_figwidth() * 72.0
        width = max(1.5, 0.6 * axis_points / (max_depth + 0.2))   # 60 % of a layer's slot
        (view.bars,) = ax.plot([], [], color=PALETTE["sky_blue"], linewidth=width,
                               solid_capstyle="butt")
        (view.tops,) = ax.plot(layers, np.full(max_depth, np.nan), linestyle="none",
                               marker="o", color=PALETTE["blue"], markersize=5,
                               label="‖∂L/∂A_i‖ of layer i")
        (view.level,) = ax.plot([0.5, max_depth + 0.5], [1.0, 1.0],
                                **{**role_style("reference"), "marker": None},
                                label="last layer's norm")
        _norm_axis(ax)
        ax.set_xlim(0.4, max_depth + 0.6)
        ticks = layers if max_depth <= 12 else layers[::2]
        ax.set_xticks(ticks, [str(t - 1) for t in ticks])
        ax.set_xlabel("layer i (0 = next to the input)")
        ax.set_ylabel("‖∂L/∂A_i‖ (log scale)")
        ax.legend(loc="upper left", fontsize="small")
        view.moving_artists = [view.bars, view.tops, view.level]
        if ax_activation is not None:
            (view.sigma,) = ax_activation.plot(_Z, np.zeros_like(_Z), label="σ(z)",
                                               **role_style("function"))
            (view.slope,) = ax_activation.plot(_Z, np.zeros_like(_Z), label="σ'(z)",
                                               **role_style("approximation"))
            ax_activation.axhline(0.25, **{**role_style("reference"), "marker": None},
                                  label="1/4 (largest σ' of the sigmoid)")
            ax_activation.set_xlim(_Z[0], _Z[-1])
            ax_activation.set_ylim(-1.15, 2.0)
            ax_activation.set_xlabel("z")
            ax_activation.set_title("activation σ and its derivative σ'", loc="left",
                                    fontsize="medium")
            ax_activation.legend(loc="upper left", fontsize="small")
            view.moving_artists += [view.sigma, view.slope]
        return view

    def update(self, norms: Any, activation: str) -> int:
        """Show ``norms`` (one per layer; no bar beyond them); returns how many were outside
        the axis and drawn at its edge.

        Examples
        --------
        >>> fig, axes = new_figure(1, 2)
        >>> view = GradientNormView.draw(axes[0], axes[1], max_depth=6)
        >>> view.update([1e-30, 1e-3, 1.0], "tanh")              # 1e-30 is below the axis
        1
        """
        values = np.asarray(norms, dtype=float)
        low, high = NORM_LIMITS
        shown = np.clip(np.nan_to_num(values, nan=high, posinf=high), low, high)
        clipped = int(np.sum(shown != values))
        layers = np.arange(1, values.size + 1, dtype=float)
        xs = np.repeat(layers, 3)
        ys = np.column_stack([np.full(values.size, low), shown,
                              np.full(values.size, np.nan)]).ravel()
        self.bars.set_data(xs, ys)
        tops = np.full(self.max_depth, np.nan)
        tops[: values.size] = shown
        self.tops.set_ydata(tops)
        self.level.set_ydata([shown[-1], shown[-1]])
        if self.ax_activation is not None:
            sigma = get_activation(activation)
            self.sigma.set_ydata(sigma.function(_Z))
            self.slope.set_ydata(sigma.derivative(_Z))
        return clipped


@styled
def gradient_flow_small_multiples(activations: Sequence[str] = ("sigmoid", "tanh", "relu"),
                                  depths: Sequence[int] = (5, 10, 20), *, width: int = 8,
                                  weight_scale: float = 1.0, seed: int = 0) -> Figure:
    """Static counterpart of the gradient-flow explorer: rows of activations × columns of depths.

    Each panel shows ‖∂L/∂A_i‖ per layer on the same log axis, with the ratio between the
    first and the last layer written in it.

    Examples
    --------
    >>> fig = gradient_flow_small_multiples(("sigmoid", "relu"), (3, 6))
    >>> len(fig.axes)
    4
    """
    names = [get_activation(a, "activations").name
             for a in check_sequence(activations, "activations", maximum=8, what="names")]
    depths = [check_integer(d, "depths", minimum=1, maximum=100)
              for d in check_sequence(depths, "depths", maximum=8, what="depths")]
    if not names or not depths:
        raise ValueError("activations and depths must each have at least one entry")
    flow = GradientFlow(width=width, max_depth=max(depths), seed=seed)
    fig, axes = new_figure(len(names), len(depths), width_ratio=1.0,
                           height_ratio=0.55 * len(names), sharey=True)
    axes = axes.reshape(len(names), len(depths))
    low, high = NORM_LIMITS
    for r, name in enumerate(names):
        for c, depth in enumerate(depths):
            ax = axes[r, c]
            norms = flow.norms(name, depth, weight_scale)
            shown = np.clip(norms, low, high)
            layers = np.arange(depth)
            ax.bar(layers, shown - low, bottom=low, width=0.7, color=PALETTE["sky_blue"],
                   edgecolor=PALETTE["blue"], hatch="//", linewidth=0.8)
            _norm_axis(ax)
            ax.set_xlim(-0.6, max(depths) - 0.4)
            ax.axhline(shown[-1], **{**role_style("reference"), "marker": None})
            ratio = norms[0] / norms[-1] if norms[-1] > 0 else np.inf
            ax.text(0.97, 0.94, f"first/last = {ratio:.0e}", transform=ax.transAxes,
                    ha="right", va="top", fontsize="small",
                    bbox={"facecolor": "white", "edgecolor": "#999999", "boxstyle": "round"})
            if r == 0:
                ax.set_title(f"depth K = {depth}", fontsize="medium")
            if c == 0:
                ax.set_ylabel(f"{name}\n‖∂L/∂A_i‖")
            if r == len(names) - 1:
                ax.set_xlabel("layer i")
    fig.suptitle(f"Gradient norm per layer (width {width}, weight scale {weight_scale:g}, "
                 "last layer linear)", fontsize="medium")
    return fig


def activation_names() -> list[str]:
    """The activations offered by the explorer (the smooth ones and ReLU; not the identity)."""
    return [name for name in ACTIVATIONS if name != "identity"]


# ============================================================ computation graph (§5.6) ====
from .._text import superscript  # noqa: E402  (imports of the appended section)
from ..maths.autodiff import Value, topological_order  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.path import Path  # noqa: E402


@dataclass
class GraphDrawing:
    """The artists of :func:`draw_computation_graph`: one box per node, one arrow per edge."""

    ax: Axes
    nodes: list[Any] = field(default_factory=list)          # the Values, inputs first
    boxes: list[FancyBboxPatch] = field(default_factory=list)
    edge_labels: list[Text] = field(default_factory=list)   # the local derivatives


def _node_name(node: Any, index: int) -> str:
    return node.label or f"v{subscript(index)}"


def _node_formula(node: Any, names: dict[int, str]) -> str:
    """``c = a + b``, ``b = exp(a)``, ``a = x²`` — how the node was computed."""
    args = [names[id(p)] if p.parents or p.label else f"{p.data:g}" for p in node.parents]
    name = names[id(node)]
    if not node.parents:
        return f"{name} (input)" if node.label else f"{node.data:g}"
    if node.op.startswith("^"):
        return f"{name} = {args[0]}{superscript(node.op[1:])}"
    if len(args) == 2:
        return f"{name} = {args[0]} {node.op} {args[1]}"
    if node.op == "−":
        return f"{name} = −{args[0]}"
    return f"{name} = {node.op}({args[0]})"


@styled
def draw_computation_graph(output: Value, ax: Axes | None = None) -> GraphDrawing:
    """The computation graph ending in ``output`` (after ``output.backward()``), left to right.

    Each node is a box with how it was computed, its value and its adjoint ∂output/∂node;
    each edge is labelled with its local derivative ∂child/∂parent, the factor that the
    backward pass multiplies the child's adjoint by. Columns are the longest path from an
    input; constants are written into their node's formula instead of drawn, and an input
    used twice by one operation (x · x) gets one arrow with the summed local derivative (2x).

    Returns
    -------
    GraphDrawing

    Examples
    --------
    >>> x = Value(2.0, label="x")
    >>> y = (x * x).exp().named("y")
    >>> y.backward()
    >>> drawing = draw_computation_graph(y)
    >>> [node.label or node.op for node in drawing.nodes], len(drawing.edge_labels)
    (['x', '·', 'y'], 2)
    """
    if not isinstance(output, Value):
        raise TypeError(f"output must be a Value (a node of a computation graph), got "
                        f"{type(output).__name__} {shown(output)}")
    nodes = [n for n in topological_order(output) if n.parents or n.label]   # no constants
    if len(nodes) > 40:
        raise ValueError(f"output must be a small graph (at most 40 nodes to draw), got {len(nodes)}")
    names = {id(n): _node_name(n, k) for k, n in enumerate(nodes)}
    column: dict[int, int] = {}
    for n in nodes:                                  # longest path from an input
        column[id(n)] = max((column[id(p)] + 1 for p in n.parents if id(p) in column), default=0)
    by_column: dict[int, list[Any]] = {}
    for n in nodes:
        by_column.setdefault(column[id(n)], []).append(n)
    width = max(by_column) + 1
    ax = _axes(ax, height_ratio=0.95, width_ratio=1.0)
    dx, box_w, box_h = 1.3, 0.86, 0.62
    position: dict[int, tuple[float, float]] = {}
    for c, members in by_column.items():
        for r, n in enumerate(members):
            position[id(n)] = (c * dx, (len(members) - 1) / 2 * 1.05 - r * 1.05)
    drawing = GraphDrawing(ax, nodes)
    for n in nodes:
        x, y = position[id(n)]
        kind = "loss" if n is output else ("parameter" if not n.parents else "layer")
        st = FACTOR_STYLES[kind]
        patch = FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                               boxstyle="round,pad=0.02,rounding_size=0.06",
                               facecolor=st["facecolor"], edgecolor=st["edgecolor"],
                               linestyle=st["linestyle"], linewidth=1.6, zorder=2)
        ax.add_patch(patch)
        drawing.boxes.append(patch)
        name = names[id(n)]
        ax.text(x, y, f"{_node_formula(n, names)}\n{name} = {n.data:.3g}\n"
                f"∂{names[id(output)]}/∂{name} = {n.grad:.3g}", ha="center", va="center",
                fontsize="small", zorder=3, linespacing=1.35)
    top = max(y for _, y in position.values()) + box_h / 2
    for n in nodes:
        edges: dict[int, tuple[Any, float]] = {}     # x · x: one arrow, local derivative 2x
        for p, local in zip(n.parents, n.local):
            if id(p) in position:                   # (not a constant)
                edges[id(p)] = (p, edges.get(id(p), (p, 0.0))[1] + local)
        for p, local in edges.values():
            (x0, y0), (x1, y1) = position[id(p)], position[id(n)]
            if column[id(n)] - column[id(p)] > 1:   # over the nodes between: an arc above
                start, end = (x0, y0 + box_h / 2), (x1, y1 + box_h / 2)
                control = ((x0 + x1) / 2, top + 0.9)
                path = Path([start, control, end], [Path.MOVETO, Path.CURVE3, Path.CURVE3])
                middle = (0.25 * start[0] + 0.5 * control[0] + 0.25 * end[0],
                          0.25 * start[1] + 0.5 * control[1] + 0.25 * end[1])
            else:
                start, end = (x0 + box_w / 2, y0), (x1 - box_w / 2, y1)
                path = Path([start, end], [Path.MOVETO, Path.LINETO])
                middle = ((x0 + x1) / 2, (y0 + y1) / 2 + 0.06)
            ax.add_patch(FancyArrowPatch(path=path, arrowstyle="-|>", mutation_scale=12,
                                         color=PALETTE["grey"], lw=1.3, zorder=1))
            drawing.edge_labels.append(ax.text(
                *middle, f"{local:.3g}", ha="center", va="bottom", fontsize="small",
                color=PALETTE["blue"], zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"}))
    tall = max(len(m) for m in by_column.values())
    ax.set_xlim(-box_w / 2 - 0.08, (width - 1) * dx + box_w / 2 + 0.08)
    ax.set_ylim(-(tall - 1) / 2 * 1.05 - box_h / 2 - 0.05, top + 0.6)
    ax.axis("off")
    return drawing
