"""The fast ipympl canvas of the explorers: redraw only the moving artists over a cached
background (blitting) and send the changed pixels as a quickly compressed PNG."""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..figures.rendering import compact_png


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
    def offscreen(self) -> bool:
        """``True`` when the canvas is not on screen (client-side frames show the figure
        instead): the pixels are rendered in the kernel and nothing is sent. Kept on the
        canvas, so that a blitter made later for new artists (e.g. a new function) keeps it."""
        return getattr(self.canvas, "_lu_offscreen", False)

    @offscreen.setter
    def offscreen(self, value: bool) -> None:
        self.canvas._lu_offscreen = bool(value)

    @property
    def front_end_ready(self) -> bool:
        """Whether a browser view of the canvas has started (then pixels can be sent).

        ipympl's front end announces itself when the canvas's *model* is created, shown or
        not; an ``offscreen`` canvas sends nothing either way."""
        return not self.offscreen and not getattr(self.canvas, "syncing_data_url", False)

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
        """The whole figure, moving artists included, as PNG bytes (for readers without a kernel).

        At the canvas's size (it is also the first picture the canvas shows), encoded by
        :func:`~lecture_utils.figures.rendering.compact_png` (256 colours, reproducible bytes).
        """
        for artist in self.artists:
            artist.set_animated(False)
        self._saving = True
        try:
            buffer = io.BytesIO()
            self.canvas.figure.savefig(buffer, format="png")
            return compact_png(buffer.getvalue())
        finally:
            self._saving = False
            for artist in self.artists:
                artist.set_animated(True)
            self._background = None  # savefig re-rendered the canvas: draw afresh next time
