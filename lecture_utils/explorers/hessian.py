"""The multivariate Taylor explorer (layer 3): f, T_n and |f − T_n| as live colour maps.

Sliders choose the order n (0–3) and the expansion point (x₀, y₀); a drop-down or a text box
chooses f(x, y). What is computed when:

* a new function — the symbolic derivative tensors up to order 3 (once, compiled to one NumPy
  function), f on the grid, the colour scales, and a full redraw;
* a new expansion point — the derivative tensors at that point (one call of the compiled
  function), the four terms D^k f(x0)[δ^k]/k! on the grid, their partial sums T_0 … T_3 and
  the errors |f − T_n| (all cached);
* a new order — nothing: the cached T_n and error grids go into the images (``set_data``)
  and only the moving artists are blitted.

Examples
--------
>>> e = multivariate_taylor_explorer("x^2 + 2*x*y + y^3", point=(1.0, 2.0), order=1)
>>> e.order.value = 3                            # what a slider move does
>>> e.status_text.startswith("T₃ at (x₀, y₀) = (1.00, 2.00)")
True
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
import sympy

from .._text import subscript
from .._validation import check_integer
from ..figures.hessian import TaylorMapView
from ..maths.multivariate_taylor import MultivariateTaylor
from ..figures.base import check_point, check_range, expression_text, new_figure
from .base import Explorer, FunctionPicker, figure_px

__all__ = ["MULTIVARIATE_TAYLOR_FUNCTIONS", "MultivariateTaylorExplorer",
           "multivariate_taylor_explorer"]

#: Functions of (x, y) in the drop-down: the slides' example first (a cubic: T₃ = f), then
#: smooth functions whose Taylor polynomials never become exact.
MULTIVARIATE_TAYLOR_FUNCTIONS: dict[str, str] = {
    "slides: x² + 2xy + y³": "x^2 + 2*x*y + y^3",
    "sin x · cos y": "sin(x)*cos(y)",
    "Gaussian exp(−x² − y²)": "exp(-x^2 - y^2)",
    "exp(x/2) · sin y": "exp(x/2)*sin(y)",
    "log(1 + x² + y²)": "log(1 + x^2 + y^2)",
}

#: The status line reports the largest error within this distance of x0.
NEAR = 0.5


class MultivariateTaylorExplorer(Explorer):
    """An explorer of the Taylor polynomials T_0 … T_3 of a function of (x, y).

    Order and expansion-point sliders; f, T_n and |f − T_n| side by side.

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function of x and y (drop-down: the slides' x² + 2xy + y³, sin x · cos y, a
        Gaussian, exp(x/2) · sin y, log(1 + x² + y²); or typed).
    point : (float, float)
        Initial expansion point (x₀, y₀) in [-3, 3]².
    order : int
        Initial order, 0 to 3.

    Examples
    --------
    >>> e = multivariate_taylor_explorer("sin(x)*cos(y)", point=(0.0, 0.0), order=3)
    >>> e.x0.value = 0.5
    >>> e.status_text.startswith("T₃ at (x₀, y₀) = (0.50, 0.00):  f(x₀) = 0.479")
    True
    """

    css_name = "multivariate-taylor-explorer"
    variables = ("x", "y")
    max_order = 3

    def __init__(self, f: str | sympy.Expr = "x^2 + 2*x*y + y^3", point: Any = (1.0, 2.0),
                 order: int = 1, *, x_range: tuple[float, float] = (-3.0, 3.0),
                 y_range: tuple[float, float] = (-3.0, 3.0), resolution: int = 121):
        x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
        x0, y0 = check_point(point, "point")
        if not (x_range[0] <= x0 <= x_range[1] and y_range[0] <= y0 <= y_range[1]):
            raise ValueError(f"point must lie in x_range × y_range = {x_range} × {y_range}, "
                             f"got {(x0, y0)}")
        order = check_integer(order, "order", minimum=0, maximum=self.max_order)
        resolution = check_integer(resolution, "resolution", minimum=20, maximum=400)
        if not isinstance(f, (str, sympy.Expr)):
            raise TypeError(f"f must be a SymPy expression or a string such as "
                            f"'x^2 + 2*x*y + y^3', got {type(f).__name__} {f!r}")
        self.picker = FunctionPicker(MULTIVARIATE_TAYLOR_FUNCTIONS,
                                     f if isinstance(f, str) else str(f).replace("**", "^"),
                                     variables=self.variables, description="or type f(x, y)",
                                     placeholder="e.g. x^2*y + sin(x*y)")
        self.order = self._slider(widgets.IntSlider, "order n", order, min=0, max=self.max_order,
                                  continuous_update=True)
        slider = {"step": 0.1, "readout_format": ".2f", "continuous_update": True}
        self.x0 = self._slider(widgets.FloatSlider, "x₀", x0, min=x_range[0], max=x_range[1],
                               **slider)
        self.y0 = self._slider(widgets.FloatSlider, "y₀", y0, min=y_range[0], max=y_range[1],
                               **slider)
        self._X, self._Y = np.meshgrid(np.linspace(*x_range, resolution),
                                       np.linspace(*y_range, resolution))
        self._set_function(self.picker.expression())
        figure, axes = new_figure(1, 3, layout=None, **figure_px((920, 330), (830, 320)))
        self.view = TaylorMapView.draw(self._f_grid, x_range, y_range, axes,
                                       variables=self.variables, title=self._title())
        self._point: tuple[float, float] | None = None
        self._assemble("Multivariate Taylor polynomials: f, Tₙ and the error |f − Tₙ|", figure,
                       [self.picker.widget, self.order, self.x0, self.y0],
                       self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        self._watch(self._on_order, self.order)
        self._watch(self._on_point, self.x0, self.y0)
        self._guard(self._on_point)()

    # ---------------------------------------------------------------- computations ----
    def _set_function(self, expression: sympy.Expr) -> None:
        """Per function: symbolic derivatives (compiled once) and f on the grid."""
        from ..maths.parser import to_numpy_function

        taylor = MultivariateTaylor(expression, self.variables, max_order=self.max_order)
        f_grid = to_numpy_function(expression, self.variables)(self._X, self._Y)
        f_grid[~np.isfinite(f_grid)] = np.nan
        self.taylor, self._expression, self._f_grid = taylor, expression, f_grid

    def _title(self) -> str:
        return f"f(x, y) = {expression_text(self._expression)}"

    def _expand(self, point: tuple[float, float]) -> None:
        """Per expansion point: derivative tensors, then T_0..T_3 and the errors on the grid."""
        self.tensors = self.taylor.coefficients(point)     # may raise: the old picture stays
        with np.errstate(all="ignore"):
            terms = self.taylor.term_grids(point, self._X, self._Y, tensors=self.tensors)
            self._partial_sums = np.cumsum(terms, axis=0)
            self._errors = np.abs(self._f_grid - self._partial_sums)
        near = np.hypot(self._X - point[0], self._Y - point[1]) <= NEAR
        with np.errstate(all="ignore"):
            self._near_errors = [float(np.nanmax(e[near])) if np.any(np.isfinite(e[near]))
                                 else float("nan") for e in self._errors]
        self._point = point

    # ------------------------------------------------------------------- callbacks ----
    def _on_function(self, change: Any = None) -> None:
        old = (self.taylor, self._expression, self._f_grid)
        self._set_function(self.picker.expression())     # may raise: the old function stays
        try:
            self._expand((self.x0.value, self.y0.value))
        except ValueError:
            self.taylor, self._expression, self._f_grid = old
            raise
        self.view.set_function(self._f_grid, self._title())
        self._show(full=True)

    def _on_point(self, change: Any = None) -> None:
        self._expand((self.x0.value, self.y0.value))
        self._show()

    def _on_order(self, change: Any = None) -> None:
        if self._point is None:      # the point was never expanded (an error): try again
            self._expand((self.x0.value, self.y0.value))
        self._show()

    def _show(self, full: bool = False) -> None:
        n = self.order.value
        point = self._point
        self.view.update(self._partial_sums[n], self._errors[n], point, n)
        self.redraw(full=full)
        D = self.tensors
        text = (f"T{subscript(n)} at (x₀, y₀) = ({point[0]:.2f}, "
                f"{point[1]:.2f}):  f(x₀) = {float(D[0]):.3f},  ∇f = [{D[1][0]:.3f}, "
                f"{D[1][1]:.3f}],  H = [[{D[2][0, 0]:.3f}, {D[2][0, 1]:.3f}], "
                f"[{D[2][1, 0]:.3f}, {D[2][1, 1]:.3f}]];  max |f − Tₙ| within "
                f"‖δ‖ ≤ {NEAR:g}: {self._near_errors[n]:.2e}")
        self.show_message(text)


#: The name the notebooks use (one entry point: the class itself).
multivariate_taylor_explorer = MultivariateTaylorExplorer
