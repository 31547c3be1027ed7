"""The reshape explorer of notebook 04: one entry of a Jacobian tensor and its place in the matrix."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np

from .._validation import check_integer
from ..figures.base import new_figure
from .base import Explorer, figure_px


class ReshapeExplorer(Explorer):
    """An explorer of the reshape between the tensor ∂A/∂x and the flattened matrix.

    The slides' Approach 1 (an m×n×k tensor ∂A/∂x as k slices) beside Approach 2 (the
    flattened mn×k matrix): three sliders choose the entry ∂A_ij/∂x_k, which is outlined in
    its slice and in the flattened matrix (row n·(i−1) + j, counting from 1), with an arrow.

    The heat maps are drawn once; a slider move only moves the outlines and the arrow
    (see :class:`lecture_utils.figures.jacobians.ReshapeView`).

    Parameters
    ----------
    T : array_like
        The tensor of shape (m, n, k), e.g. ``numerical_jacobian(A, x)`` for A(x) ∈ R^{m×n},
        x ∈ R^k (at least 2 along each axis).
    entry : (int, int, int)
        The entry (i, j, k) shown first, counting from 1 like the slides.
    name, variable : str
        The names in the labels.

    Examples
    --------
    >>> import numpy as np
    >>> e = reshape_explorer(np.arange(24.0).reshape(4, 2, 3))
    >>> e.i.value = 2                    # ∂A₂₁/∂x₁ = T[1, 0, 0] sits in row 2·1 + 0 = 2
    >>> e.entry.row, "T[1, 0, 0]" in e.status_text
    (2, True)
    """

    css_name = "reshape-explorer"

    def __init__(self, T: Any, entry: Any = (1, 1, 1), *, name: str = "A", variable: str = "x"):
        from .._validation import check_array
        from ..figures.jacobians import draw_reshape

        values = check_array(T, "T", ndim=3)
        if isinstance(entry, (str, bytes)) or not hasattr(entry, "__len__") \
                or isinstance(entry, np.ndarray) and entry.ndim == 0 or len(entry) != 3:
            raise TypeError(f"entry must be a 1-based index (i, j, k), got {entry!r}")
        m, n, count = values.shape
        i, j, k = (check_integer(v, label, minimum=1, maximum=top)
                   for v, label, top in zip(entry, ("entry i", "entry j", "entry k"),
                                            (m, n, count)))
        for size, label in ((m, "m"), (n, "n"), (count, "k")):
            if size < 2:
                raise ValueError(f"T must have at least 2 indices along each axis (a slider "
                                 f"needs two positions), got shape {values.shape} ({label} = {size})")
        self.i = self._slider(widgets.IntSlider, f"row i of {name}", i, min=1, max=m)
        self.j = self._slider(widgets.IntSlider, f"column j of {name}", j, min=1, max=n)
        self.k = self._slider(widgets.IntSlider, f"slice k ({variable}ₖ)", k, min=1, max=count)
        figure = new_figure(layout=None, **figure_px((900, 450), (830, 390)))[0]
        figure.clear()
        self.view = draw_reshape(values, name=name, variable=variable,
                                 highlight=(i - 1, j - 1, k - 1), figure=figure)
        self._assemble("Approach 1 ↔ Approach 2: where ∂A_ij/∂x_k goes when flattened",
                       self.view.figure, [self.i, self.j, self.k], self.view.moving_artists)
        self._watch(self._on_move, self.i, self.j, self.k)
        self._guard(self._on_move)()

    def _on_move(self, change: Any = None) -> None:
        self.entry = self.view.update(self.i.value - 1, self.j.value - 1, self.k.value - 1)
        self.redraw()
        self.show_message(self.view.describe())


#: The name the notebooks use (one entry point: the class itself).
reshape_explorer = ReshapeExplorer
