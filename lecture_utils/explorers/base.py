"""The explorer base (layer 3): the status line that reports errors inside the widget, the
function picker (catalogue or typed text, parsed by the whitelist parser), slider styles."""

from __future__ import annotations

import base64
import functools
import html
from typing import Any, Callable, Mapping

import ipywidgets as widgets
import sympy
from matplotlib.figure import Figure

from .. import style
from .canvas import Blitter, make_canvas

TYPED = "typed below…"


def slider_layout() -> widgets.Layout:
    return widgets.Layout(width="760px" if style.is_presentation() else "520px")


def _status_css() -> str:
    return f"font-family: monospace; font-size: {'1.5em' if style.is_presentation() else '1.1em'};"


_PRESENTATION_CSS = (
    "<style>.lu-presentation { font-size: 150%; } "
    ".lu-presentation .widget-label, .lu-presentation .widget-readout, "
    ".lu-presentation input, .lu-presentation select, .lu-presentation button "
    "{ font-size: 1.35em !important; line-height: 1.4; height: auto; }</style>")


def slider_style() -> dict[str, str]:
    return {"description_width": "160px" if style.is_presentation() else "110px"}


class FunctionPicker:
    """A drop-down of named functions plus a text box for a typed one.

    ``expression()`` returns the chosen function as a SymPy expression; a typed text that does
    not parse raises the parser's ``ValueError`` (the explorer shows it).
    """

    def __init__(self, options: Mapping[str, str], initial: str, variables: tuple[str, ...] = ("x",),
                 *, aliases: Mapping[str, str] | None = None, description: str = "or type f(x)",
                 placeholder: str = "e.g. x^2*sin(x) or exp(-x^2)"):
        from ..maths.parser import as_expression

        self._options = dict(options)
        self._variables = tuple(variables)
        self._aliases = dict(aliases or {})  # e.g. {"x": "x1", "y": "x2"}: typed x means x1
        self._as_expression = as_expression
        label = next((k for k, v in self._options.items() if v == initial or k == initial), None)
        self.dropdown = widgets.Dropdown(
            options=[*self._options, TYPED], value=label or TYPED, description="function",
            style=slider_style(), layout=widgets.Layout(width="320px"))
        self.text = widgets.Text(
            value="" if label else initial, description=description,
            placeholder=placeholder, continuous_update=False,
            style=slider_style(), layout=widgets.Layout(width="420px"))
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

    @staticmethod
    def _slider(kind: type[widgets.Widget], description: str, value: Any, **options: Any
                ) -> widgets.Widget:
        """A slider of the explorers' look: ``kind`` (e.g. ``widgets.FloatSlider``) with its
        description, value and options (``min``, ``max``, ``step``, ``readout_format``...)."""
        return kind(value=value, description=description, style=slider_style(),
                    layout=slider_layout(), **options)

    def _watch(self, handler: Callable[..., Any], *controls: widgets.Widget) -> None:
        """Call ``handler`` (guarded: errors go to the status line) when a control's value changes."""
        guarded = self._guard(handler)
        for control in controls:
            control.observe(guarded, names="value")

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
