"""The explorer base (layer 3): the status line that reports errors inside the widget, the
function picker (catalogue or typed text, parsed by the whitelist parser), slider styles."""

from __future__ import annotations

import base64
import functools
import html
import math
from typing import Any, Callable, Mapping

import ipywidgets as widgets
import matplotlib as mpl
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from .. import style
from ..figures.rendering import lay_out
from .canvas import Blitter, make_canvas

TYPED = "typed below…"


#: What an explorer must fit, in CSS px: the notebook's visible height and output-area width
#: in JupyterLab's default interface at 1366×768 (reading size) and 1280×720 (presentation
#: size), measured by tests/browser/test_explorer_fit.py.
SCREEN = {False: {"width": 934, "height": 647}, True: {"width": 848, "height": 599}}

#: Font size of the controls (labels, readouts, drop-downs, text boxes) in CSS px.
CONTROL_FONT = {False: 13, True: 17}


def slider_layout() -> widgets.Layout:
    return widgets.Layout(width="760px" if style.is_presentation() else "520px")


def _status_css(presentation: bool | None = None) -> str:
    presentation = style.is_presentation() if presentation is None else presentation
    size = f"{CONTROL_FONT[presentation]}px"
    return f"font-size: {size}; line-height: 1.35;"


# Every explorer: a readout whose first measurement was stale (before the explorer's CSS
# applied) keeps ipywidgets' "overflow" shadow, a stray box around e.g. "−2.00"; readouts are
# made wide enough instead (the fit test checks that none is cut). Presentation size: the
# widgets' own font-size variable, so labels, readouts, drop-downs, inputs and their boxes
# all grow together and widths given in px stay consistent.
_EXPLORER_CSS = (
    ".lu-explorer .widget-readout.overflow { box-shadow: none; } "
    ".lu-explorer .widget-inline-hbox .widget-readout { min-width: 4.6em; } "
    ".lu-explorer .lu-heading { font-size: 14px; font-weight: bold; line-height: 1.4; } "
    ".lu-explorer.lu-presentation { --jp-widgets-font-size: 17px; "
    "--jp-widgets-inline-height: 32px; --jp-widgets-inline-label-width: 120px; } "
    ".lu-presentation .lu-heading { font-size: 21px; } "
    ".lu-presentation .widget-html-content, .lu-presentation .widget-htmlmath-content "
    "{ font-size: 17px; line-height: 1.35; } "
    ".lu-presentation input, .lu-presentation select, .lu-presentation button "
    "{ font-size: 17px; height: auto; }"
)
_PRESENTATION_CSS = f"<style>{_EXPLORER_CSS}</style>"


def slider_style() -> dict[str, str]:
    return {"description_width": "160px" if style.is_presentation() else "110px"}


@functools.lru_cache(maxsize=None)
def _ui_font() -> Any:
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    return FT2Font(findfont(FontProperties(family="DejaVu Sans")))


@functools.lru_cache(maxsize=2048)
def text_px(text: str, size: float | None = None) -> float:
    """Width of ``text`` in CSS px at the controls' font size (DejaVu Sans, a wide face:
    the width is an upper bound for the usual UI fonts).

    Examples
    --------
    >>> text_px("weight scale", 13) > text_px("depth", 13)
    True
    """
    size = CONTROL_FONT[style.is_presentation()] if size is None else size
    font = _ui_font()
    font.set_size(size, 72)  # 72 dpi: 1 pt = 1 px
    font.set_text(text)
    return font.get_width_height()[0] / 64


def shown_expression(expression: sympy.Expr) -> str:
    """``expression`` as typed (``^`` for powers), a long exact number written as a float
    (6 significant digits): a typed 1e-300 reads 1.0e-300, not a fraction of 301 digits.

    Examples
    --------
    >>> import sympy as sp
    >>> shown_expression(sp.Rational(1, 10**300) + sp.Symbol("x")**2)
    'x^2 + 1.0e-300'
    >>> shown_expression(sp.Rational(1, 3) * sp.Symbol("x"))
    'x/3'
    """
    from ..figures.base import expression_text

    long = {number: sympy.Float(number, 6) for number in expression.atoms(sympy.Rational)
            if len(str(number)) > 12}
    return expression_text(expression.xreplace(long) if long else expression)


def wrap_px(text: str, width: float, size: float) -> str:
    """``text`` broken at its spaces into lines of at most ``width`` px at ``size`` px
    (a word longer than a line stays whole on its own line): nothing is cut off.

    Examples
    --------
    >>> print(wrap_px("f(x) = x^3/(x^4 + 4) + cos(x)", 120, 13))
    f(x) = x^3/(x^4 +
    4) + cos(x)
    >>> wrap_px("short", 500, 13)
    'short'
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_px(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def figure_px(normal: tuple[float, float], presentation: tuple[float, float]) -> dict[str, float]:
    """``width_ratio``/``height_ratio`` for :func:`~lecture_utils.figures.base.new_figure` that
    make a figure ``normal`` = (width, height) px in reading size, ``presentation`` px in
    presentation size (figures are drawn at 100 dpi, one px per CSS px).

    Examples
    --------
    >>> figure_px((450, 200), (600, 280))
    {'width_ratio': 0.5, 'height_ratio': 0.5}
    """
    width, height = presentation if style.is_presentation() else normal
    default_width, default_height = style.figure_size()
    dpi = style.rc()["figure.dpi"]
    return {"width_ratio": width / (default_width * dpi),
            "height_ratio": height / (default_height * dpi)}


def freeze_layout(figure: Figure) -> None:
    """Lay ``figure`` out once with the constrained layout (nothing clipped, for its size and
    the current text sizes), then keep those axes positions: a redraw lays nothing out again.

    A legend placed by :func:`legend_above` that the layout made wider than its axes (an
    axes with equal aspect shrinks) gets fewer columns, and the figure is laid out again."""
    figure.set_layout_engine("constrained")
    for _ in range(4):
        lay_out(figure)
        crowded = [ax for ax in figure.axes if ax.get_legend() is not None
                   and ax.get_legend().get_gid() == LEGEND_ABOVE
                   and ax.get_legend()._ncols > 1
                   and ax.get_legend().get_window_extent().width > _legend_room(ax)]
        if not crowded:
            break
        for ax in crowded:
            legend_above(ax, ncols=ax.get_legend()._ncols - 1)
    figure.set_layout_engine("none")


#: The gid of a legend placed by :func:`legend_above`.
LEGEND_ABOVE = "lu-legend-above"


def _legend_room(ax: Axes) -> float:
    """How wide a legend above ``ax`` may be: the axes' width, within the figure."""
    box = ax.get_window_extent()
    return min(box.width, ax.get_figure(root=True).bbox.x1 - box.x0)


def legend_above(ax: Axes, *, fontsize: Any = None, ncols: int | None = None) -> Legend | None:
    """Move the legend of ``ax`` into the strip above it, off the data the sliders move.

    The entries go in as many columns as fit the axes' width (one row when they can; at most
    ``ncols``), without a frame; a title of ``ax`` becomes the legend's title, left-aligned above the entries, so
    both share the strip (:func:`freeze_layout` then makes room for it). Returns the new
    legend, or ``None`` if ``ax`` has no legend.

    Examples
    --------
    >>> from lecture_utils.figures.base import new_figure
    >>> fig, (ax,) = new_figure()
    >>> _ = ax.plot([0, 1], [0, 1], label="up"), ax.plot([0, 1], [1, 0], label="down")
    >>> _ = ax.legend(), ax.set_title("two lines")
    >>> legend = legend_above(ax)
    >>> legend._ncols, legend.get_title().get_text(), ax.get_title()
    (2, 'two lines', '')
    """
    old = ax.get_legend()
    if old is None:
        return None
    handles = list(old.legend_handles)
    labels = [text.get_text() for text in old.get_texts()]
    size = fontsize if fontsize is not None else old.get_texts()[0].get_fontsize()
    title_text = next((t for t in (ax.title, ax._left_title, ax._right_title)
                       if t.get_text()), None)
    title, title_size = "", None
    if title_text is not None:
        title, title_size = title_text.get_text(), title_text.get_fontsize()
        title_text.set_text("")
    elif old.get_title().get_text():  # placed before: the title is the legend's already
        title, title_size = old.get_title().get_text(), old.get_title().get_fontsize()
    old.remove()
    room = _legend_room(ax)
    legend = None
    for ncols in range(min(len(labels), ncols or len(labels)), 0, -1):
        if legend is not None:
            legend.remove()
        legend = ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.0),
                           borderaxespad=0.2, borderpad=0.2, ncols=ncols, fontsize=size,
                           frameon=False, title=title or None, title_fontsize=title_size,
                           alignment="left", handlelength=1.8, columnspacing=1.2)
        if legend.get_window_extent().width <= room:
            break
    legend.set_gid(LEGEND_ABOVE)
    return legend


def fit_description(control: widgets.Widget, label_px: float | None = None,
                    input_px: float | None = None) -> widgets.Widget:
    """Give ``control`` a description as wide as its text (or ``label_px``), and a drop-down
    room for its longest option (a text box ``input_px``): nothing is cut off."""
    if label_px is None:
        label_px = text_px(control.description) + 12
    control.style.description_width = f"{math.ceil(label_px)}px"
    if isinstance(control, widgets.Dropdown):
        widest = max((text_px(str(o)) for o in control.options), default=0.0)
        control.layout.width = f"{math.ceil(label_px + widest + 48)}px"
    elif input_px is not None:
        control.layout.width = f"{math.ceil(label_px + input_px + 8)}px"
    return control


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
            options=[*self._options, TYPED], value=label or TYPED, description="function")
        self.text = widgets.Text(
            value="" if label else initial, description=description,
            placeholder=placeholder, continuous_update=False)
        fit_description(self.dropdown)
        fit_description(self.text, input_px=300 if style.is_presentation() else 250)
        self.widget = widgets.HBox([self.dropdown, self.text],
                                   layout=widgets.Layout(flex_flow="row wrap"))

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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Build every explorer inside the kit's style (reading or presentation size), so
        that all its text (ticks, labels, titles, legends) takes the current size."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "_styled", False):
            return

        @functools.wraps(init)
        def __init__(self: Explorer, *args: Any, **kwargs: Any) -> None:
            if not hasattr(self, "_rc"):
                self._rc = style.rc()
                self._presentation = style.is_presentation()
            with mpl.rc_context(self._rc):
                init(self, *args, **kwargs)

        __init__._styled = True  # type: ignore[attr-defined]
        cls.__init__ = __init__  # type: ignore[method-assign]

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
                  moving_artists: list[Any], *, layout: str = "rows",
                  column_px: float | None = None) -> None:
        """Put heading, controls, canvas and status line together.

        ``layout="rows"``: the controls stacked above the figure, the status line below it.
        ``layout="column"``: the controls and the status line in a column ``column_px`` wide
        beside the figure (for a figure that is tall, or controls that are many).
        Descriptions get the width of the longest one (sliders aligned, nothing cut off), and
        the figure is laid out once for its size and text sizes.
        """
        if layout not in ("rows", "column"):
            raise ValueError(f"layout must be 'rows' or 'column', got {layout!r}")
        self.figure = figure
        self._fit_controls(rows, column=layout == "column")
        freeze_layout(figure)
        self._fix_tick_sizes()
        self.canvas = make_canvas(figure)
        self.blitter = Blitter(self.canvas, moving_artists)
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.8em"))
        self.status.add_class("lu-status")
        self.status_text = ""
        heading = widgets.HTML(f"<span class='lu-heading'>{html.escape(title)}</span>")
        style_sheet = widgets.HTML(_PRESENTATION_CSS, layout=widgets.Layout(margin="0"))
        if layout == "column":
            width = f"{math.ceil(column_px or 330)}px"
            controls = widgets.VBox([*rows, self.status],
                                    layout=widgets.Layout(width=width, flex="0 0 auto"))
            body = widgets.HBox([controls, self.canvas],
                                layout=widgets.Layout(align_items="flex-start"))
            self.widget = widgets.VBox([style_sheet, heading, body])
        else:
            self.widget = widgets.VBox([style_sheet, heading, *rows, self.canvas, self.status])
        self.widget.add_class("lu-explorer")
        self.widget.add_class(f"lu-{self.css_name}")
        if self.presentation_size:
            self.widget.add_class("lu-presentation")  # readable from the back row

    def _fit_controls(self, rows: list[widgets.Widget], column: bool) -> None:
        """Sliders (and single drop-downs and text boxes) share one description width, that
        of the longest description; a drop-down gets room for its longest option. In a
        column, every control is as wide as the column and boxes stack their children."""
        singles = [w for w in rows if isinstance(w, widgets.ValueWidget)
                   and getattr(w, "description", "")]
        if singles:
            label_px = max(text_px(w.description) for w in singles) + 12
            for w in singles:
                fit_description(w, label_px)
        if not column:
            return
        for w in rows:
            if isinstance(w, widgets.Box):
                w.layout.flex_flow = "column"
                for child in w.children:
                    child.layout.width = "100%"
            else:
                w.layout.width = "100%"

    def _fix_tick_sizes(self) -> None:
        """Keep the style's tick-label size on every axes: ticks are made again at draw time
        (a resize, new limits), outside the style, and would fall back to Matplotlib's size."""
        from matplotlib.font_manager import FontProperties

        with mpl.rc_context(getattr(self, "_rc", style.rc())):
            sizes = {axis: FontProperties(size=mpl.rcParams[f"{axis}tick.labelsize"])
                     .get_size_in_points() for axis in ("x", "y")}
        for ax in self.figure.axes:
            for axis, size in sizes.items():
                ax.tick_params(axis=axis, which="both", labelsize=size)

    def _guard(self, callback: Callable[..., Any]) -> Callable[..., None]:
        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> None:
            try:
                with mpl.rc_context(getattr(self, "_rc", style.rc())):
                    callback(*args, **kwargs)
            except Exception as error:  # shown to the student, never swallowed silently
                self.show_error(error)
        return guarded

    @property
    def presentation_size(self) -> bool:
        """Whether this explorer was made in presentation size (see :func:`style.presentation`)."""
        return getattr(self, "_presentation", style.is_presentation())

    def show_message(self, text: str) -> None:
        """Show a normal status message (clears an error)."""
        self.status_text = text
        self.status.value = f"<span style='{_status_css(self.presentation_size)}'>{html.escape(text)}</span>"
        self.status.remove_class("lu-error")

    def show_error(self, error: Exception | str) -> None:
        """Show an error in the status line; the figure keeps its last good state."""
        text = str(error)
        if isinstance(error, Exception) and not isinstance(error, (ValueError, TypeError)):
            text = f"{type(error).__name__}: {text}"
        self.status_text = text
        self.status.value = (f"<span style='{_status_css(self.presentation_size)} color: var(--jp-error-color1, #c62828); font-weight:bold'>"
                             f"⚠ {html.escape(text)}</span>")
        self.status.add_class("lu-error")

    def redraw(self, full: bool = False) -> None:
        """Send the new picture now (no extra round trip): only the moving artists unless ``full``."""
        if full:
            self._fix_tick_sizes()  # after a cla() the axes have the default tick size
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
