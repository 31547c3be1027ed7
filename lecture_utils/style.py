"""One visual style for every figure of the kit (layer 2).

* Colours are the Okabe–Ito palette, which stays distinguishable with the common colour-vision
  deficiencies; every role also has its own line style and marker, so meaning never rests on
  colour alone (and survives a black-and-white printout).
* Figures have explicit white face colours and black text, so they read the same in
  JupyterLab's light and dark themes (no black text on a transparent background).
* :func:`presentation` switches to a size readable from the back of a lecture hall.

Drawing functions wrap their work in :func:`styled`, so the style applies to the figures of
this package without changing ``matplotlib.rcParams`` for the student's own plots.

Examples
--------
>>> ROLES["function"]["linestyle"]
'-'
>>> presentation(True); rc()["font.size"] > 12; presentation(False)
True
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any, Callable, Iterator, TypeVar

import matplotlib as mpl

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#777777",
}

#: What each kind of curve looks like: colour, line style and marker all carry the meaning.
ROLES: dict[str, dict[str, Any]] = {
    "function": {"color": PALETTE["blue"], "linestyle": "-", "marker": None},
    "approximation": {"color": PALETTE["vermillion"], "linestyle": "--", "marker": None},
    "secant": {"color": PALETTE["orange"], "linestyle": "-.", "marker": "o"},
    "tangent": {"color": PALETTE["green"], "linestyle": ":", "marker": None},
    "error": {"color": PALETTE["purple"], "linestyle": (0, (6, 1.5, 1.5, 1.5, 1.5, 1.5)),
              "marker": None},
    "point": {"color": PALETTE["black"], "linestyle": "none", "marker": "o"},
    "reference": {"color": PALETTE["grey"], "linestyle": (0, (1, 3)), "marker": None},
    "forward": {"color": PALETTE["orange"], "linestyle": "--", "marker": "s"},
    "central": {"color": PALETTE["blue"], "linestyle": "-", "marker": "o"},
    "complex-step": {"color": PALETTE["green"], "linestyle": "-.", "marker": "^"},
}

#: A cycle of (colour, line style, marker) for series without a role (e.g. several orders).
SERIES = [
    (PALETTE["blue"], "-", "o"),
    (PALETTE["vermillion"], "--", "s"),
    (PALETTE["green"], "-.", "^"),
    (PALETTE["orange"], ":", "D"),
    (PALETTE["purple"], (0, (5, 1, 1, 1)), "v"),
    (PALETTE["sky_blue"], (0, (1, 1)), "P"),
    (PALETTE["black"], "-", "x"),
]

_BASE_RC: dict[str, Any] = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "text.color": "black",
    "axes.labelcolor": "black",
    "axes.edgecolor": "#333333",
    "xtick.color": "black",
    "ytick.color": "black",
    "axes.grid": True,
    "grid.color": "#cccccc",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.framealpha": 0.9,
    "legend.facecolor": "white",
    "legend.edgecolor": "#999999",
    "mathtext.fontset": "dejavusans",
    "figure.dpi": 100,
    "savefig.dpi": 100,
}

_SIZES = {
    False: {"font.size": 11, "axes.titlesize": 12, "axes.labelsize": 11, "legend.fontsize": 10,
            "lines.linewidth": 2.0, "lines.markersize": 6, "figure.figsize": (9.0, 4.0)},
    # every text larger than in reading size (ticks ×1.27, labels and titles ×1.3), yet an
    # explorer's figure still fits beside its controls in 1280×720 (about 840 × 600 px)
    True: {"font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15, "legend.fontsize": 13,
           "xtick.labelsize": 14, "ytick.labelsize": 14,
           "lines.linewidth": 3.0, "lines.markersize": 8.5, "figure.figsize": (12.0, 5.6)},
}

_state = {"presentation": False}


def presentation(on: bool = True) -> None:
    """Switch figures (and explorer layouts) to lecture-hall size, or back.

    Parameters
    ----------
    on : bool
        ``True`` for larger fonts, lines and figures; ``False`` for the reading size.
        Applies to figures and explorers created afterwards.

    Examples
    --------
    >>> presentation(True); is_presentation()
    True
    >>> presentation(False); is_presentation()
    False
    """
    if not isinstance(on, bool):
        raise TypeError(f"on must be True or False, got {type(on).__name__} {on!r}")
    _state["presentation"] = on


def is_presentation() -> bool:
    """Whether presentation size is on (see :func:`presentation`)."""
    return _state["presentation"]


def rc() -> dict[str, Any]:
    """The Matplotlib settings of the current style (reading or presentation size)."""
    return {**_BASE_RC, **_SIZES[_state["presentation"]]}


def figure_size(width_ratio: float = 1.0, height_ratio: float = 1.0) -> tuple[float, float]:
    """The default figure size of the current style, scaled.

    Examples
    --------
    >>> figure_size(0.5) == (rc()["figure.figsize"][0] * 0.5, rc()["figure.figsize"][1])
    True
    """
    width, height = rc()["figure.figsize"]
    return (width * width_ratio, height * height_ratio)


@contextlib.contextmanager
def context() -> Iterator[None]:
    """A context in which Matplotlib uses the kit's style (see :func:`rc`)."""
    with mpl.rc_context(rc()):
        yield


F = TypeVar("F", bound=Callable[..., Any])


def styled(function: F) -> F:
    """Decorator: run a drawing function inside :func:`context`."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with context():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def role_style(role: str) -> dict[str, Any]:
    """Keyword arguments for ``ax.plot`` that draw a curve of the given role.

    Examples
    --------
    >>> role_style("tangent")["linestyle"]
    ':'
    >>> role_style("nonsense")
    Traceback (most recent call last):
    ...
    ValueError: role must be one of 'function', 'approximation', 'secant', 'tangent', 'error', 'point', 'reference', 'forward', 'central', 'complex-step', got 'nonsense'
    """
    if role not in ROLES:
        options = ", ".join(repr(r) for r in ROLES)
        raise ValueError(f"role must be one of {options}, got {role!r}")
    return dict(ROLES[role])


def series_style(index: int) -> dict[str, Any]:
    """Keyword arguments for the ``index``-th series of a family (cycles through :data:`SERIES`).

    Examples
    --------
    >>> series_style(0)["marker"]
    'o'
    """
    color, linestyle, marker = SERIES[index % len(SERIES)]
    return {"color": color, "linestyle": linestyle, "marker": marker}
