"""The browser side of client-side frames: an anywidget that switches between pictures.

:class:`FramesView` holds the PNG of every slider position (sent once, as binary buffers)
and shows the one at ``index``. Its JavaScript (``frames_view.js``, next to this module,
loaded from the package: nothing from a CDN) decodes every frame once, up front, into an
``ImageBitmap``; a change of ``index`` is one ``drawImage`` on a canvas. ``index`` is tied to
a slider in the page with :func:`ipywidgets.jslink`, so the figure follows the slider with
no message to the kernel (measured in ``benchmarks/bench_browser_latency.py --frames``).

Examples
--------
>>> view = FramesView(frames=[b"png0", b"png1"], texts=["first", "second"], size=(4, 3))
>>> view.index, view.width, view.height
(0, 4, 3)
>>> view.index = 5
Traceback (most recent call last):
...
traitlets.traitlets.TraitError: index must be a frame number from 0 to 1, got 5
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import anywidget
import traitlets

__all__ = ["FramesView"]


class FramesView(anywidget.AnyWidget):
    """The pictures of every position of a slider; shows the one at ``index``.

    Parameters
    ----------
    frames : sequence of bytes
        One PNG per slider position, all of the same ``size``; an empty one is a position
        not drawn (yet): the browser keeps the picture it shows.
    texts : sequence of str
        The status line of each position: the canvas's accessible label, and the text put
        into the explorer's status line (``.lu-status``) as soon as the frame is drawn.
    extras : sequence of str, optional
        One more line per position, HTML the explorer made (e.g. the descent explorer's
        theory line, ``.lu-theory``), put in place likewise.
    size : (int, int)
        Width and height of the pictures in px (the canvas is shown at that size).
    index : int
        The position shown first.
    """

    _esm = Path(__file__).with_name("frames_view.js")
    frames = traitlets.List(traitlets.Bytes()).tag(sync=True)
    texts = traitlets.List(traitlets.Unicode()).tag(sync=True)
    extras = traitlets.List(traitlets.Unicode()).tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)

    def __init__(self, frames: Sequence[bytes], texts: Sequence[str], size: tuple[int, int],
                 index: int = 0, extras: Sequence[str] = (), **kwargs: Any):
        width, height = size
        super().__init__(frames=list(frames), texts=list(texts), extras=list(extras),
                         width=int(width), height=int(height), index=int(index), **kwargs)

    @traitlets.validate("index")
    def _check_index(self, proposal: Any) -> int:
        index, count = proposal["value"], len(self.frames)
        if count and not 0 <= index < count:
            raise traitlets.TraitError(
                f"index must be a frame number from 0 to {count - 1}, got {index}")
        return index

    def show_one(self, index: int, frame: bytes, text: str, extra: str = "") -> None:
        """Put ``frame`` at ``index`` and drop the others (they are out of date; the browser
        keeps the picture on screen until :meth:`show` sends them again).

        The index shown is not sent: in the page it follows the slider (``jslink``), which the
        student may have moved while the kernel was busy; sending the kernel's older value
        would move the slider back."""
        count = len(self.frames)
        frames, texts, extras = [b""] * count, [""] * count, [""] * count
        frames[index], texts[index], extras[index] = frame, text, extra
        with self.hold_sync():
            self.frames, self.texts, self.extras = frames, texts, extras

    def show(self, frames: Sequence[bytes], texts: Sequence[str], size: tuple[int, int],
             extras: Sequence[str] = ()) -> None:
        """Replace every frame (another control changed), in one message; the index shown
        stays the page's (see :meth:`show_one`)."""
        with self.hold_sync():
            self.frames, self.texts, self.extras = list(frames), list(texts), list(extras)
            self.width, self.height = int(size[0]), int(size[1])
