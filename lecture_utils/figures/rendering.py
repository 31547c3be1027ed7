"""How the figures are made and shown (layer 2): on an Agg canvas, laid out, as compact PNGs.

Figures are made with :class:`matplotlib.figure.Figure`, not ``pyplot``. Each sits on an Agg
canvas (:func:`agg_figure`), which keeps one renderer: the text measured and the math parsed in
one draw (a layout pass, :func:`lay_out`) are not measured and parsed again in the next (the
PNG). IPython shows a returned figure as :func:`figure_png` (registered at import).

Examples
--------
>>> figure = agg_figure(figsize=(4, 3), layout="constrained")
>>> _ = figure.add_subplot().plot([0, 1], [0, 1])
>>> figure_png(figure)[1:4]
b'PNG'
"""

from __future__ import annotations

from typing import Any

from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._validation import check_integer


#: Widest static figure, in pixels: about the width of JupyterLab's output area (≈ 930 px).
#: A wider PNG is only scaled down by the browser, so its extra pixels are bytes nobody sees.
MAX_PNG_WIDTH = 930


def compact_png(png: bytes) -> bytes:
    """Re-encode PNG bytes small and reproducibly: an opaque picture as 256 colours, no metadata.

    The figures are flat colours with anti-aliased edges (a few thousand colours, most of them
    in the edges); 256 colours without dithering look the same at display size and take about
    a third of the bytes of Matplotlib's true-colour PNG. A picture with transparent pixels is
    re-encoded without loss. No text chunks (Matplotlib writes its version as ``Software``)
    and no resolution chunk: the same figure gives the same bytes on every run, so a
    re-executed notebook does not change in git.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> buffer = io.BytesIO()
    >>> Image.new("RGB", (4, 3), "white").save(buffer, format="png")
    >>> image = Image.open(io.BytesIO(compact_png(buffer.getvalue())))
    >>> image.size, image.mode, dict(image.info)
    ((4, 3), 'P', {})
    """
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png))
    image.load()
    if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255:
        compact = image  # transparency: keep every colour
    else:
        compact = image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE,
                                                dither=Image.Dither.NONE)
    with io.BytesIO() as buffer:
        compact.save(buffer, format="png")
        return buffer.getvalue()


def agg_figure(**kwargs: Any) -> Figure:
    """A :class:`Figure` (``kwargs`` as for it) on an Agg canvas.

    A figure on Matplotlib's default canvas gets a new renderer for every draw and for every
    PNG, each with empty caches: every tick label of a log axis (mathtext) is parsed again each
    time, about half of a draw. The Agg canvas keeps its renderer while the figure's size and
    resolution stay the same. The pixels are the same either way.

    Examples
    --------
    >>> figure = agg_figure(figsize=(4, 3))
    >>> figure._get_renderer() is figure._get_renderer()
    True
    """
    figure = Figure(**kwargs)
    FigureCanvasAgg(figure)
    return figure


def lay_out(figure: Figure) -> RendererBase:
    """Draw ``figure`` without output, so that its layout and text sizes are final, with the
    canvas's own renderer (:meth:`Figure.draw_without_rendering` makes a new one); returns it.

    Examples
    --------
    >>> figure = agg_figure(figsize=(4, 3), layout="constrained")
    >>> ax = figure.add_subplot()
    >>> lay_out(figure) is figure._get_renderer()
    True
    """
    renderer = figure._get_renderer()
    with renderer._draw_disabled():
        figure.draw(renderer)
    return renderer


def figure_png(figure: Figure, max_width: int = MAX_PNG_WIDTH) -> bytes:
    """``figure`` as the PNG a notebook shows: cropped to its contents, at most ``max_width`` px wide.

    At the figure's own resolution (100 dpi in the style: a 9-inch figure is 900 px wide); a
    figure wider than ``max_width`` pixels is drawn again at the resolution that makes it
    ``max_width`` wide, the size it is displayed at (sharper than letting the browser shrink
    it, and smaller). Encoded by :func:`compact_png`.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> fig = agg_figure(figsize=(18, 4))   # 18 inches: 1800 px at 100 dpi
    >>> Image.open(io.BytesIO(figure_png(fig))).width <= MAX_PNG_WIDTH
    True
    """
    import io

    from PIL import Image

    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure, got {type(figure).__name__}")
    max_width = check_integer(max_width, "max_width", minimum=100, maximum=100_000)

    def render(dpi: float) -> bytes:
        with io.BytesIO() as buffer:
            figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight",
                           facecolor=figure.get_facecolor(), edgecolor=figure.get_edgecolor())
            return buffer.getvalue()

    png = render(figure.dpi)
    width = Image.open(io.BytesIO(png)).width
    if width > max_width:  # the cropped width scales with the resolution (text by a pixel or two)
        png = render(figure.dpi * (max_width - 4) / width)
    return compact_png(png)


def show_figures_as_png() -> bool:
    """Make IPython show a returned :class:`Figure` as a PNG image (what ``%matplotlib inline`` does).

    The figures of this package are made without ``pyplot``, so the notebook's backend never
    registers them; this registers the PNG formatter for them once, at import. The PNG is
    :func:`figure_png`: no wider than the notebook shows it, 256 colours, reproducible.
    Returns ``False`` outside IPython.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["image/png"]
    formatter.for_type(Figure, figure_png)
    return True


show_figures_as_png()
