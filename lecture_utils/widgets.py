"""Explorers (layer 3): ipywidgets controls wired to the views of :mod:`lecture_utils.plotting`.

A control change updates artist data and redraws the existing ipympl canvas; nothing that
did not change is recomputed (the function's values on the grid are computed when the
function changes, Taylor coefficients when the function or the expansion point changes, and
an order change only evaluates a prefix of the coefficients). Errors raised by a callback —
a typed function that does not parse, an expansion point where the function is not
analytic — are shown in the explorer's status line, and the explorer keeps working.

Typed text goes through :func:`lecture_utils.parse_function`, a whitelist parser: nothing a
student types is ever evaluated as Python, so the explorers are safe to serve read-only.

Examples
--------
>>> explorer = taylor_explorer("exp(x)", order=3)
>>> explorer.order.value = 5            # what a slider move does
>>> explorer.status_text.startswith("T₅")
True
"""

from __future__ import annotations

import base64
import functools
import html
import io
import warnings
from typing import Any, Callable, Mapping

import ipywidgets as widgets
import numpy as np
import sympy
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from . import style
from ._validation import check_integer, check_real_number
from .catalogue import GRADIENT_FUNCTIONS, SECANT_FUNCTIONS, TAYLOR_FUNCTIONS
from .plotting import (GradientFieldView, SecantView, TaylorView, evaluate_quietly,
                       expression_text, gradient_function, new_figure)

TYPED = "typed below…"


class FastCanvas(Canvas):
    """ipympl's canvas widget, sending each update as a PNG compressed at zlib level 1.

    Matplotlib's WebAgg core sends the changed pixels of every redraw as a PNG made with
    Pillow's default compression; for a 900 × 400 figure that encoding alone takes about
    30 ms of a slider move. Level 1 takes a third of that, and the mostly transparent diff
    images stay small. The method is Matplotlib's ``get_diff_image`` with only the
    ``compress_level`` added.
    """

    def get_diff_image(self) -> bytes | None:
        if not self._png_is_old:
            return None
        pixels = np.asarray(self.get_renderer().buffer_rgba())
        buffer = pixels.view(np.uint32).squeeze(2)
        if (self._force_full or buffer.shape != self._last_buff.shape
                or (pixels[:, :, 3] != 255).any()):
            self.set_image_mode("full")
            output = buffer
        else:
            self.set_image_mode("diff")
            output = np.where(buffer != self._last_buff, buffer, 0)
        self._last_buff = buffer.copy()
        self._force_full = False
        self._png_is_old = False
        data = output.view(dtype=np.uint8).reshape((*output.shape, 4))
        with io.BytesIO() as png:
            Image.fromarray(data).save(png, format="png", compress_level=1)
            return png.getvalue()


def make_canvas(figure: Figure) -> Any:
    """Attach an ipympl canvas to ``figure`` (made without ``pyplot``) and return it.

    The canvas is a widget: put it in a box; ``canvas.draw()`` re-renders the figure and
    sends only the changed pixels to the browser.
    """
    canvas = FastCanvas(figure)
    with warnings.catch_warnings():
        # ipympl's Toolbar passes the canvas on to traitlets, which warns (ipympl 0.10).
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="traitlets")
        FigureManager(canvas, 0)
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.toolbar_position = "right"
    return canvas


def _slider_layout() -> widgets.Layout:
    return widgets.Layout(width="760px" if style.is_presentation() else "520px")


def _status_css() -> str:
    return f"font-family: monospace; font-size: {'1.5em' if style.is_presentation() else '1.1em'};"


_PRESENTATION_CSS = (
    "<style>.lu-presentation { font-size: 150%; } "
    ".lu-presentation .widget-label, .lu-presentation .widget-readout, "
    ".lu-presentation input, .lu-presentation select, .lu-presentation button "
    "{ font-size: 1.35em !important; line-height: 1.4; height: auto; }</style>")


def _slider_style() -> dict[str, str]:
    return {"description_width": "160px" if style.is_presentation() else "110px"}


class Blitter:
    """Redraw only the moving artists of a figure, over a cached picture of the rest.

    The moving artists are marked *animated*, so a full draw (first display, a resize, new
    axis limits) paints everything else; right after it the picture is cached and the moving
    artists are painted on top. :meth:`update` restores the cached picture, paints the moving
    artists and sends the changed pixels: no ticks, labels or legends are laid out again on a
    slider move.

    Until the browser has started the canvas (ipympl's ``initialized`` message), nothing is
    sent: figures are rendered in the kernel only. A draw sent before the front end exists
    leaves ipympl's canvas blank (0 × 0) when it is displayed inside a box.
    """

    def __init__(self, canvas: Any, artists: list[Any]):
        self.canvas = canvas
        self.artists = list(artists)
        self._background = None
        self._saving = False
        for artist in self.artists:
            artist.set_animated(True)
        self._connection = canvas.mpl_connect("draw_event", self._on_draw)

    def disconnect(self) -> None:
        """Stop listening to the canvas (before a new set of artists takes over)."""
        self.canvas.mpl_disconnect(self._connection)

    @property
    def front_end_ready(self) -> bool:
        """Whether a browser view of the canvas has started (then pixels can be sent)."""
        return not getattr(self.canvas, "syncing_data_url", False)

    def _on_draw(self, event: Any) -> None:
        if self._saving or (event is not None and event.canvas is not self.canvas):
            return  # a savefig: not the picture on screen
        self._background = self.canvas.copy_from_bbox(self.canvas.figure.bbox)
        self._paint()

    def _paint(self) -> None:
        figure = self.canvas.figure
        for artist in self.artists:
            figure.draw_artist(artist)

    def update(self) -> None:
        """Show the moving artists' new data (a full draw the first time)."""
        if self._background is None:
            self.full_redraw()
            return
        self.canvas.restore_region(self._background)
        self._paint()
        if self.front_end_ready:
            self.canvas.blit(self.canvas.figure.bbox)

    def full_redraw(self) -> None:
        """Draw everything again (after axis limits, labels or the function changed)."""
        if self.front_end_ready:
            self.canvas.draw()
        else:
            FigureCanvasAgg.draw(self.canvas)  # render in the kernel only; send nothing yet

    def static_png(self) -> bytes:
        """The whole figure, moving artists included, as PNG bytes (for readers without a kernel)."""
        for artist in self.artists:
            artist.set_animated(False)
        self._saving = True
        try:
            buffer = io.BytesIO()
            self.canvas.figure.savefig(buffer, format="png")
            return buffer.getvalue()
        finally:
            self._saving = False
            for artist in self.artists:
                artist.set_animated(True)
            self._background = None  # savefig re-rendered the canvas: draw afresh next time


class FunctionPicker:
    """A drop-down of named functions plus a text box for a typed one.

    ``expression()`` returns the chosen function as a SymPy expression; a typed text that does
    not parse raises the parser's ``ValueError`` (the explorer shows it).
    """

    def __init__(self, options: Mapping[str, str], initial: str, variables: tuple[str, ...] = ("x",),
                 *, aliases: Mapping[str, str] | None = None, description: str = "or type f(x)",
                 placeholder: str = "e.g. x^2*sin(x) or exp(-x^2)"):
        from .symbolic import as_expression

        self._options = dict(options)
        self._variables = tuple(variables)
        self._aliases = dict(aliases or {})  # e.g. {"x": "x1", "y": "x2"}: typed x means x1
        self._as_expression = as_expression
        label = next((k for k, v in self._options.items() if v == initial or k == initial), None)
        self.dropdown = widgets.Dropdown(
            options=[*self._options, TYPED], value=label or TYPED, description="function",
            style=_slider_style(), layout=widgets.Layout(width="320px"))
        self.text = widgets.Text(
            value="" if label else initial, description=description,
            placeholder=placeholder, continuous_update=False,
            style=_slider_style(), layout=widgets.Layout(width="420px"))
        self.widget = widgets.HBox([self.dropdown, self.text])

    def _parse(self, text: str) -> sympy.Expr:
        if not self._aliases:
            return self._as_expression(text, self._variables)
        expression = self._as_expression(text, (*self._variables, *self._aliases))
        return expression.subs({sympy.Symbol(a): sympy.Symbol(v) for a, v in self._aliases.items()},
                               simultaneous=True)

    def expression(self) -> sympy.Expr:
        """The current function: the typed one if the drop-down says so, else the named one."""
        if self.dropdown.value == TYPED:
            return self._parse(self.text.value)
        return self._parse(self._options[self.dropdown.value])

    def observe(self, callback: Callable[[Any], None]) -> None:
        """Call ``callback`` when another function is chosen or typed."""
        self.dropdown.observe(callback, names="value")
        self.text.observe(self._typed, names="value")
        self._callback = callback

    def _typed(self, change: Any) -> None:
        if self.dropdown.value != TYPED:
            self.dropdown.value = TYPED  # triggers the callback once
        else:
            self._callback(change)


class Explorer:
    """Common frame of every explorer: title, controls, an ipympl canvas, a status line.

    Subclasses build a figure and controls, then call :meth:`_assemble`. Callbacks are
    wrapped by :meth:`_guard`, so an exception becomes a message in the status line (CSS
    class ``lu-error``) instead of a traceback in JupyterLab's log console.
    """

    css_name = "explorer"

    def _assemble(self, title: str, figure: Figure, rows: list[widgets.Widget],
                  moving_artists: list[Any]) -> None:
        self.figure = figure
        self.canvas = make_canvas(figure)
        self.blitter = Blitter(self.canvas, moving_artists)
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.8em"))
        self.status.add_class("lu-status")
        self.status_text = ""
        heading = widgets.HTML(f"<b>{html.escape(title)}</b>")
        self.widget = widgets.VBox([heading, *rows, self.canvas, self.status])
        self.widget.add_class("lu-explorer")
        self.widget.add_class(f"lu-{self.css_name}")
        if style.is_presentation():  # labels, readouts and inputs readable from the back row
            self.widget.children = (widgets.HTML(_PRESENTATION_CSS), *self.widget.children)
            self.widget.add_class("lu-presentation")

    def _guard(self, callback: Callable[..., Any]) -> Callable[..., None]:
        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> None:
            try:
                callback(*args, **kwargs)
            except Exception as error:  # shown to the student, never swallowed silently
                self.show_error(error)
        return guarded

    def show_message(self, text: str) -> None:
        """Show a normal status message (clears an error)."""
        self.status_text = text
        self.status.value = f"<span style='{_status_css()}'>{html.escape(text)}</span>"
        self.status.remove_class("lu-error")

    def show_error(self, error: Exception | str) -> None:
        """Show an error in the status line; the figure keeps its last good state."""
        text = str(error)
        if isinstance(error, Exception) and not isinstance(error, (ValueError, TypeError)):
            text = f"{type(error).__name__}: {text}"
        self.status_text = text
        self.status.value = (f"<span style='{_status_css()} color: var(--jp-error-color1, #c62828); font-weight:bold'>"
                             f"⚠ {html.escape(text)}</span>")
        self.status.add_class("lu-error")

    def redraw(self, full: bool = False) -> None:
        """Send the new picture now (no extra round trip): only the moving artists unless ``full``."""
        if full:
            self.blitter.full_redraw()
        else:
            self.blitter.update()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (f"{type(self).__name__} (interactive: run the notebook to use it; "
                                "the picture shows its first state)")
        png = base64.b64encode(self.blitter.static_png()).decode("ascii")
        bundle["image/png"] = png
        if not self.blitter.front_end_ready:
            self.canvas._data_url = f"data:image/png;base64,{png}"  # the first picture ipympl shows
        return bundle


class SecantExplorer(Explorer):
    """Sliders for x and δx: the secant through x and x + δx turns into the tangent at x."""

    css_name = "secant-explorer"

    def __init__(self, f: str | sympy.Expr = "x^3/3 - x", x: float = 0.5, dx: float = 1.5,
                 x_range: tuple[float, float] = (-2.5, 2.5)):
        x = check_real_number(x, "x")
        dx = check_real_number(dx, "dx", positive=True)
        self.picker = FunctionPicker(SECANT_FUNCTIONS, f if isinstance(f, str) else str(f))
        self._x_range = x_range
        self.x = widgets.FloatSlider(value=x, min=x_range[0] + 0.5, max=x_range[1] - 0.5,
                                     step=0.05, description="x", readout_format=".2f",
                                     style=_slider_style(), layout=_slider_layout())
        self.dx = widgets.FloatLogSlider(value=dx, base=10, min=-3, max=0.3, step=0.05,
                                         description="δx", readout_format=".3g",
                                         style=_slider_style(), layout=_slider_layout())
        figure, (ax,) = new_figure(height_ratio=1.1, width_ratio=0.88, layout=None)
        self._set_function(self.picker.expression())
        self.view = SecantView.draw(self._f, self._dfdx, x, dx, x_range=x_range, ax=ax,
                                    show_info=False)
        figure.subplots_adjust(left=0.08, right=0.98, top=0.95, bottom=0.12)
        self._assemble("Secant → tangent: move δx towards 0", figure,
                       [self.picker.widget, self.x, self.dx], self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        self.x.observe(self._guard(self._on_move), names="value")
        self.dx.observe(self._guard(self._on_move), names="value")
        self._on_move()

    def _set_function(self, expression: sympy.Expr) -> None:
        from .symbolic import to_numpy_function

        self._expression = expression
        self._f = to_numpy_function(expression)
        self._dfdx = to_numpy_function(sympy.diff(expression, sympy.Symbol("x")))

    def _on_function(self, change: Any = None) -> None:
        self._set_function(self.picker.expression())
        ax = self.view.ax
        ax.cla()
        self.view = SecantView.draw(self._f, self._dfdx, self.x.value, self.dx.value,
                                    x_range=self._x_range, ax=ax, show_info=False)
        self.blitter.disconnect()
        self.blitter = Blitter(self.canvas, self.view.moving_artists)
        self._on_move()  # the new blitter has no cached picture yet: a full draw

    def _on_move(self, change: Any = None) -> None:
        slope, exact = self.view.update(self.x.value, self.dx.value)
        self.show_message(f"f(x) = {expression_text(self._expression)}:  δy/δx = {slope:.6f},  f'(x) = {exact:.6f},"
                          f"  difference {abs(slope - exact):.2e}")
        self.redraw()


class TaylorExplorer(Explorer):
    """Order and expansion-point sliders: f, its Taylor polynomial T_n, and |f − T_n| (log axis)."""

    css_name = "taylor-explorer"

    def __init__(self, f: str | sympy.Expr = "sin(x) + cos(x)", order: int = 3, x0: float = 0.0,
                 max_order: int = 30, x_range: tuple[float, float] = (-4.0, 4.0)):
        self.max_order = check_integer(max_order, "max_order", minimum=1, maximum=40)
        order = check_integer(order, "order", minimum=0, maximum=self.max_order)
        x0 = check_real_number(x0, "x0")
        self.picker = FunctionPicker(TAYLOR_FUNCTIONS, f if isinstance(f, str) else str(f))
        self.order = widgets.IntSlider(value=order, min=0, max=self.max_order, description="order n",
                                       style=_slider_style(), layout=_slider_layout())
        self.x0 = widgets.FloatSlider(value=x0, min=x_range[0] + 1, max=x_range[1] - 1, step=0.1,
                                      description="x₀", readout_format=".1f",
                                      style=_slider_style(), layout=_slider_layout())
        self.xs = np.linspace(*x_range, 400)
        figure, (ax, ax_error) = new_figure(1, 2, width_ratio=0.92, layout=None)
        self._load_function(self.picker.expression(), x0)
        self.view = TaylorView.draw(self.xs, self._fx, ax=ax, ax_error=ax_error,
                                    label=f"f(x) = {expression_text(self._expression)}")
        figure.subplots_adjust(left=0.06, right=0.98, top=0.92, bottom=0.13, wspace=0.18)
        self._assemble("Taylor polynomials: raise the order, move the expansion point", figure,
                       [self.picker.widget, self.order, self.x0], self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        self.order.observe(self._guard(self._on_order), names="value")
        self.x0.observe(self._guard(self._on_x0), names="value")
        self._on_order()

    def _load_function(self, expression: sympy.Expr, x0: float) -> None:
        """Compute what depends on the function: values on the grid and coefficients at x0."""
        from .symbolic import to_numpy_function
        from .taylor import taylor_coefficients

        coefficients = taylor_coefficients(expression, x0, self.max_order)  # may raise: keep old
        self._expression = expression
        self._coefficients = coefficients
        self._fx = evaluate_quietly(to_numpy_function(expression), self.xs)

    def _on_function(self, change: Any = None) -> None:
        self._load_function(self.picker.expression(), self.x0.value)
        self.view.set_function(self._fx, label=f"f(x) = {expression_text(self._expression)}")
        self._on_order(full=True)  # new y limits and legend: draw everything

    def _on_x0(self, change: Any = None) -> None:
        from .taylor import taylor_coefficients

        self._coefficients = taylor_coefficients(self._expression, self.x0.value, self.max_order)
        self._on_order()

    def _on_order(self, change: Any = None, full: bool = False) -> None:
        n, x0 = self.order.value, self.x0.value
        error = self.view.update(self._coefficients[: n + 1], x0)
        sub = str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
        self.show_message(f"T{sub} of f(x) = {expression_text(self._expression)} at x₀ = {x0:.1f}: "
                          f"max |f − T{sub}| on [{self.xs[0]:g}, {self.xs[-1]:g}] = {error:.2e}")
        self.redraw(full=full)


def secant_explorer(f: str | sympy.Expr = "x^3/3 - x", x: float = 0.5, dx: float = 1.5) -> SecantExplorer:
    """An explorer of the difference quotient: the secant through x and x + δx, and the tangent.

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function of x (one of the drop-down's or any text the parser accepts).
    x : float
        Initial point.
    dx : float
        Initial δx > 0 (the slider is logarithmic, from 0.001 to 2).

    Returns
    -------
    SecantExplorer
        Display it (last expression of a cell); its ``widget`` is the ipywidgets box.

    Examples
    --------
    >>> e = secant_explorer("x^2", x=1.0, dx=0.5)
    >>> e.dx.value = 0.001
    >>> "f'(x) = 2.000000" in e.status_text
    True
    """
    return SecantExplorer(f, x=x, dx=dx)


def taylor_explorer(f: str | sympy.Expr = "sin(x) + cos(x)", order: int = 3, x0: float = 0.0,
                    max_order: int = 30) -> TaylorExplorer:
    """An explorer of Taylor polynomials: order and expansion point as sliders.

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function (drop-down: sin x + cos x, exp x, log(1 + x), 1/(1 + x²), ...; or typed).
    order : int
        Initial order n (0 to ``max_order``).
    x0 : float
        Initial expansion point.
    max_order : int
        Largest order on the slider (at most 40).

    Returns
    -------
    TaylorExplorer

    Examples
    --------
    >>> e = taylor_explorer("1/(1 + x^2)", order=4)
    >>> e.x0.value = 1.0
    >>> "x₀ = 1.0" in e.status_text
    True
    """
    return TaylorExplorer(f, order=order, x0=x0, max_order=max_order)


class GradientFieldExplorer(Explorer):
    """Contour lines of f(x1, x2); at a point moved by two sliders, the gradient (a row vector
    drawn as an arrow), the tangent of the contour line, and the directional derivative ∇f·u
    along u = (cos θ, sin θ).

    What depends on the function — its values on the grid, the contour lines, the symbolic
    gradient (``sympy.diff`` per variable, vectorised once) — is computed when the function
    changes; a slider move evaluates the gradient at one point and redraws only the moving
    artists (point, arrows, tangent segment).
    """

    css_name = "gradient-field-explorer"
    variables = ("x1", "x2")

    def __init__(self, f: str | sympy.Expr = "x1^2 + 2*x2^2", point: Any = (1.0, 0.5),
                 angle: float = 0.0, x_range: tuple[float, float] = (-3.0, 3.0),
                 y_range: tuple[float, float] = (-3.0, 3.0)):
        from .plotting import _check_point, _check_range

        x_range, y_range = _check_range(x_range, "x_range"), _check_range(y_range, "y_range")
        x1, x2 = _check_point(point, "point")
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
        slider = {"step": 0.05, "readout_format": ".2f", "style": _slider_style(),
                  "layout": _slider_layout()}
        self.x1 = widgets.FloatSlider(value=x1, min=x_range[0], max=x_range[1], description="x₁",
                                      **slider)
        self.x2 = widgets.FloatSlider(value=x2, min=y_range[0], max=y_range[1], description="x₂",
                                      **slider)
        self.angle = widgets.FloatSlider(value=angle, min=0.0, max=355.0, step=5.0,
                                         description="direction θ (°)", readout_format=".0f",
                                         style=_slider_style(), layout=_slider_layout())
        figure, (ax,) = new_figure(width_ratio=0.95, height_ratio=1.4, layout=None)
        self._set_function(self.picker.expression())
        self.view = self._draw_view(ax)
        figure.subplots_adjust(left=0.07, right=0.6, top=0.93, bottom=0.1)
        self._assemble("Gradient field: ∇f is orthogonal to the contour lines", figure,
                       [self.picker.widget, self.x1, self.x2, self.angle],
                       self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        for control in (self.x1, self.x2, self.angle):
            control.observe(self._guard(self._on_move), names="value")
        self._guard(self._on_move)()

    def _set_function(self, expression: sympy.Expr) -> None:
        """Compute what depends on the function: the NumPy function and its symbolic gradient."""
        from .symbolic import to_numpy_function

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
                f"u = ({u1:.3f}, {u2:.3f}),  ∇f·u = {state.directional:.3f}")
        if not np.all(np.isfinite(state.tangent)):
            text += "  — ∇f = 0: a stationary point, no contour direction"
        self.show_message(text)


def gradient_field_explorer(f: str | sympy.Expr = "x1^2 + 2*x2^2", point: Any = (1.0, 0.5),
                            angle: float = 0.0) -> GradientFieldExplorer:
    """An explorer of the gradient on a contour plot: move the point and the direction u.

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function of x1 and x2 (drop-down: a quadratic bowl, an elongated bowl, a
        saddle, sin x1 · cos x2, a Rosenbrock-like valley; or typed, where x and y may stand
        for x1 and x2).
    point : (float, float)
        Initial point (x1, x2) in [-3, 3]².
    angle : float
        Initial angle θ of the direction u = (cos θ, sin θ), in degrees (0 to 355; the
        slider moves in steps of 5°).

    Returns
    -------
    GradientFieldExplorer
        Display it (last expression of a cell); its ``widget`` is the ipywidgets box.

    Examples
    --------
    >>> e = gradient_field_explorer("x1^2 + 2*x2^2", point=(1.0, 0.5))
    >>> e.angle.value = 90.0            # u = (0, 1): ∇f·u = ∂f/∂x2 = 4·x2
    >>> "∇f·u = 2.000" in e.status_text
    True
    """
    return GradientFieldExplorer(f, point=point, angle=angle)


class ReshapeExplorer(Explorer):
    """The slides' Approach 1 (an m×n×k tensor ∂A/∂x as k slices) beside Approach 2 (the
    flattened mn×k matrix): three sliders choose the entry ∂A_ij/∂x_k, which is outlined in
    its slice and in the flattened matrix (row n·(i−1) + j, counting from 1), with an arrow.

    The heat maps are drawn once; a slider move only moves the outlines and the arrow
    (see :class:`lecture_utils.tensor_plots.ReshapeView`).
    """

    css_name = "reshape-explorer"

    def __init__(self, T: Any, entry: Any = (1, 1, 1), *, name: str = "A", variable: str = "x"):
        from ._validation import check_array
        from .tensor_plots import draw_reshape

        values = check_array(T, "T", ndim=3)
        if isinstance(entry, (str, bytes)) or not hasattr(entry, "__len__") or len(entry) != 3:
            raise TypeError(f"entry must be a 1-based index (i, j, k), got {entry!r}")
        m, n, count = values.shape
        i, j, k = (check_integer(v, label, minimum=1, maximum=top)
                   for v, label, top in zip(entry, ("entry i", "entry j", "entry k"),
                                            (m, n, count)))
        for size, label in ((m, "m"), (n, "n"), (count, "k")):
            if size < 2:
                raise ValueError(f"T must have at least 2 indices along each axis (a slider "
                                 f"needs two positions), got shape {values.shape} ({label} = {size})")
        slider = {"style": _slider_style(), "layout": _slider_layout()}
        self.i = widgets.IntSlider(value=i, min=1, max=m, description=f"row i of {name}", **slider)
        self.j = widgets.IntSlider(value=j, min=1, max=n, description=f"column j of {name}",
                                   **slider)
        self.k = widgets.IntSlider(value=k, min=1, max=count, description=f"slice k ({variable}ₖ)",
                                   **slider)
        self.view = draw_reshape(values, name=name, variable=variable,
                                 highlight=(i - 1, j - 1, k - 1))
        self._assemble("Approach 1 ↔ Approach 2: where ∂A_ij/∂x_k goes when flattened",
                       self.view.figure, [self.i, self.j, self.k], self.view.moving_artists)
        for control in (self.i, self.j, self.k):
            control.observe(self._guard(self._on_move), names="value")
        self._guard(self._on_move)()

    def _on_move(self, change: Any = None) -> None:
        self.entry = self.view.update(self.i.value - 1, self.j.value - 1, self.k.value - 1)
        self.redraw()
        self.show_message(self.view.describe())


def reshape_explorer(T: Any, entry: Any = (1, 1, 1), *, name: str = "A",
                     variable: str = "x") -> ReshapeExplorer:
    """An explorer of the reshape between the tensor ∂A/∂x and the flattened matrix.

    Parameters
    ----------
    T : array_like
        The tensor of shape (m, n, k), e.g. ``numerical_jacobian(A, x)`` for A(x) ∈ R^{m×n},
        x ∈ R^k (at least 2 along each axis).
    entry : (int, int, int)
        The entry (i, j, k) shown first, counting from 1 like the slides.
    name, variable : str
        The names in the labels.

    Returns
    -------
    ReshapeExplorer
        Display it (last expression of a cell); its ``widget`` is the ipywidgets box.

    Examples
    --------
    >>> import numpy as np
    >>> e = reshape_explorer(np.arange(24.0).reshape(4, 2, 3))
    >>> e.i.value = 2                    # ∂A₂₁/∂x₁ = T[1, 0, 0] sits in row 2·1 + 0 = 2
    >>> e.entry.row, "T[1, 0, 0]" in e.status_text
    (2, True)
    """
    return ReshapeExplorer(T, entry, name=name, variable=variable)


class IdentityExplorer(Explorer):
    """Pick a gradient identity, a size and a seed: the numerical left side, the closed-form
    right side and their difference as heat maps, and the check's numbers in the status line.

    A seed or size change computes the check for new random inputs and moves the numbers
    into the existing images, which sit in fixed frames (the unit square), so only the images
    and their readouts are redrawn (the size is named in the status line); an identity change
    draws the panels anew (other axis labels).
    """

    css_name = "identity-explorer"

    def __init__(self, name: str = "aT X^-1 b", size: int = 3, seed: int = 0,
                 max_size: int = 6):
        from .identity_plots import IdentityView
        from .matrix_calculus import IDENTITIES

        if not isinstance(name, str) or name not in IDENTITIES:
            raise ValueError(f"name must be one of {', '.join(repr(k) for k in IDENTITIES)}, "
                             f"got {name!r}")
        self.max_size = check_integer(max_size, "max_size", minimum=2, maximum=8)
        size = check_integer(size, "size", minimum=1, maximum=self.max_size)
        seed = check_integer(seed, "seed", minimum=0, maximum=99)
        self.identity = widgets.Dropdown(options=list(IDENTITIES), value=name,
                                         description="identity", style=_slider_style(),
                                         layout=widgets.Layout(width="420px"))
        self.size = widgets.IntSlider(value=size, min=1, max=self.max_size, description="size n",
                                      style=_slider_style(), layout=_slider_layout())
        self.seed = widgets.IntSlider(value=seed, min=0, max=99, description="seed",
                                      style=_slider_style(), layout=_slider_layout())
        self.formula = widgets.HTMLMath(layout=widgets.Layout(min_height="2.6em"))
        figure, axes = new_figure(1, 3, height_ratio=1.0, layout=None)
        figure.subplots_adjust(left=0.06, right=0.99, top=0.8, bottom=0.1, wspace=0.15)
        self.check = self._verify()
        self.view = IdentityView.draw(self.check, axes, fixed_frame=True)
        self.heading = figure.suptitle("", fontsize="medium")
        self._assemble("Gradient identities: numerical derivative vs closed form", figure,
                       [self.identity, self.formula, self.size, self.seed],
                       self.view.moving_artists)
        self.identity.observe(self._guard(self._on_identity), names="value")
        self.size.observe(self._guard(self._on_numbers), names="value")
        self.seed.observe(self._guard(self._on_numbers), names="value")
        self._set_heading()
        self._show()

    def _set_heading(self) -> None:
        from .identity_plots import short_layout

        name = self.identity.value
        self.heading.set_text(f"{name}    (layout: {short_layout(name)})")  # n: status line

    def _verify(self) -> Any:
        from .matrix_calculus import verify_identity

        arguments = (self.identity.value, self.size.value)
        try:  # the complex step alone: the same left side as "auto", without its cross-check
            return verify_identity(*arguments, np.random.default_rng(self.seed.value),
                                   method="complex-step")
        except ValueError:
            return verify_identity(*arguments, np.random.default_rng(self.seed.value))

    def _on_identity(self, change: Any = None) -> None:
        from .identity_plots import IdentityView

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
        from .matrix_calculus import IDENTITIES

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


def identity_explorer(name: str = "aT X^-1 b", size: int = 3, seed: int = 0) -> IdentityExplorer:
    """An interactive verifier of the slides' gradient identities.

    Parameters
    ----------
    name : str
        Initial identity, a key of :data:`lecture_utils.matrix_calculus.IDENTITIES`.
    size : int
        Initial size n of every dimension (1 to 6).
    seed : int
        Initial seed of the random inputs (0 to 99).

    Returns
    -------
    IdentityExplorer
        Display it (last expression of a cell); its ``widget`` is the ipywidgets box.

    Examples
    --------
    >>> e = identity_explorer("xT B x", size=4)
    >>> e.seed.value = 7                 # what a slider move does
    >>> e.status_text.endswith("holds: True")
    True
    """
    return IdentityExplorer(name, size=size, seed=seed)
