"""Client-side slider frames (issue 16): a slider that answers in the browser, without the kernel.

For the sliders the course is built around (the Taylor order of notebook 02, the step size of
the descent explorers of notebooks 08 and 10), the kernel draws the picture of *every* slider position
whenever another control changes, and the browser switches between those pictures as the
slider moves: no message has to reach the kernel for the figure to change.

Design (the choices, and why)
-----------------------------
* **One drawing path.** A frame is made by setting the slider's kernel-side value and letting
  the explorer's own callback run (``view.update`` of ``figures/<topic>.py``, the status line,
  the blitted redraw), then reading the canvas's pixels. It is the code that draws the live
  view, in the same style; while frames are made, every widget holds its messages
  (``hold_sync``), so the browser sees only the final, unchanged state.
* **Encoding.** Whole-figure PNGs with one 256-colour palette (taken from the first frame,
  no dithering: the figures are flat colours), zlib level 3. Measured on the shared 2-core
  machine: 31 Taylor frames (orders 0–30, 800×400 px) 0.54 MB in 0.2 s; 36 step-size frames
  (every 4 % of the edge 2/λmax, the initial step and 98–102 %, 580×590 px) 0.96 MB in
  0.6 s (a float slider is drawn on a grid: :func:`grid_frames`). SVG paths or data arrays
  drawn in JavaScript would be smaller but need a second drawing path (the contours, the
  log axis, the legends redone in JS): rejected. A frame is the whole figure, not only its
  moving layer, so that swapping one picture is all the browser does.
* **JupyterLab: an anywidget, linked to the slider in the page.** The frames go to a
  :class:`~lecture_utils.explorers.frames_view.FramesView` (``anywidget``; its JavaScript,
  ``frames_view.js``, ships inside this package and is served by the kernel: nothing from a
  CDN, no JupyterLab extension of ours). It decodes every frame once into an ``ImageBitmap``
  and draws the one at ``index`` on a canvas. ``ipywidgets.jslink`` ties the slider (its
  ``value``, or ``index`` of a ``SelectionSlider``) to ``index`` in the browser, so the
  figure follows the slider while the kernel is busy, interrupted or gone: key press →
  frame drawn ≈ 1 ms (``benchmarks/bench_browser_latency.py --frames``). The view also puts
  the frame's status text (and the descent explorer's theory line) into the explorer's
  status line at once; the slider's value still reaches the kernel when it is free, which
  writes the same text. (The first
  version used ipywidgets' ``Stack`` of ``Image`` widgets: a switch re-created the image's
  view and decoded its PNG, p95 38–48 ms, over the 35 ms target.)
  On by default; ``client_frames=False`` on the explorer, or ``LU_CLIENT_FRAMES=0`` in the
  kernel's environment, gives the live ipympl canvas instead.
* **Other controls stay live.** A change of x₀, the start, the function: the explorer draws
  the current position as always and that one picture is sent at once (a drag stays live);
  the other frames are dropped in the browser (it keeps the current picture rather than show
  an out-of-date one) and drawn again when the control has been still for 1 s (drawing
  them takes ≤ 1 s, measured 0.2–0.8 s; a shorter wait made a control pressed every half
  second wait for a redraw of all frames after each press).
* **Exports without a kernel.** With ``LU_EXPORT_FRAMES=1`` in the kernel's environment (set
  by ``tools/export_html.py`` and ``tools/build_slides.py --live``, never by
  ``make execute-notebooks``), the explorer's display also carries a ``text/html``
  representation: a self-contained player (an ``<input type=range>``, an ``<img>``, the frames
  as ``data:`` URIs and the status line of each, one inline ``<script>``). nbconvert prefers it
  to the widget view when the notebook holds no widget state, so the HTML export and the
  reveal.js slides get a live slider from ``file://`` with the network blocked. The committed
  notebooks do not carry it (≤ 1 MB): GitHub and nbviewer show the static PNG as before.
* The typed-function parser stays the only way text reaches the kernel: frames carry pictures
  and the explorer's own status texts, nothing is parsed or evaluated in the browser.

Examples
--------
>>> from lecture_utils.explorers.taylor import TaylorExplorer
>>> e = TaylorExplorer(max_order=4, client_frames=True)
>>> len(e.frames.frames.images), e.frames.frames.labels[:3]
(5, ['0', '1', '2'])
>>> e.frames.view.index == e.order.value
True
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import html
import io
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

import ipywidgets as widgets
import numpy as np

from .._validation import check_flag, check_integer, check_real_number
from .frames_view import FramesView

#: Environment variable: ``0`` turns client-side frames off for every explorer that has them
#: (they are on by default).
FRAMES_ENV = "LU_CLIENT_FRAMES"
#: Environment variable: ``1`` adds the self-contained HTML player to an explorer's display
#: (read when the explorer is displayed; set by the export tools only).
EXPORT_ENV = "LU_EXPORT_FRAMES"

#: Seconds another control must be still before every frame is drawn again.
REFRESH_DELAY = 1.0

#: Budget of one explorer's frames (issue 16): encoded bytes and kernel seconds.
MAX_FRAME_BYTES = 2_000_000
MAX_FRAME_SECONDS = 1.0


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def frames_wanted(client_frames: Any = None) -> bool:
    """Whether an explorer should use client-side frames: ``client_frames`` if given, else
    yes unless the environment variable ``LU_CLIENT_FRAMES`` is ``0`` (the kernel round trip
    of every slider, as before issue 16).

    Examples
    --------
    >>> frames_wanted(True), frames_wanted(False)
    (True, False)
    >>> frames_wanted("on")
    Traceback (most recent call last):
    ...
    TypeError: client_frames must be True or False, got str 'on'
    """
    if client_frames is None:
        return os.environ.get(FRAMES_ENV, "").strip().lower() not in ("0", "false", "no", "off")
    return check_flag(client_frames, "client_frames")


def export_wanted() -> bool:
    """Whether the display should carry the self-contained HTML player (``LU_EXPORT_FRAMES``)."""
    return _env_flag(EXPORT_ENV)


@dataclass
class Frames:
    """The pictures of every slider position, with the slider's readout and the status line
    the explorer writes at that position."""

    images: list[bytes]
    labels: list[str]
    texts: list[str]
    size: tuple[int, int]          # (width, height) in px
    seconds: float = 0.0           # time taken to draw and encode them
    extra: list[str] = field(default_factory=list)   # e.g. the theory line per position

    @property
    def nbytes(self) -> int:
        """Encoded size of all the frames."""
        return sum(len(image) for image in self.images)


def encode_frames(pixels: Sequence[np.ndarray], level: int = 3) -> list[bytes]:
    """Encode RGBA pixel arrays as PNGs sharing one 256-colour palette (that of the first),
    at zlib ``level`` (1: fastest, for one picture sent during a drag).

    Examples
    --------
    >>> white = np.full((4, 6, 4), 255, dtype=np.uint8)
    >>> from PIL import Image
    >>> Image.open(io.BytesIO(encode_frames([white, white])[1])).size
    (6, 4)
    """
    from PIL import Image

    encoded: list[bytes] = []
    palette = None
    for array in pixels:
        image = Image.fromarray(np.ascontiguousarray(array)).convert("RGB")
        if palette is None:      # the first picture's own quantisation is its frame
            palette = quantized = image.quantize(256, method=Image.Quantize.FASTOCTREE,
                                                 dither=Image.Dither.NONE)
        else:
            quantized = image.quantize(palette=palette, dither=Image.Dither.NONE)
        with io.BytesIO() as buffer:
            quantized.save(buffer, format="png", compress_level=level)
            encoded.append(buffer.getvalue())
    return encoded


def _all_widgets(root: widgets.Widget) -> Iterator[widgets.Widget]:
    yield root
    for child in getattr(root, "children", ()):
        yield from _all_widgets(child)


def replace_widget(root: widgets.Widget, old: widgets.Widget, new: widgets.Widget) -> bool:
    """Put ``new`` where ``old`` is among the children of ``root`` (at any depth)."""
    for box in _all_widgets(root):
        children = list(getattr(box, "children", ()))
        if any(child is old for child in children):
            box.children = [new if child is old else child for child in children]
            return True
    return False


@contextlib.contextmanager
def _quiet(explorer: Any, *extra: widgets.Widget) -> Iterator[None]:
    """Hold every widget's messages: the browser sees the final state only."""
    with contextlib.ExitStack() as stack:
        for widget in (*_all_widgets(explorer.widget), *extra):
            stack.enter_context(widget.hold_sync())
        yield


def render_frames(explorer: Any, control: widgets.Widget, values: Sequence[Any],
                  labels: Sequence[str], extra: Callable[[], str] | None = None) -> Frames:
    """Draw the explorer at every value of ``control`` with its own callbacks, and encode.

    ``control.value`` is set to each of ``values`` in turn (the explorer's observers run: the
    same drawing code as the live view), the canvas's pixels and the status text are kept, and
    the value is put back. ``extra`` returns one more text per position (e.g. a theory line).
    """
    start = time.perf_counter()
    canvas = explorer.canvas
    original = control.value
    pixels, texts, extras = [], [], []
    with _quiet(explorer, control):
        try:
            for value in values:
                control.value = value
                pixels.append(np.asarray(canvas.get_renderer().buffer_rgba()).copy())
                texts.append(explorer.status_text)
                extras.append(extra() if extra is not None else "")
        finally:
            control.value = original
    images = encode_frames(pixels)
    height, width = pixels[0].shape[:2]
    return Frames(images, [str(label) for label in labels], texts, (width, height),
                  time.perf_counter() - start, extras)


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the IPython kernel this code runs in; ``None`` in a script,
    a test or any other process (there the frames are drawn again at once).

    A running loop alone is not enough: Playwright's synchronous API, for one, leaves its loop
    marked as running in the thread of a test session.

    Examples
    --------
    >>> kernel_loop() is None            # a doctest runs in no kernel
    True
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class ClientFrames:
    """Client-side frames of one slider of an explorer.

    Parameters
    ----------
    explorer : Explorer
        The explorer (its ``widget``, ``canvas``, ``status_text``).
    control : ipywidgets widget
        The kernel-side control whose values are drawn (it keeps the explorer's callbacks).
    values, labels : sequences
        The values drawn, one frame each, and the readout shown for each.
    browser_slider : ipywidgets widget, optional
        The slider shown (default ``control``); its ``link_trait`` ranges over the frame
        indices and is linked to the stack in the browser.
    refresh_on : widgets
        Controls after whose change the frames are drawn again.
    live : bool
        Replace the canvas by the frames in the explorer's widget (JupyterLab); else the
        frames are drawn only for an export.
    """

    def __init__(self, explorer: Any, control: widgets.Widget, values: Sequence[Any],
                 labels: Sequence[str], *, browser_slider: widgets.Widget | None = None,
                 link_trait: str = "value", refresh_on: Sequence[widgets.Widget] = (),
                 live: bool = True, extra: Callable[[], str] | None = None,
                 description: str | None = None, title: str = ""):
        self.explorer = explorer
        self.title = title
        self.control = control
        self.values = list(values)
        self.labels = [str(label) for label in labels]
        self.slider = browser_slider if browser_slider is not None else control
        self.link_trait = link_trait
        self.extra = extra
        self.description = description or getattr(self.slider, "description", "")
        self.live = live
        self.frames: Frames | None = None
        self.view: FramesView | None = None
        self._pending: asyncio.TimerHandle | None = None
        if not live:
            return
        explorer.blitter.offscreen = True    # the canvas only renders the frames' pixels
        frames = self.refresh()
        self.view = FramesView(frames.images, frames.texts, frames.size, self._index(),
                               extras=frames.extra)
        self.link = widgets.jslink((self.slider, link_trait), (self.view, "index"))
        replace_widget(explorer.widget, explorer.canvas, self.view)
        guarded = explorer._guard(self._on_other)
        for other in refresh_on:
            if isinstance(other, widgets.Widget):
                other.observe(guarded, names="value")

    def _index(self) -> int:
        """The frame index of the control's current value (the nearest value)."""
        value = self.control.value
        try:
            return self.values.index(value)
        except ValueError:
            gaps = [abs(float(v) - float(value)) for v in self.values]
            return int(np.argmin(gaps))

    def refresh(self) -> Frames:
        """Draw every frame again (after another control changed) and send them."""
        self.frames = render_frames(self.explorer, self.control, self.values, self.labels,
                                    self.extra)
        if self.view is not None:
            self.view.show(self.frames.images, self.frames.texts, self.frames.size,
                           self.frames.extra)
        return self.frames

    def _on_other(self, change: Any = None) -> None:
        """Another control changed: show its effect at once, redraw every frame a moment later.

        The explorer's own callback has just drawn the figure at the slider's current position;
        that picture alone goes to the browser now (≈ 10 ms: a drag of x₀ or of the start stays
        live), the other frames are dropped (the browser keeps this picture until they come
        back, never an out-of-date one). Every frame is drawn again once the control has been
        still for :data:`REFRESH_DELAY` s (a timer of the kernel's event loop; outside a kernel,
        e.g. in a script, at once: :func:`kernel_loop`).
        """
        if "lu-error" in getattr(self.explorer.status, "_dom_classes", ()):
            return  # the explorer refused the change (e.g. a typed text that does not parse)
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        loop = kernel_loop()
        if loop is None:
            self.refresh()
            return
        self.show_current()
        self._pending = loop.call_later(REFRESH_DELAY, self._refresh_later)

    def _refresh_later(self) -> None:
        self._pending = None
        self.explorer._guard(self.refresh)()

    def show_current(self) -> None:
        """Send only the picture the canvas holds now (the current slider position)."""
        pixels = np.asarray(self.explorer.canvas.get_renderer().buffer_rgba()).copy()
        image = encode_frames([pixels], level=1)[0]          # ≈ 7 ms for 580×590 px
        self.frames = None                                  # stale until :meth:`refresh`
        if self.view is not None:
            self.view.show_one(self._index(), image, self.explorer.status_text,
                               self.extra() if self.extra is not None else "")

    # --- export: the self-contained player ----------------------------------------------
    def player_html(self, title: str | None = None) -> str:
        """A self-contained HTML player of the frames: a range input, the picture, the status
        line; one inline script and ``data:`` images, nothing loaded from elsewhere."""
        frames = self.frames if self.frames is not None else self.refresh()
        index = self._index()
        sources = ["data:image/png;base64," + base64.b64encode(image).decode("ascii")
                   for image in frames.images]
        data = json.dumps({"src": sources, "label": frames.labels, "text": frames.texts,
                           "extra": frames.extra}).replace("</", "<\\/")
        width, height = frames.size
        title = self.title if title is None else title
        css_name = f"lu-{self.explorer.css_name}"
        extra = (f"<div class='lu-theory' style='font-size:13px'>{frames.extra[index]}</div>"
                 if frames.extra[index] else "")
        return f"""<div class="lu-frames-player lu-explorer {css_name}" data-frame="{index}" style="font-family: sans-serif">
<div class="lu-heading" style="font-weight:bold">{html.escape(title)}</div>
<label style="display:flex; align-items:center; gap:8px; font-size:14px">{html.escape(self.description)}
<input type="range" class="lu-frames-slider" min="0" max="{len(sources) - 1}" step="1" value="{index}" aria-label="{html.escape(self.description)}" style="width:360px">
<output class="lu-frames-readout">{html.escape(frames.labels[index])}</output></label>{extra}
<img class="lu-frames-image" src="{sources[index]}" width="{width}" height="{height}" alt="{html.escape(frames.texts[index])}">
<div class="lu-status" style="font-size:13px">{html.escape(frames.texts[index])}</div>
<div style="font-size:12px; color:#666">Live without a kernel: this slider switches between pictures the kernel drew; the other controls need the notebook running.</div>
<script type="text/javascript">(function () {{
  var root = document.currentScript.parentElement, data = {data};
  var input = root.querySelector(".lu-frames-slider"), image = root.querySelector(".lu-frames-image");
  var readout = root.querySelector(".lu-frames-readout"), status = root.querySelector(".lu-status");
  var theory = root.querySelector(".lu-theory");
  // every frame decoded once, up front: a slider move is one drawImage on a canvas
  var canvas = document.createElement("canvas"), bitmaps = [];
  canvas.width = image.width; canvas.height = image.height; canvas.className = "lu-frames-canvas";
  canvas.style.maxWidth = "100%"; canvas.setAttribute("role", "img");
  var context = canvas.getContext("2d");
  var show = function (i) {{
    var frame = bitmaps[i];
    if (!frame) {{ image.src = data.src[i]; image.style.display = ""; canvas.style.display = "none"; }}
    else {{ context.drawImage(frame, 0, 0); canvas.style.display = ""; image.style.display = "none"; }}
    canvas.setAttribute("aria-label", data.text[i]); image.alt = data.text[i];
    readout.textContent = data.label[i]; status.textContent = data.text[i];
    if (theory) theory.innerHTML = data.extra[i];
    root.setAttribute("data-frame", String(i));
    root.dispatchEvent(new CustomEvent("lu-frame-shown", {{detail: i}}));
  }};
  canvas.style.display = "none"; image.parentNode.insertBefore(canvas, image);
  data.src.forEach(function (src, i) {{
    var picture = new Image(); picture.src = src;
    picture.decode().then(function () {{ return createImageBitmap(picture); }})
      .then(function (bitmap) {{ bitmaps[i] = bitmap; }}, function () {{}});
  }});
  input.addEventListener("input", function () {{ show(Number(input.value)); }});
  input.addEventListener("keydown", function (event) {{ event.stopPropagation(); }});
}})();</script>
</div>"""

    def bundle(self, bundle: dict[str, Any]) -> dict[str, Any]:
        """Add the player to a display bundle when an export asks for it (``LU_EXPORT_FRAMES``)."""
        if export_wanted():
            bundle["text/html"] = self.player_html()
        return bundle


class FramedExplorer:
    """Mixin for an explorer with client-side frames (``self.frames``, a :class:`ClientFrames`):
    its display carries the HTML player when an export asks for it."""

    frames: ClientFrames | None = None

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        return self.frames.bundle(bundle) if self.frames is not None else bundle


def grid_frames(explorer: Any, control: widgets.Widget, spacing: float, *, live: bool,
                max_frames: int = 32, include: Sequence[float] = (),
                refresh_on: Sequence[widgets.Widget] = (), title: str = "",
                extra: Callable[[], str] | None = None) -> ClientFrames:
    """Frames for a float slider (``control``) on a grid every ``spacing`` of its range.

    A float slider has too many positions to draw them all (0.1 % steps of 0.5–125 % are
    1245 frames): the frames are drawn every ``spacing`` from ``spacing`` to the slider's end
    (a multiple of ``spacing`` if that would make more than ``max_frames``), plus the values
    of ``include`` that lie in the slider's range (e.g. its initial value and the values
    next to a threshold), and, when ``live``, a :class:`ipywidgets.SelectionSlider` over that
    grid (same description and look) takes the float slider's place: its positions are
    equally spaced, so the grid is finer where ``include`` adds values. Its ``index`` is linked to the frames in the
    browser; in the kernel it sets ``control.value`` (the explorer's callbacks: status line).
    A value the kernel sets on ``control`` moves the browser slider when it is on the grid;
    one off the grid is drawn by the kernel but not shown by the browser slider.

    Examples
    --------
    >>> from lecture_utils.explorers.descent import DescentExplorer
    >>> e = DescentExplorer(client_frames=True)
    >>> e.frames.labels[:3], e.frames.labels[-1], e.frames.slider.description
    (['4.0', '8.0', '12.0'], '124.0', 'step γ [%]')
    >>> e.frames.labels[22:31]                   # the initial step, and around the edge
    ['91.2', '92.0', '96.0', '98.0', '99.0', '100.0', '101.0', '102.0', '104.0']
    >>> e.frames.slider.index = 27; e.step.value   # what a move in the browser does, in the kernel
    100.0
    """
    spacing = float(check_real_number(spacing, "spacing", positive=True))
    max_frames = check_integer(max_frames, "max_frames", minimum=2, maximum=200)
    spacing *= max(1, int(np.ceil(control.max / spacing / max_frames - 1e-9)))
    count = int(np.floor(control.max / spacing + 1e-9))
    values = [round(spacing * (i + 1), 6) for i in range(count)]
    extra_values = [float(v) for v in include if control.min <= v <= control.max]
    values = sorted(set(values) | set(extra_values))
    labels = [f"{value:.1f}" for value in values]
    browser = None
    if live:
        index = int(np.argmin([abs(v - control.value) for v in values]))
        browser = widgets.SelectionSlider(options=labels, index=index,
                                          description=control.description,
                                          continuous_update=True, style=control.style,
                                          layout=control.layout)
        browser.add_class("lu-frames-slider")
        control.value = values[index]   # the kernel's state is the frame shown

        def follow(change: Any) -> None:
            control.value = values[change["new"]]

        def lead(change: Any) -> None:   # a value set in the kernel, e.g. by a notebook cell
            if change["new"] in values:
                browser.index = values.index(change["new"])

        browser.observe(explorer._guard(follow), names="index")
        control.observe(lead, names="value")
        replace_widget(explorer.widget, control, browser)
    return ClientFrames(explorer, control, values, labels, browser_slider=browser,
                        link_trait="index", refresh_on=refresh_on, live=live, extra=extra,
                        title=title, description=control.description)
