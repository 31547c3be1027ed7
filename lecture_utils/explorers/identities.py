"""The identity verifier of notebook 05: both sides of a gradient identity on random matrices."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np

from .._validation import check_integer
from ..figures.base import new_figure
from .base import Explorer, figure_px, slider_style
from .canvas import Blitter


class IdentityExplorer(Explorer):
    """An interactive verifier of the slides' gradient identities.

    Pick a gradient identity, a size and a seed: the numerical left side, the closed-form
    right side and their difference as heat maps, and the check's numbers in the status line.

    A seed or size change computes the check for new random inputs and moves the numbers
    into the existing images, which sit in fixed frames (the unit square), so only the images
    and their readouts are redrawn (the size is named in the status line); an identity change
    draws the panels anew (other axis labels).

    Parameters
    ----------
    name : str
        Initial identity, a key of :data:`lecture_utils.maths.identities.IDENTITIES`.
    size : int
        Initial size n of every dimension (1 to 6).
    seed : int
        Initial seed of the random inputs (0 to 99).

    Examples
    --------
    >>> e = identity_explorer("xT B x", size=4)
    >>> e.seed.value = 7                 # what a slider move does
    >>> e.status_text.endswith("holds: True")
    True
    """

    css_name = "identity-explorer"

    def __init__(self, name: str = "aT X^-1 b", size: int = 3, seed: int = 0,
                 max_size: int = 6):
        from ..figures.identities import IdentityView
        from ..maths.identities import IDENTITIES

        if not isinstance(name, str) or name not in IDENTITIES:
            raise ValueError(f"name must be one of {', '.join(repr(k) for k in IDENTITIES)}, "
                             f"got {name!r}")
        self.max_size = check_integer(max_size, "max_size", minimum=2, maximum=8)
        size = check_integer(size, "size", minimum=1, maximum=self.max_size)
        seed = check_integer(seed, "seed", minimum=0, maximum=99)
        self.identity = widgets.Dropdown(options=list(IDENTITIES), value=name,
                                         description="identity", style=slider_style())
        self.size = self._slider(widgets.IntSlider, "size n", size, min=1, max=self.max_size)
        self.seed = self._slider(widgets.IntSlider, "seed", seed, min=0, max=99)
        self.formula = widgets.HTMLMath(layout=widgets.Layout(min_height="2.6em"))
        figure, axes = new_figure(1, 3, layout=None, **figure_px((900, 380), (830, 320)))
        self.check = self._verify()
        self.view = IdentityView.draw(self.check, axes, fixed_frame=True)
        self.heading = figure.suptitle("", fontsize="medium")
        self._set_heading()  # before the layout: it makes room for the heading
        self._assemble("Gradient identities: numerical derivative vs closed form", figure,
                       [self.identity, self.formula, self.size, self.seed],
                       self.view.moving_artists)
        self._watch(self._on_identity, self.identity)
        self._watch(self._on_numbers, self.size, self.seed)
        self._set_heading()
        self._show()

    def _set_heading(self) -> None:
        from ..figures.identities import short_layout

        name = self.identity.value
        self.heading.set_text(f"{name}    (layout: {short_layout(name)})")  # n: status line

    def _verify(self) -> Any:
        from ..maths.identities import verify_identity

        arguments = (self.identity.value, self.size.value)
        try:  # the complex step alone: the same left side as "auto", without its cross-check
            return verify_identity(*arguments, np.random.default_rng(self.seed.value),
                                   method="complex-step")
        except ValueError:
            return verify_identity(*arguments, np.random.default_rng(self.seed.value))

    def _on_identity(self, change: Any = None) -> None:
        from ..figures.identities import IdentityView

        check = self._verify()  # may raise: the old picture stays
        self.check = check
        for ax in self.view.axes:
            ax.cla()
        self.view = IdentityView.draw(check, self.view.axes, fixed_frame=True)
        self.blitter.disconnect()
        self.blitter = Blitter(self.canvas, self.view.moving_artists)
        self._set_heading()
        self._show(full=True)

    def _on_numbers(self, change: Any = None) -> None:
        check = self._verify()  # may raise: the old picture stays
        self.check = check
        self.view.update(check)
        self._show()

    def _show(self, full: bool = False) -> None:
        from ..maths.identities import IDENTITIES

        entry, check = IDENTITIES[self.identity.value], self.check
        requires = f"; needs {entry.requires}" if entry.requires else ""
        self.formula.value = (f"${entry.latex}$ &nbsp; <small>({html.escape(entry.shapes)}; "
                              f"{html.escape(entry.layout)}{html.escape(requires)})</small>")
        self.redraw(full=full)
        shape = "×".join(str(s) for s in np.shape(check.left))
        relation = "≤" if check.holds else ">"
        self.show_message(
            f"{check.name}, n = {self.size.value}, seed {self.seed.value}: shape {shape}, "
            f"max |left| = {float(np.max(np.abs(check.left))):.3g}, relative error "
            f"{check.error:.1e} {relation} tolerance {check.tolerance:.1e} → holds: {check.holds}")


#: The name the notebooks use (one entry point: the class itself).
identity_explorer = IdentityExplorer
