"""The gradient-field explorer of notebook 03: the gradient at a point and a direction."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
import sympy

from .._validation import check_real_number
from ..figures.base import expression_text, new_figure
from ..figures.gradients import GradientFieldView, gradient_function
from ..maths.catalogue import GRADIENT_FUNCTIONS
from .base import Explorer, FunctionPicker, figure_px, slider_layout, slider_style
from .canvas import Blitter


class GradientFieldExplorer(Explorer):
    """An explorer of the gradient on a contour plot: move the point and the direction u.

    Contour lines of f(x1, x2); at a point moved by two sliders, the gradient (a row vector
    drawn as the arrow ∇fᵀ), the tangent of the contour line, and the directional derivative
    ∇f u along the unit vector u = [cos θ, sin θ]ᵀ.

    What depends on the function — its values on the grid, the contour lines, the symbolic
    gradient (``sympy.diff`` per variable, vectorised once) — is computed when the function
    changes; a slider move evaluates the gradient at one point and redraws only the moving
    artists (point, arrows, tangent segment).

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function of x1 and x2 (drop-down: a quadratic bowl, an elongated bowl, a
        saddle, sin x1 · cos x2, a Rosenbrock-like valley; or typed, where x and y may stand
        for x1 and x2).
    point : (float, float)
        Initial point (x1, x2) in [-3, 3]².
    angle : float
        Initial angle θ of the direction u = [cos θ, sin θ]ᵀ, in degrees (0 to 355; the
        slider moves in steps of 5°).

    Examples
    --------
    >>> e = gradient_field_explorer("x1^2 + 2*x2^2", point=(1.0, 0.5))
    >>> e.angle.value = 90.0            # u = [0, 1]ᵀ: ∇f u = ∂f/∂x2 = 4·x2
    >>> "∇f u = 2.000" in e.status_text
    True
    """

    css_name = "gradient-field-explorer"
    variables = ("x1", "x2")

    def __init__(self, f: str | sympy.Expr = "x1^2 + 2*x2^2", point: Any = (1.0, 0.5),
                 angle: float = 0.0, x_range: tuple[float, float] = (-3.0, 3.0),
                 y_range: tuple[float, float] = (-3.0, 3.0)):
        from ..figures.base import check_point, check_range

        x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
        x1, x2 = check_point(point, "point")
        if not (x_range[0] <= x1 <= x_range[1] and y_range[0] <= x2 <= y_range[1]):
            raise ValueError(f"point must lie in x_range × y_range = {x_range} × {y_range}, "
                             f"got {(x1, x2)}")
        angle = check_real_number(angle, "angle")
        if not 0.0 <= angle <= 355.0:  # the slider's range: 360° would be 0° again
            raise ValueError(f"angle must be in degrees between 0 and 355, got {angle:g}")
        if not isinstance(f, (str, sympy.Expr)):
            raise TypeError(f"f must be a SymPy expression or a string such as 'x1^2 + 2*x2^2', "
                            f"got {type(f).__name__} {f!r}")
        self._x_range, self._y_range = x_range, y_range
        self.picker = FunctionPicker(GRADIENT_FUNCTIONS, f if isinstance(f, str) else str(f),
                                     variables=self.variables, aliases={"x": "x1", "y": "x2"},
                                     description="or type f(x1, x2)",
                                     placeholder="e.g. x1^2 + x1*x2 (x, y mean x1, x2)")
        slider = {"step": 0.05, "readout_format": ".2f", "style": slider_style(),
                  "layout": slider_layout()}
        self.x1 = widgets.FloatSlider(value=x1, min=x_range[0], max=x_range[1], description="x₁",
                                      **slider)
        self.x2 = widgets.FloatSlider(value=x2, min=y_range[0], max=y_range[1], description="x₂",
                                      **slider)
        self.angle = widgets.FloatSlider(value=angle, min=0.0, max=355.0, step=5.0,
                                         description="direction θ (°)", readout_format=".0f",
                                         style=slider_style(), layout=slider_layout())
        figure, (ax,) = new_figure(layout=None, **figure_px((760, 400), (800, 330)))
        self._set_function(self.picker.expression())
        self.view = self._draw_view(ax)
        self._assemble("Gradient field: ∇fᵀ is orthogonal to the contour line where ∇f ≠ 0", figure,
                       [self.picker.widget, self.x1, self.x2, self.angle],
                       self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        for control in (self.x1, self.x2, self.angle):
            control.observe(self._guard(self._on_move), names="value")
        self._guard(self._on_move)()

    def _set_function(self, expression: sympy.Expr) -> None:
        """Compute what depends on the function: the NumPy function and its symbolic gradient."""
        from ..maths.parser import to_numpy_function

        function = to_numpy_function(expression, self.variables)
        gradient = gradient_function(expression, self.variables)
        self._expression, self._f, self._gradient = expression, function, gradient

    def _draw_view(self, ax: Any) -> GradientFieldView:
        return GradientFieldView.draw(
            self._f, self._gradient, (self.x1.value, self.x2.value), self.angle.value,
            self._x_range, self._y_range, ax=ax,
            title=f"f(x₁, x₂) = {expression_text(self._expression)}")

    def _on_function(self, change: Any = None) -> None:
        self._set_function(self.picker.expression())  # may raise: the old function stays
        ax = self.view.ax
        ax.cla()
        self.view = self._draw_view(ax)
        self.blitter.disconnect()
        self.blitter = Blitter(self.canvas, self.view.moving_artists)
        self._on_move()  # the new blitter has no cached picture yet: a full draw

    def _on_move(self, change: Any = None) -> None:
        state = self.view.update((self.x1.value, self.x2.value), self.angle.value)
        self.state = state
        self.redraw()
        x1, x2 = state.point
        where = f"at x = ({x1:.2f}, {x2:.2f})"
        if not state.defined:
            raise ValueError(f"f(x₁, x₂) = {expression_text(self._expression)} or its gradient is "
                             f"not defined {where} (a log or sqrt of a negative number, or a "
                             "division by zero?); move the point")
        g1, g2 = state.gradient[0]
        u1, u2 = state.direction
        text = (f"{where}: f = {state.value:.3f},  ∇f = [{g1:.3f}, {g2:.3f}],  "
                f"u = [{u1:.3f}, {u2:.3f}]ᵀ,  ∇f u = {state.directional:.3f}")
        if not np.all(np.isfinite(state.tangent)):
            # no "the tangent": the contour through the point may be the point alone (a
            # minimum), two crossing lines (the saddle x1² − x2²: x2 = ±x1) or a curve (x1³)
            text += ("  — ∇f = 0, a stationary point: there is no gradient direction, and the "
                     "contour through the point need not have a unique tangent")
        self.show_message(text)


#: The name the notebooks use (one entry point: the class itself).
gradient_field_explorer = GradientFieldExplorer
