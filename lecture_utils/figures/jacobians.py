"""Drawing helpers for matrices and tensors (layer 2): heat maps with the values written in.

The slides' derivatives of matrices have three or four indices. These helpers draw them:

* :func:`draw_matrix` — a 2-d array as a labelled heat map with each value written in its cell;
* :func:`draw_tensor_slices` — a 3-d array as one such panel per index of an axis (by default
  the last: for ∂A/∂x with A ∈ R^{4×2}, x ∈ R^3, the panels are ∂A/∂x₁, ∂A/∂x₂, ∂A/∂x₃);
* :func:`draw_reshape` — the slides' Approach 1 (the m×n×k tensor as slices) beside Approach 2
  (the flattened mn×k matrix, rows labelled A_ij in row-major order), returning a
  :class:`ReshapeView` whose :meth:`ReshapeView.update` moves the highlight of one entry in
  both drawings (what the reshape explorer of :mod:`lecture_utils.explorers` calls).

The colour map is diverging and colour-blind safe (``"PuOr"``) with limits symmetric about 0,
so that zero is white and the sign is the hue; every value is also written as a number, so
nothing rests on colour alone. Faces are white (readable in dark themes).

Examples
--------
>>> import numpy as np
>>> drawing = draw_matrix(np.array([[1.0, -2.0], [0.0, 3.5]]))
>>> [t.get_text() for t in drawing.texts.ravel()]
['1.00', '-2.00', '0', '3.50']
>>> draw_tensor_slices(np.zeros((4, 2, 3))).texts.shape
(4, 2, 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import ConnectionPatch, Rectangle

from .._text import subscript
from .._validation import shown, check_array, check_flag, check_integer, check_sequence
from .base import check_axes, check_text, new_figure
from ..style import PALETTE, styled

__all__ = [
    "DIVERGING_CMAP",
    "MatrixDrawing",
    "ReshapeEntry",
    "ReshapeView",
    "TensorDrawing",
    "draw_matrix",
    "draw_reshape",
    "draw_tensor_slices",
    "format_value",
    "symmetric_limit",
]

#: Diverging, colour-blind-safe colour map (ColorBrewer purple–orange): 0 is white.
DIVERGING_CMAP = "PuOr"

def format_value(value: float, decimals: int = 2) -> str:
    """A cell's text: ``"0"`` for an exact zero, else ``decimals`` digits (never ``-0.00``).

    Examples
    --------
    >>> format_value(0.0), format_value(-0.0001), format_value(2.5, 1)
    ('0', '-0.00', '2.5')
    """
    value = float(value)
    if value == 0.0:
        return "0"
    return f"{value + 0.0:.{decimals}f}"


def symmetric_limit(values: Any) -> float:
    """The colour limit ``max |values|`` (1 if all are 0): the map spans [−limit, limit].

    Examples
    --------
    >>> symmetric_limit([[-3.0, 1.0]]), symmetric_limit([0.0])
    (3.0, 1.0)
    """
    largest = float(np.max(np.abs(values), initial=0.0))
    return largest if largest > 0 else 1.0


def _labels(value: Any, count: int, name: str, default: list[str], of: str = "M") -> list[str]:
    if value is None:
        return default
    labels = [str(v) for v in check_sequence(value, name, what="strings")]
    if len(labels) != count:
        raise ValueError(f"{name} must hold {count} labels (one per index of {of}), got "
                         f"{len(labels)}")
    return labels


def _check_cmap(cmap: Any) -> Any:
    import matplotlib
    from matplotlib.colors import Colormap

    if isinstance(cmap, Colormap) or (isinstance(cmap, str) and cmap in matplotlib.colormaps):
        return cmap
    raise ValueError(f"cmap must be a Matplotlib colormap or its name such as 'PuOr', got "
                     f"{shown(cmap)}")


def _check_decimals(decimals: Any) -> int:
    return check_integer(decimals, "decimals", minimum=0, maximum=8)


def _check_vmax(vmax: Any, values: np.ndarray) -> float:
    if vmax is None:
        return symmetric_limit(values)
    from .._validation import check_real_number

    return float(check_real_number(vmax, "vmax", positive=True))


def _text_colour(value: float, vmax: float) -> str:
    """White text on the dark ends of the colour map, black elsewhere."""
    return "white" if abs(value) > 0.62 * vmax else "black"


def _font_size(rows: int, columns: int) -> str:
    cells = max(rows, columns)
    return "small" if cells <= 6 else "x-small" if cells <= 10 else "xx-small"


def _heat_map(ax: Axes, values: np.ndarray, vmax: float, cmap: str, decimals: int,
              row_labels: list[str], column_labels: list[str]) -> tuple[AxesImage, np.ndarray]:
    rows, columns = values.shape
    image = ax.imshow(values, cmap=cmap, vmin=-vmax, vmax=vmax, aspect="equal",
                      interpolation="nearest")
    texts = np.empty(values.shape, dtype=object)
    size = _font_size(rows, columns)
    for r in range(rows):
        for c in range(columns):
            texts[r, c] = ax.text(c, r, format_value(values[r, c], decimals), ha="center",
                                  va="center", fontsize=size,
                                  color=_text_colour(values[r, c], vmax))
    ax.set_xticks(range(columns), column_labels)
    ax.set_yticks(range(rows), row_labels)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(-0.5, columns), minor=True)
    ax.set_yticks(np.arange(-0.5, rows), minor=True)
    ax.grid(False)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#999999")
    return image, texts


@dataclass
class MatrixDrawing:
    """What :func:`draw_matrix` drew: the heat map and the text of each cell."""

    figure: Figure
    ax: Axes
    image: AxesImage
    texts: np.ndarray       # object array of Text, same shape as the matrix
    values: np.ndarray


@dataclass
class TensorDrawing:
    """What :func:`draw_tensor_slices` drew: one panel per slice and the text of each entry.

    ``texts[index]`` is the Text of the tensor entry ``index`` (the tensor's own indexing,
    whatever axis was sliced); ``images[p]`` and ``axes[p]`` belong to slice p.
    """

    figure: Figure
    axes: list[Axes]
    images: list[AxesImage]
    texts: np.ndarray       # object array of Text, same shape as the tensor
    values: np.ndarray
    axis: int


@styled
def draw_matrix(M: Any, ax: Axes | None = None, *, title: str | None = None,
                row_labels: Sequence[str] | None = None,
                column_labels: Sequence[str] | None = None, decimals: int = 2,
                vmax: float | None = None, cmap: str = DIVERGING_CMAP,
                colorbar: bool = False) -> MatrixDrawing:
    """A 2-d array as a heat map with its values written in the cells.

    Parameters
    ----------
    M : array_like
        A finite real matrix (2-d).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if ``None``.
    title : str, optional
        The panel's title.
    row_labels, column_labels : sequence of str, optional
        Tick labels, one per row / column (default ``1, 2, ...``: the slides count from 1).
    decimals : int
        Digits after the point in the cells (exact zeros are written ``0``).
    vmax : float, optional
        The colour limit; the map spans [−vmax, vmax] (default ``max |M|``), white at 0.
    cmap : str
        A diverging colour map (default ``"PuOr"``, colour-blind safe).
    colorbar : bool
        Add a colour bar.

    Returns
    -------
    MatrixDrawing
        The figure, axes, image and the Text of each cell.

    Raises
    ------
    ValueError
        If ``M`` is not 2-d (the message names ``M`` and its shape), or labels do not match.

    Examples
    --------
    >>> d = draw_matrix([[1, 2, 3]], title="a row", column_labels=["x₁", "x₂", "x₃"])
    >>> d.texts.shape, d.texts[0, 2].get_text(), d.ax.get_title()
    ((1, 3), '3.00', 'a row')
    >>> draw_matrix([1, 2])
    Traceback (most recent call last):
    ...
    ValueError: M must be a 2-dimensional array, got shape (2,)
    """
    values = check_array(M, "M", ndim=2)
    ax, title, cmap = check_axes(ax), check_text(title, "title"), _check_cmap(cmap)
    colorbar = check_flag(colorbar, "colorbar")
    decimals = _check_decimals(decimals)
    limit = _check_vmax(vmax, values)
    rows, columns = values.shape
    rlabels = _labels(row_labels, rows, "row_labels", [str(r + 1) for r in range(rows)])
    clabels = _labels(column_labels, columns, "column_labels",
                      [str(c + 1) for c in range(columns)])
    if ax is None:
        width = min(1.0, 0.25 + 0.07 * columns)
        _, (ax,) = new_figure(width_ratio=width, height_ratio=min(2.0, 0.35 + 0.16 * rows))
    image, texts = _heat_map(ax, values, limit, cmap, decimals, rlabels, clabels)
    if title:
        ax.set_title(title)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return MatrixDrawing(ax.figure, ax, image, texts, values)


@styled
def draw_tensor_slices(T: Any, axes: Sequence[Axes] | None = None, *,
                       labels: Sequence[str] | None = None, axis: int = -1,
                       row_labels: Sequence[str] | None = None,
                       column_labels: Sequence[str] | None = None, decimals: int = 2,
                       vmax: float | None = None, cmap: str = DIVERGING_CMAP,
                       title: str | None = None) -> TensorDrawing:
    """A 3-d array drawn as labelled slices: one heat-map panel per index of ``axis``.

    With the default ``axis=-1`` a tensor of shape (m, n, k) — the slides' Approach 1 for
    ∂A/∂x, A ∈ R^{m×n}, x ∈ R^k — becomes k panels of m×n; panel k is ∂A/∂x_k. All panels
    share one symmetric colour scale, so equal colours mean equal values.

    Parameters
    ----------
    T : array_like
        A finite real 3-d array.
    axes : sequence of Axes, optional
        One axes per slice; a new figure with a row of panels if ``None``.
    labels : sequence of str, optional
        The panel titles (default ``"[:, :, 1]"``, ... counting from 1 like the slides).
    axis : {0, 1, 2, -1, -2, -3}
        The axis whose indices are the panels.
    row_labels, column_labels : sequence of str, optional
        Tick labels of each panel's rows / columns (default ``1, 2, ...``).
    decimals, vmax, cmap
        As in :func:`draw_matrix`.
    title : str, optional
        A title above all panels.

    Returns
    -------
    TensorDrawing
        The figure, the panels, their images and ``texts``, an object array of the same shape
        as ``T`` holding the Text written in each entry's cell.

    Raises
    ------
    ValueError
        If ``T`` is not 3-d (names ``T`` and its shape), ``axis`` is out of range, or the
        number of ``axes`` or labels does not match.

    Examples
    --------
    >>> import numpy as np
    >>> T = np.arange(24.0).reshape(4, 2, 3)
    >>> d = draw_tensor_slices(T, labels=["∂A/∂x₁", "∂A/∂x₂", "∂A/∂x₃"])
    >>> len(d.axes), d.axes[2].get_title(), d.texts[3, 1, 2].get_text()
    (3, '∂A/∂x₃', '23.00')
    >>> draw_tensor_slices(np.ones((2, 2)))
    Traceback (most recent call last):
    ...
    ValueError: T must be a 3-dimensional array, got shape (2, 2)
    """
    values = check_array(T, "T", ndim=3)
    title, cmap = check_text(title, "title"), _check_cmap(cmap)
    axis = check_integer(axis, "axis", minimum=-3, maximum=2) % 3
    decimals = _check_decimals(decimals)
    limit = _check_vmax(vmax, values)
    count = values.shape[axis]
    rows, columns = (s for a, s in enumerate(values.shape) if a != axis)
    slot = ["-", "-", "-"]
    default_titles = []
    for p in range(count):
        slot[axis] = str(p + 1)
        default_titles.append("[" + ", ".join(":" if s == "-" else s for s in slot) + "]")
    titles = _labels(labels, count, "labels", default_titles, "T")
    rlabels = _labels(row_labels, rows, "row_labels", [str(r + 1) for r in range(rows)], "T")
    clabels = _labels(column_labels, columns, "column_labels",
                      [str(c + 1) for c in range(columns)], "T")
    if axes is None:
        width = min(1.0, 0.12 + count * (0.06 + 0.045 * columns))
        _, axes = new_figure(1, count, width_ratio=width,
                             height_ratio=min(1.6, 0.4 + 0.15 * rows))
    axes = [check_axes(a, f"axes[{p}]") for p, a in
            enumerate(check_sequence(axes, "axes", what="Matplotlib Axes"))]
    if None in axes or len(axes) != count:
        raise ValueError(f"axes must hold one Axes per slice ({count} for T of shape "
                         f"{values.shape} sliced along axis {axis}), got {len(axes)}")
    images = []
    texts = np.empty(values.shape, dtype=object)
    for p, ax in enumerate(axes):
        panel = np.take(values, p, axis=axis)
        image, panel_texts = _heat_map(ax, panel, limit, cmap, decimals, rlabels, clabels)
        ax.set_title(titles[p])
        images.append(image)
        index: list[Any] = [slice(None), slice(None), slice(None)]
        index[axis] = p
        texts[tuple(index)] = panel_texts
    if title:
        axes[0].figure.suptitle(title)
    return TensorDrawing(axes[0].figure, axes, images, texts, values, axis)


# ================================================= Approach 1 ↔ Approach 2, highlighted ====

@dataclass(frozen=True)
class ReshapeEntry:
    """One entry ∂A_ij/∂x_k (0-based NumPy indices) and where it sits after flattening."""

    i: int
    j: int
    k: int
    row: int        # n·i + j: its row in the flattened mn×k matrix
    value: float

    def describe(self, name: str = "A", variable: str = "x", n: int = 2) -> str:
        """The status-line text, in the slides' 1-based indices and NumPy's 0-based ones."""
        return (f"∂{name}{subscript(self.i + 1)}{subscript(self.j + 1)}"
                f"/∂{variable}{subscript(self.k + 1)}"
                f" = {format_value(self.value, 3)}:  tensor T[{self.i}, {self.j}, {self.k}]"
                f"  ↔  flattened row {n}·{self.i} + {self.j} = {self.row}, column {self.k}"
                f"  (NumPy indices)")


def _outline(xy: tuple[float, float], width: float, height: float, colour: str,
             linewidth: float, **kwargs: Any) -> Rectangle:
    return Rectangle(xy, width, height, fill=False, edgecolor=colour, linewidth=linewidth,
                     zorder=6, **kwargs)


@dataclass
class ReshapeView:
    """Approach 1 (tensor slices) beside Approach 2 (flattened matrix), one entry highlighted.

    Made by :func:`draw_reshape`. :meth:`update` moves only the highlight artists (outlines of
    the entry in its slice and in the flattened matrix, the flattened row, and an arrow
    between them): :attr:`moving_artists` is what an explorer redraws.
    """

    figure: Figure
    tensor: TensorDrawing
    matrix: MatrixDrawing
    values: np.ndarray
    name: str
    variable: str
    artists: dict[str, Any] = field(default_factory=dict)
    entry: ReshapeEntry | None = None

    @property
    def moving_artists(self) -> list[Any]:
        """The artists :meth:`update` changes."""
        return list(self.artists.values())

    def locate(self, i: int, j: int, k: int) -> ReshapeEntry:
        """The entry (i, j, k) (0-based) and its row n·i + j in the flattened matrix."""
        m, n, count = self.values.shape
        i = check_integer(i, "i", minimum=0, maximum=m - 1)
        j = check_integer(j, "j", minimum=0, maximum=n - 1)
        k = check_integer(k, "k", minimum=0, maximum=count - 1)
        return ReshapeEntry(i, j, k, n * i + j, float(self.values[i, j, k]))

    def update(self, i: int, j: int, k: int) -> ReshapeEntry:
        """Highlight entry (i, j, k) (0-based) in both drawings; return it."""
        entry = self.locate(i, j, k)
        count = self.values.shape[2]
        a = self.artists
        for p in range(count):      # one outline pair per slice: only slice k shows it
            for key, inset in ((f"cell{p}", 0.5), (f"cell_inner{p}", 0.42)):
                a[key].set_xy((entry.j - inset, entry.i - inset))
                a[key].set_visible(p == entry.k)
        a["row"].set_xy((-0.5, entry.row - 0.5))
        a["flat"].set_xy((entry.k - 0.5, entry.row - 0.5))
        a["flat_inner"].set_xy((entry.k - 0.42, entry.row - 0.42))
        a["arrow"].xy1 = (entry.j + 0.5, entry.i)
        a["arrow"].axesA = self.tensor.axes[entry.k]
        a["arrow"].xy2 = (-0.04 - 0.06 * len(self.name) - 0.07, entry.row)
        a["arrow"].stale = True
        self.entry = entry
        return entry

    def describe(self) -> str:
        """The status text of the highlighted entry."""
        if self.entry is None:
            return ""
        return self.entry.describe(self.name, self.variable, self.values.shape[1])


def _check_name(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value or len(value) > 12:
        raise TypeError(f"{name} must be a short non-empty string such as 'A', got "
                        f"{shown(value)}")
    from matplotlib.font_manager import FontProperties, findfont, get_font

    font = get_font(findfont(FontProperties()))
    if "$" in value or not all(c.isprintable() and font.get_char_index(ord(c)) for c in value):
        raise ValueError(f"{name} must use characters the figure's font can draw (letters, "
                         f"digits, Greek, sub- and superscripts; no '$'), got {shown(value)}")
    return value


@styled
def draw_reshape(T: Any, *, name: str = "A", variable: str = "x",
                 highlight: Sequence[int] | None = (0, 0, 0), decimals: int = 2,
                 figure: Figure | None = None) -> ReshapeView:
    """The slides' Approach 1 (the m×n×k tensor as k slices) beside Approach 2 (mn×k).

    Left: ∂A/∂x as k panels ∂A/∂x₁, ..., ∂A/∂x_k of m×n. Right: the same numbers flattened
    row-major (``np.reshape``, as :func:`lecture_utils.maths.jacobians.flatten_jacobian`):
    row n·i + j of the mn×k matrix is the entry A_ij, labelled ``A₁₁, A₁₂, A₂₁, ...``, column
    k is x_k. One entry (``highlight``, 0-based (i, j, k)) is outlined in both, with an arrow.

    Parameters
    ----------
    T : array_like
        The tensor, shape (m, n, k).
    name, variable : str
        The names in the labels (∂A/∂x₁, rows A_ij, columns x_k).
    highlight : (int, int, int) or None
        The entry outlined first (0-based), or ``None`` for no outline.
    decimals : int
        Digits written in the cells.
    figure : Figure, optional
        An empty figure to draw on (an explorer passes its own); a new one if ``None``.

    Returns
    -------
    ReshapeView
        ``.figure`` is the figure; ``.update(i, j, k)`` moves the highlight.

    Raises
    ------
    ValueError
        If ``T`` is not 3-d (names ``T`` and its shape) or ``highlight`` is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> view = draw_reshape(np.arange(24.0).reshape(4, 2, 3), highlight=(1, 0, 2))
    >>> view.entry.row, view.matrix.texts[2, 2].get_text()    # row 2·1 + 0
    (2, '8.00')
    >>> [t.get_text() for t in view.matrix.ax.get_yticklabels()][:3]
    ['A₁₁', 'A₁₂', 'A₂₁']
    """
    values = check_array(T, "T", ndim=3)
    name = _check_name(name, "name")
    variable = _check_name(variable, "variable")
    m, n, count = values.shape
    if figure is not None and not isinstance(figure, Figure):
        raise TypeError(f"figure must be an empty Matplotlib Figure or None, got "
                        f"{type(figure).__name__} {shown(figure)}")
    if figure is None:
        width = min(1.05, 0.3 + 0.1 * count * (n + 1) + 0.08 * count)  # ≤ 930 px cropped
        figure = new_figure(width_ratio=width, height_ratio=min(2.0, 0.45 + 0.16 * m * n))[0]
        figure.clear()
    left, right = figure.subfigures(1, 2, width_ratios=[count * (n + 0.8), count + 2.2],
                                    wspace=0.06)
    limit = symmetric_limit(values)
    slice_axes = list(left.subplots(1, count, squeeze=False).ravel())
    tensor = draw_tensor_slices(
        values, slice_axes, labels=[f"∂{name}/∂{variable}{subscript(c + 1)}" for c in range(count)],
        row_labels=[f"i={r + 1}" for r in range(m)], column_labels=[f"j={c + 1}" for c in range(n)],
        decimals=decimals, vmax=limit)
    left.suptitle(f"Approach 1: the {m}×{n}×{count} tensor, one slice per {variable}ₖ")
    matrix_ax = right.subplots()
    flat = values.reshape(m * n, count)
    matrix = draw_matrix(
        flat, matrix_ax, title="rows in row-major order",
        row_labels=[f"{name}{subscript(r + 1)}{subscript(c + 1)}" for r in range(m) for c in range(n)],
        column_labels=[f"{variable}{subscript(c + 1)}" for c in range(count)],
        decimals=decimals, vmax=limit)
    right.suptitle(f"Approach 2: flattened, {m * n}×{count}")
    grey = PALETTE["grey"]
    artists: dict[str, Any] = {
        "row": matrix_ax.add_patch(_outline((-0.5, -0.5), count, 1, grey, 1.6,
                                            linestyle="--")),
        "flat": matrix_ax.add_patch(_outline((-0.5, -0.5), 1, 1, "black", 4.0)),
        "flat_inner": matrix_ax.add_patch(_outline((-0.42, -0.42), 0.84, 0.84,
                                                   PALETTE["yellow"], 1.6)),
    }
    for p, ax in enumerate(slice_axes):
        artists[f"cell{p}"] = ax.add_patch(_outline((-0.5, -0.5), 1, 1, "black", 4.0))
        artists[f"cell_inner{p}"] = ax.add_patch(_outline((-0.42, -0.42), 0.84, 0.84,
                                                          PALETTE["yellow"], 1.6))
    # the arrow ends left of the row's label "A_ij" (x in axes fraction, y in data)
    arrow = ConnectionPatch((0.5, 0), (-0.2, 0), coordsA="data",
                            coordsB=matrix_ax.get_yaxis_transform(),
                            axesA=slice_axes[0], axesB=matrix_ax, arrowstyle="-|>",
                            color=PALETTE["vermillion"], linewidth=1.8, mutation_scale=16,
                            connectionstyle="arc3,rad=-0.15", zorder=7)
    artists["arrow"] = figure.add_artist(arrow)
    view = ReshapeView(figure, tensor, matrix, values, name, variable, artists)
    if highlight is None:
        for artist in artists.values():
            artist.set_visible(False)
        return view
    highlight = check_sequence(highlight, "highlight", what="indices (i, j, k)")
    if len(highlight) != 3:
        raise TypeError(f"highlight must be a 0-based index (i, j, k) or None, got "
                        f"{shown(highlight)}")
    view.update(*(check_integer(v, f"highlight {'ijk'[p]}", minimum=0,
                                maximum=values.shape[p] - 1) for p, v in enumerate(highlight)))
    return view
