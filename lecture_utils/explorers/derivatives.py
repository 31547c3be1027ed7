"""The secant explorer of notebook 01: drag x and δx and watch the secant turn into the tangent."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import sympy

from .._validation import check_real_number
from ..figures.base import expression_text, new_figure
from ..figures.derivatives import SecantView
from ..maths.catalogue import SECANT_FUNCTIONS
from .base import Explorer, FunctionPicker, figure_px, legend_above
from .canvas import Blitter


class SecantExplorer(Explorer):
    """An explorer of the difference quotient: the secant through x and x + δx, and the tangent.

    Sliders for x and δx: the secant through x and x + δx turns into the tangent at x.

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function of x (one of the drop-down's or any text the parser accepts).
    x : float
        Initial point.
    dx : float
        Initial δx > 0 (the slider is logarithmic, from 0.001 to 2).

    Examples
    --------
    >>> e = secant_explorer("x^2", x=1.0, dx=0.5)
    >>> e.dx.value = 0.001
    >>> "f'(x) = 2.000000" in e.status_text
    True
    """

    css_name = "secant-explorer"

    def __init__(self, f: str | sympy.Expr = "x^3/3 - x", x: float = 0.5, dx: float = 1.5,
                 x_range: tuple[float, float] = (-2.5, 2.5)):
        x = check_real_number(x, "x")
        dx = check_real_number(dx, "dx", positive=True)
        if not x_range[0] + 0.5 <= x <= x_range[1] - 0.5:
            raise ValueError(f"x must be between {x_range[0] + 0.5:g} and {x_range[1] - 0.5:g} "
                             f"(the slider's range), got {x:g}")
        self.picker = FunctionPicker(SECANT_FUNCTIONS, f if isinstance(f, str) else str(f))
        self._x_range = x_range
        self.x = self._slider(widgets.FloatSlider, "x", x, min=x_range[0] + 0.5,
                              max=x_range[1] - 0.5, step=0.05, readout_format=".2f")
        self.dx = self._slider(widgets.FloatLogSlider, "δx", dx, base=10, min=-3, max=0.3,
                               step=0.05, readout_format=".3g")
        figure, (ax,) = new_figure(layout=None, **figure_px((790, 430), (830, 360)))
        self._set_function(self.picker.expression())
        self.view = SecantView.draw(self._f, self._dfdx, x, dx, x_range=x_range, ax=ax,
                                    show_info=False)
        legend_above(self.view.ax)  # the secant and tangent turn everywhere: none inside
        self._assemble("Secant → tangent: move δx towards 0", figure,
                       [self.picker.widget, self.x, self.dx], self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        self._watch(self._on_move, self.x, self.dx)
        self._on_move()

    def _set_function(self, expression: sympy.Expr) -> None:
        from ..maths.parser import to_numpy_function

        self._expression = expression
        self._f = to_numpy_function(expression)
        self._dfdx = to_numpy_function(sympy.diff(expression, sympy.Symbol("x")))

    def _on_function(self, change: Any = None) -> None:
        self._set_function(self.picker.expression())
        ax = self.view.ax
        ax.cla()
        self.view = SecantView.draw(self._f, self._dfdx, self.x.value, self.dx.value,
                                    x_range=self._x_range, ax=ax, show_info=False)
        legend_above(ax)
        self.blitter.disconnect()
        self.blitter = Blitter(self.canvas, self.view.moving_artists)
        self._on_move()  # the new blitter has no cached picture yet: a full draw

    def _on_move(self, change: Any = None) -> None:
        slope, exact = self.view.update(self.x.value, self.dx.value)
        self.show_message(f"f(x) = {expression_text(self._expression)}:  δy/δx = {slope:.6f},  f'(x) = {exact:.6f},"
                          f"  difference {abs(slope - exact):.2e}")
        self.redraw()


#: The name the notebooks use (one entry point: the class itself).
secant_explorer = SecantExplorer
