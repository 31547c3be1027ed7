"""Drawing helpers for the gradient identities (layer 2): left side, right side, difference.

An identity check of :func:`lecture_utils.maths.identities.verify_identity` has two arrays of
the same shape: the derivative computed numerically (*left*) and the closed form (*right*).
:class:`IdentityView` draws them side by side as heat maps on one colour scale, with the
entries written in the cells when there are few, plus their difference on its own scale;
``update(check)`` moves new numbers into the existing images (what the identity explorer does
on a seed change; in a *fixed frame*, also on a size change: the images are resized inside
axes whose limits never change, so the explorer only redraws the images). :func:`identity_small_multiples` draws the same
panels for a few identities, the static counterpart for readers without a kernel.

Arrays are shown as matrices: a gradient row (1, n) as one row, a matrix G (m, n) as it is,
the 4-d tensor of a matrix function of a matrix, shape (n, n, n, n), flattened to
(n², n²) with rows (k, l) and columns (i, j) in row-major order (the slides' "Approach 2").

Examples
--------
>>> from lecture_utils.maths.identities import verify_identity
>>> view = IdentityView.draw(verify_identity("aT X b", 3, 0))
>>> [image.get_array().shape for image in view.images]
[(3, 3), (3, 3), (3, 3)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.text import Text

from ..maths.identities import IDENTITIES, IdentityCheck, verify_identity
from .base import new_figure
from ..style import PALETTE, styled

__all__ = ["IdentityView", "as_matrix", "entry_text", "identity_small_multiples", "short_layout"]

#: Heat maps with at most this many cells get their entries written in the cells.
MAX_ANNOTATED = 36
#: Colour maps: a diverging map for the values (0 is white), another for the difference.
VALUE_CMAP = "RdBu_r"
DIFFERENCE_CMAP = "PuOr_r"


def as_matrix(values: Any) -> np.ndarray:
    """An identity's array as a 2-d matrix to draw.

    A vector becomes one row, a matrix stays, a 4-d tensor of shape (a, b, c, d) becomes the
    (a·b) × (c·d) matrix with rows (k, l) and columns (i, j) in row-major order.

    Examples
    --------
    >>> import numpy as np
    >>> as_matrix(np.arange(3.0)).shape, as_matrix(np.zeros((2, 2, 2, 2))).shape
    ((1, 3), (4, 4))
    """
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        return array.reshape(1, -1)
    if array.ndim == 2:
        return array
    if array.ndim == 4:
        a, b, c, d = array.shape
        return array.reshape(a * b, c * d)
    raise ValueError(f"values must have 0, 1, 2 or 4 dimensions, got shape {array.shape}")


def entry_text(value: float) -> str:
    """A short text for a cell of a heat map (at most 5 characters for |value| < 1000).

    Examples
    --------
    >>> [entry_text(v) for v in (0.0, -0.1234, 12.345, 456.7, 1e-5)]
    ['0', '-0.12', '12.3', '457', '1e-05']
    """
    magnitude = abs(value)
    if magnitude == 0.0:
        return "0"
    if magnitude < 0.005:
        return f"{value:.0e}"
    if magnitude < 10:
        return f"{value:.2f}"
    if magnitude < 100:
        return f"{value:.1f}"
    if magnitude < 1000:
        return f"{value:.0f}"
    return f"{value:.0e}"


def _scale(*arrays: np.ndarray) -> float:
    largest = max(float(np.max(np.abs(a), initial=0.0)) for a in arrays)
    return largest if largest > 0.0 else 1.0


def _axis_labels(shape: tuple[int, ...]) -> tuple[str, str]:
    if len(shape) == 4:
        return "entry (k, l) of f", "(i, j) of X"
    if len(shape) == 2 and shape[0] == 1:
        return "", "j"
    return "i", "j"


def _readout(values: np.ndarray, difference: bool = False) -> str:
    largest = float(np.max(np.abs(values), initial=0.0))
    if difference:
        return "all 0" if largest == 0.0 else f"max {largest:.0e}"
    return f"max {largest:.3g}"


@dataclass
class IdentityView:
    """The three heat maps of one identity check: left (numerical), right (closed form),
    left − right; built by :meth:`draw`, moved by :meth:`update`.

    Attributes
    ----------
    axes : list of Axes
        Left, right, difference.
    images : list of AxesImage
        The three heat maps (left and right share one colour scale, symmetric about 0).
    annotations : list of list of Text
        The entries written in the cells of the left and right maps (empty lists when there
        are more cells than ``annotate`` allows).
    readouts : list of Text
        Under each panel title, the largest |entry| of the panel (the colour scale of the left
        and right maps runs from −max to +max of both).
    shape : tuple of int
        The shape of the arrays drawn.
    fixed_frame : bool
        Whether the axes run over the unit square whatever the shape (the matrix is drawn
        centred in it, as large as fits, without index ticks), so that :meth:`update` can
        show arrays of another shape without new axis limits.
    """

    axes: list[Axes]
    images: list[AxesImage]
    annotations: list[list[Text]]
    readouts: list[Text]
    shape: tuple[int, ...]
    fixed_frame: bool = False

    @classmethod
    @styled
    def draw(cls, check: IdentityCheck, axes: Sequence[Axes] | None = None,
             annotate: int = MAX_ANNOTATED, titles: Sequence[str] = ("left (numerical)",
                                                             "right (closed form)"),
             fixed_frame: bool = False) -> "IdentityView":
        """Draw the left side, the right side and their difference of ``check``.

        Parameters
        ----------
        check : IdentityCheck
            From :func:`lecture_utils.maths.identities.verify_identity`.
        axes : sequence of three Axes, optional
            Where to draw (a new 1 × 3 figure by default).
        annotate : int
            Write the entries in the cells of the left and right maps when there are at
            most this many cells (0: never).
        titles : (str, str)
            Titles of the left and right panels.
        fixed_frame : bool
            Draw in the unit square, without ticks or cell texts, so that arrays of another
            shape can follow by :meth:`update` (the explorer's size slider).

        Returns
        -------
        IdentityView

        Examples
        --------
        >>> from lecture_utils.maths.identities import verify_identity
        >>> view = IdentityView.draw(verify_identity("xT B x", 4, 1))
        >>> view.shape, len(view.annotations[0])
        ((1, 4), 4)
        >>> framed = IdentityView.draw(verify_identity("xT B x", 4, 1), fixed_frame=True)
        >>> framed.update(verify_identity("xT B x", 2, 1)); framed.images[0].get_extent()
        [0.0, 1.0, 0.75, 0.25]
        """
        if not isinstance(check, IdentityCheck):
            raise TypeError(f"check must be an IdentityCheck (from verify_identity), got "
                            f"{type(check).__name__}")
        if axes is None:
            _, axes = new_figure(1, 3, height_ratio=0.9)
        axes = list(axes)
        if len(axes) != 3:
            raise ValueError(f"axes must hold three Axes (left, right, difference), got "
                             f"{len(axes)}")
        left, right = as_matrix(check.left), as_matrix(check.right)
        difference = left - right
        rows, cols = left.shape
        ylabel, xlabel = _axis_labels(np.shape(check.left))
        images, annotations, panel_titles = [], [], []
        if fixed_frame:
            annotate = 0
        for index, (ax, values) in enumerate(zip(axes, (left, right, difference))):
            ax.grid(False)
            image = ax.imshow(values, cmap=VALUE_CMAP if index < 2 else DIFFERENCE_CMAP,
                              interpolation="nearest", extent=_extent(rows, cols, fixed_frame))
            ax.set_xlim(0, 1 if fixed_frame else cols)
            ax.set_ylim(1 if fixed_frame else rows, 0)
            ax.set_aspect("equal")
            ax.set_title(titles[index] if index < 2 else "left − right", fontsize="medium",
                         pad=17)
            images.append(image)
            panel_titles.append(ax.text(0.5, 1.015, "", transform=ax.transAxes, ha="center",
                                        va="bottom", fontsize="small",
                                        color=PALETTE["grey"] if index == 2 else "black"))
            cells: list[Text] = []
            if index < 2 and rows * cols <= annotate:
                size = "x-small" if cols > 4 else "small"
                for r in range(rows):
                    for c in range(cols):
                        cells.append(ax.text(c + 0.5, r + 0.5, "", ha="center", va="center",
                                             fontsize=size))
            if index < 2:
                annotations.append(cells)
            _index_ticks(ax, rows, cols, fixed_frame or len(np.shape(check.left)) == 4)
            ax.set_xlabel(xlabel, fontsize="small")
            if index == 0:
                ax.set_ylabel(ylabel, fontsize="small",
                              rotation=0 if len(ylabel) <= 2 else 90)
            for spine in ax.spines.values():
                spine.set_visible(True)
                spine.set_color(PALETTE["grey"])
        view = cls(axes, images, annotations, panel_titles, np.shape(check.left), fixed_frame)
        view.update(check)
        return view

    @property
    def moving_artists(self) -> list[Any]:
        """What :meth:`update` changes: the heat maps, the cell texts and the titles."""
        return [*self.images, *(t for cells in self.annotations for t in cells),
                *self.readouts]

    def update(self, check: IdentityCheck) -> None:
        """Show the numbers of another check (colour limits follow them); of another shape
        too if the view has a fixed frame.

        Raises
        ------
        ValueError
            If the check's arrays have another number of dimensions, or another shape and
            the view has no fixed frame (draw a new view then).
        """
        shape = np.shape(check.left)
        if np.shape(check.right) != shape or len(shape) != len(self.shape) or (
                shape != self.shape and not self.fixed_frame):
            raise ValueError(f"check must have arrays of shape {self.shape} (the view's), got "
                             f"{shape}; draw a new IdentityView (or one with fixed_frame=True "
                             "for other sizes)")
        self.shape = shape
        left, right = as_matrix(check.left), as_matrix(check.right)
        difference = left - right
        scale, limit = _scale(left, right), _scale(difference)
        extent = _extent(*left.shape, self.fixed_frame)
        for image, values, clim in zip(self.images, (left, right, difference),
                                       (scale, scale, limit)):
            image.set_data(values)
            image.set_extent(extent)
            image.set_clim(-clim, clim)
        for readout, values in zip(self.readouts, (left, right)):
            readout.set_text(_readout(values))
        self.readouts[2].set_text(_readout(difference, difference=True))
        cols = left.shape[1]
        for cells, values in zip(self.annotations, (left, right)):
            for k, text in enumerate(cells):
                value = float(values[k // cols, k % cols])
                text.set_text(entry_text(value))
                text.set_color("white" if abs(value) > 0.6 * scale else "black")


def short_layout(name: str) -> str:
    """The layout of an identity in a few words (for a panel label).

    Examples
    --------
    >>> short_layout("xT B x"), short_layout("aT X b")
    ('row, entry j = ∂/∂x_j', 'G_ij = ∂/∂X_ij')
    """
    layout = IDENTITIES[name].layout
    if layout.startswith("numerator"):
        return "row, entry j = ∂/∂x_j"
    if layout.startswith("tensor"):
        return "[k, l, i, j] = ∂f_kl/∂X_ij"
    return layout.split(" (")[0]


def _extent(rows: int, cols: int, fixed_frame: bool) -> tuple[float, float, float, float]:
    """Where a rows × cols matrix is drawn: its own cells, or centred in the unit square."""
    if not fixed_frame:
        return (0.0, float(cols), float(rows), 0.0)
    cell = 1.0 / max(rows, cols)
    x0, y0 = (1.0 - cols * cell) / 2, (1.0 - rows * cell) / 2
    return (x0, x0 + cols * cell, y0 + rows * cell, y0)


def _index_ticks(ax: Axes, rows: int, cols: int, tensor: bool) -> None:
    """Ticks 1..n at the cells (none for flattened tensors, which have too many)."""
    if tensor or rows > 8 or cols > 8:
        ax.set_xticks([])
        ax.set_yticks([])
        return
    ax.set_xticks(np.arange(cols) + 0.5, [str(c + 1) for c in range(cols)], fontsize="x-small")
    ax.set_yticks(np.arange(rows) + 0.5, [str(r + 1) for r in range(rows)], fontsize="x-small")
    ax.tick_params(length=0)


@styled
def identity_small_multiples(names: Sequence[str] = ("aT X^-1 b", "xT B x",
                                                     "(x-As)T W (x-As), any W"),
                             size: int = 3, seed: int = 0) -> Figure:
    """Static counterpart of the identity explorer: left, right and difference per identity.

    One row of three heat maps per identity (numerical left side, closed form, their
    difference on its own scale); the row's label names the identity, its layout and
    whether it holds.

    Parameters
    ----------
    names : sequence of str
        Keys of :data:`lecture_utils.maths.identities.IDENTITIES` (1 to 5).
    size : int
        The size of every dimension (1 to 6).
    seed : int
        The seed of the random inputs.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = identity_small_multiples(["aT x", "aT X b"], size=2)
    >>> len(fig.axes)
    6
    """
    from .._validation import check_integer, check_sequence

    names = check_sequence(names, "names", minimum=1, maximum=5, what="identities") \
        if not isinstance(names, str) else [names]
    for name in names:
        if not isinstance(name, str) or name not in IDENTITIES:
            raise ValueError(f"names must be keys of IDENTITIES ({', '.join(IDENTITIES)}), "
                             f"got {name!r}")
    size = check_integer(size, "size", minimum=1, maximum=6)
    seed = check_integer(seed, "seed", minimum=0)
    checks = [verify_identity(name, size, np.random.default_rng(seed)) for name in names]
    heights = [max(as_matrix(check.left).shape[0], 1.6) for check in checks]
    fig, axes = new_figure(len(names), 3, height_ratio=0.2 * sum(heights) + 0.35,
                           gridspec_kw={"height_ratios": heights})
    for row, (name, check) in enumerate(zip(names, checks)):
        view = IdentityView.draw(check, axes[3 * row: 3 * row + 3])
        layout = short_layout(name)
        view.axes[0].set_ylabel(f"{name}\n{layout}\nholds: {check.holds}\n\n"
                                + view.axes[0].get_ylabel(), fontsize="small", rotation=90)
    fig.suptitle(f"Numerical derivative (left) vs closed form (right), random inputs of size "
                 f"{size}, seed {seed}", fontsize="medium")
    return fig
