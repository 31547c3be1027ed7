"""Every figure is made for the width it is shown at: readable text, legends off the data, nothing clipped.

**Static figures.** Each notebook's code cells are run here as the notebook runs them (the
notebooks are not rewritten), and every cell whose value is a :class:`Figure` is the static
figure the reader sees. ``figure_png`` stores it cropped to its contents at the figure's own
resolution, or, if that is wider than JupyterLab's output area (930 px), drawn again narrower;
a slide then scales it into the 1280×720 frame. So a text of ``s`` points is seen at

    s × dpi/72 × min(1, 930/width_px)            (notebook)
    s × dpi/72 × min(1, 1280/width_px, 720/height_px)   (slide)

pixels, where ``width_px`` × ``height_px`` is the cropped picture at the figure's resolution.
Checked on every figure:

- it is drawn at (about) its own size: at most :data:`MAX_NATURAL_WIDTH` px wide before
  ``figure_png`` shrinks it, and the stored PNG at most 930 px wide;
- no visible text (tick labels inside the view, labels, titles, legends, annotations, contour
  labels) is seen smaller than :data:`MIN_TEXT_PX` px;
- no legend covers data: no point of a visible line (its segments sampled every 2 px), marker
  or scatter point of any axes lies inside a legend's box;
- nothing is cut: no text is clipped by its axes or lies outside the figure, no arrow
  (annotation or patch) ends outside its axes;
- every 2-D panel that shows data has tick numbers on both axes, or is aligned with a panel of
  the same range that shows them (small multiples); contour levels are round.

**Explorers.** Each explorer, built with a notebook's arguments by the function the notebooks
call, in reading size and in presentation size (``presentation(True)``): its figure is shown on
an ipympl canvas at its own size, so it must fit the width (930 px, the notebook; and the
slide's 1280 px in presentation size), and the same text, legend and clipping checks hold.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Callable

import nbformat
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, FancyArrowPatch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from PIL import Image

import lecture_utils as lu
from lecture_utils import style
from lecture_utils.figures.rendering import MAX_PNG_WIDTH, figure_png

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))

#: Smallest text, in screen pixels, at the scale a figure is shown at.
MIN_TEXT_PX = 9.0
#: The slide frame (reveal.js scales a slide's images into it).
SLIDE = (1280, 720)
#: Widest cropped picture, at the figure's own resolution: a few px over the output area are
#: shrunk by ``figure_png`` without a visible change; a figure meant for 1,400 px is not allowed.
MAX_NATURAL_WIDTH = MAX_PNG_WIDTH + 30


# --------------------------------------------------------------------------- collecting figures


def _is_explorer(value) -> bool:
    return isinstance(getattr(value, "figure", None), Figure) and hasattr(value, "widget")


@lru_cache(maxsize=None)
def notebook_figures(name: str) -> tuple[tuple[str, Figure], ...]:
    """(label, figure) of every static figure the notebook ``name`` shows, in order.

    The code cells run in one namespace, in the notebook's folder, as Jupyter runs them; a
    cell's value is its last expression. Printed output is swallowed.
    """
    path = NOTEBOOK_DIR / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat's validation notes are not this test's job
        notebook = nbformat.read(path, as_version=4)
    namespace: dict = {"__name__": "__main__"}
    figures = []
    cwd = os.getcwd()
    os.chdir(NOTEBOOK_DIR)
    try:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            last = None
            if tree.body and isinstance(tree.body[-1], ast.Expr):
                last = ast.Expression(tree.body.pop().value)
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(tree, f"{name} cell {index}", "exec"), namespace)  # noqa: S102
                value = eval(compile(last, f"{name} cell {index}", "eval"), namespace) \
                    if last is not None else None  # noqa: S307
            if isinstance(value, Figure):
                figures.append((f"{path.stem[:2]} cell {index}", value))
    finally:
        os.chdir(cwd)
    return tuple(figures)


def _slides_quadratic():
    return lu.Quadratic([[2, 1], [1, 20]], [5, 3])


def _ill():
    return lu.Quadratic([[1, 0], [0, 50]], [0, 0])


#: Every explorer, with the arguments its notebook passes.
EXPLORERS: dict[str, Callable[[], object]] = {
    "01_secant": lambda: lu.secant_explorer("x^3/3 - x", x=0.5, dx=1.5),
    "02_taylor": lambda: lu.taylor_explorer("sin(x) + cos(x)", order=3, x0=0.0),
    "03_gradient_field": lambda: lu.gradient_field_explorer("x1^2 + 2*x2^2", point=(1.0, 0.5),
                                                            angle=0.0),
    "04_reshape": lambda: lu.reshape_explorer(np.arange(24, dtype=float).reshape(4, 2, 3) / 10,
                                              entry=(2, 1, 3)),
    "05_identity": lambda: lu.identity_explorer("aT X^-1 b", size=3, seed=0),
    "06_gradient_flow": lambda: lu.gradient_flow_explorer("sigmoid", depth=10),
    "07_multivariate_taylor": lambda: lu.multivariate_taylor_explorer(
        "x^2 + 2*x*y + y^3", point=(1.0, 2.0), order=1),
    "08_descent": lambda: lu.descent_explorer(_slides_quadratic(), x0=(-3.0, -1.0), n_steps=60),
    "10_momentum": lambda: lu.descent_explorer(_ill(), x0=(-3.0, 1.0), step=_ill().optimal_step,
                                               n_steps=150, momentum=True, alpha=0.5),
    "10_error_components": lambda: lu.error_components_explorer(_slides_quadratic(), x0=(-3.0, -1.0),
                                                                 step=0.08),
    "10_momentum_rate": lambda: lu.momentum_rate_explorer(_ill(), x0=(-2.0, 1.5), step=0.05,
                                                          momentum=0.5),
    "11_sgd": lambda: lu.sgd_explorer(batch_size=5, step=0.05),
}


# --------------------------------------------------------------------------- measuring


def _renderer(figure: Figure):
    renderer = figure._get_renderer()  # Agg, whatever the canvas
    figure.draw(renderer)  # lays out, positions ticks and legends
    return renderer


def natural_size(figure: Figure) -> tuple[int, int]:
    """Width and height (px) of the cropped picture at the figure's own resolution."""
    with io.BytesIO() as buffer:
        figure.savefig(buffer, format="png", dpi=figure.dpi, bbox_inches="tight",
                       facecolor=figure.get_facecolor())
        return Image.open(io.BytesIO(buffer.getvalue())).size


def visible_texts(figure: Figure) -> list[Text]:
    """Every text that is drawn: non-empty, visible, tick labels only inside the view."""
    _renderer(figure)
    texts: list[Text] = []
    for ax in figure.axes:
        if not ax.get_visible() or not ax.axison and not ax.texts:
            continue
        if ax.axison:
            for axis in ax._axis_map.values():  # x, y (and z for 3-D axes)
                if axis.get_visible():
                    # the ticks Matplotlib draws: its locators also place ticks beyond the
                    # view, whose labels (positioned off the axes) are never drawn
                    for tick in axis._update_ticks():
                        texts += [tick.label1, tick.label2]
                    texts.append(axis.label)
                    texts.append(axis.get_offset_text())
        texts += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            texts += [legend.get_title(), *legend.get_texts()]
    for legend in figure.legends:
        texts += [legend.get_title(), *legend.get_texts()]
    texts += list(figure.texts)
    for sub in (figure._suptitle, figure._supxlabel, figure._supylabel):
        if sub is not None:
            texts.append(sub)
    return [t for t in texts if t.get_visible() and t.get_text().strip() and _chain_visible(t)]


def _chain_visible(artist) -> bool:
    parent = getattr(artist, "axes", None)
    return parent is None or parent.get_visible()


def smallest_text(figure: Figure, scale: float) -> tuple[float, str]:
    """Smallest on-screen size (px) of a visible text at display ``scale``, and that text."""
    sizes = [(t.get_fontsize() * figure.dpi / 72 * scale, t.get_text()) for t in visible_texts(figure)]
    return min(sizes) if sizes else (float("inf"), "")


def _segments_sampled(points: np.ndarray, step: float = 2.0) -> np.ndarray:
    """``points`` (display px) with every segment between finite neighbours sampled each ``step`` px."""
    out = [points]
    a, b = points[:-1], points[1:]
    good = np.all(np.isfinite(a), axis=1) & np.all(np.isfinite(b), axis=1)
    for p, q in zip(a[good], b[good]):
        n = int(np.hypot(*(q - p)) // step)
        if n > 1:
            t = np.linspace(0, 1, min(n, 2000))[1:-1, None]
            out.append(p + t * (q - p))
    return np.vstack(out)


def data_points(ax: Axes) -> list[tuple[str, np.ndarray]]:
    """(label, display points) of the data drawn in ``ax``, only where it is visible (in the axes)."""
    box = ax.get_window_extent()
    result = []
    for line in ax.lines:
        if not line.get_visible() or line.get_alpha() == 0:
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        has_line = line.get_linestyle() not in ("None", "none", "", " ") and line.get_linewidth() > 0
        points = _segments_sampled(xy) if has_line else xy
        result.append((line.get_label(), points))
    for collection in ax.collections:
        if isinstance(collection, ContourSet) or not collection.get_visible():
            continue
        if isinstance(collection, PathCollection) and len(collection.get_offsets()):
            xy = collection.get_offset_transform().transform(np.asarray(collection.get_offsets()))
            result.append((collection.get_label(), xy))
        elif isinstance(collection, LineCollection):
            transform = collection.get_transform()
            for segment in collection.get_segments():
                if len(segment):
                    result.append((collection.get_label(),
                                   _segments_sampled(transform.transform(np.asarray(segment)))))
    clipped = []
    for label, points in result:
        points = points[np.all(np.isfinite(points), axis=1)]
        inside = (points[:, 0] >= box.x0 - 1) & (points[:, 0] <= box.x1 + 1) & \
                 (points[:, 1] >= box.y0 - 1) & (points[:, 1] <= box.y1 + 1)
        clipped.append((label, points[inside]))
    return clipped


def legend_overlaps(figure: Figure) -> list[str]:
    """Which legend covers which data (a point strictly inside the legend's box)."""
    renderer = _renderer(figure)
    legends: list[Legend] = [ax.get_legend() for ax in figure.axes if ax.get_legend() is not None]
    legends += list(figure.legends)
    problems = []
    for legend in legends:
        if not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for ax in figure.axes:
            if ax.name == "3d" or not ax.get_visible():
                continue
            for label, points in data_points(ax):
                inside = (points[:, 0] > box.x0 + 1) & (points[:, 0] < box.x1 - 1) & \
                         (points[:, 1] > box.y0 + 1) & (points[:, 1] < box.y1 - 1)
                if inside.any():
                    title = ax.get_title() or ax.get_xlabel() or "an axes"
                    problems.append(f"legend {[t.get_text() for t in legend.get_texts()][:3]} covers "
                                    f"{int(inside.sum())} point(s) of {label!r} in {title!r}")
    return problems


def _inside(inner: Bbox, outer: Bbox, slack: float = 1.0) -> bool:
    return (inner.x0 >= outer.x0 - slack and inner.x1 <= outer.x1 + slack
            and inner.y0 >= outer.y0 - slack and inner.y1 <= outer.y1 + slack)


def clipped_artists(figure: Figure, *, canvas: bool) -> list[str]:
    """Texts cut by their clip box or (on a fixed ``canvas``) by the figure's edge; arrows cut by their axes."""
    renderer = _renderer(figure)
    page = figure.bbox
    problems = []
    for text in visible_texts(figure):
        box = text.get_window_extent(renderer)
        clip = text.get_clip_box() if text.get_clip_on() else None
        if clip is not None and not _inside(box, clip) and box.overlaps(clip):
            problems.append(f"text {text.get_text()!r} is cut by its axes")
        if canvas and not _inside(box, page):
            problems.append(f"text {text.get_text()!r} is outside the figure")
    for ax in figure.axes:
        if not ax.get_visible() or ax.name == "3d":
            continue
        axes_box = ax.get_window_extent(renderer)
        arrows = [p for p in ax.patches if isinstance(p, (FancyArrow, FancyArrowPatch))]
        arrows += [t.arrow_patch for t in ax.texts
                   if isinstance(t, Annotation) and t.arrow_patch is not None]
        for arrow in arrows:
            if not arrow.get_visible() or not arrow.get_clip_on():
                continue
            box = arrow.get_window_extent(renderer)
            if box.width and not _inside(box, axes_box, slack=2.0) and box.overlaps(axes_box):
                problems.append(f"an arrow in {ax.get_title()!r} is cut at the axes' edge")
    return problems


def _has_numbers(axis) -> bool:
    return any(t.get_visible() and t.get_text().strip() for t in axis.get_ticklabels())


def _reads_numbers_of(ax: Axes, other: Axes, name: str) -> bool:
    here, there = ax.get_position(), other.get_position()
    if name == "y":
        aligned = np.isclose([here.y0, here.y1], [there.y0, there.y1], atol=0.01).all()
        same = np.allclose(ax.get_ylim(), other.get_ylim()) and \
            ax.get_yscale() == other.get_yscale()
        return bool(aligned and same and _has_numbers(other.yaxis))
    aligned = np.isclose([here.x0, here.x1], [there.x0, there.x1], atol=0.01).all()
    same = np.allclose(ax.get_xlim(), other.get_xlim()) and ax.get_xscale() == other.get_xscale()
    return bool(aligned and same and _has_numbers(other.xaxis))


def panels_without_ticks(figure: Figure) -> list[str]:
    """2-D axes that show data but have no tick numbers on an axis."""
    _renderer(figure)
    problems = []
    for ax in figure.axes:
        if not ax.get_visible() or not ax.axison or ax.name == "3d" or not ax.lines:
            continue
        if ax.get_label() == "<colorbar>":
            continue
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not axis.get_visible() or not axis.get_major_ticks():
                continue
            if _has_numbers(axis):
                continue
            # a panel of a row (column) with the same y (x) range as one that shows the numbers
            # is read with them: the usual small multiples
            if not any(_reads_numbers_of(ax, other, name) for other in figure.axes
                       if other is not ax and other.get_visible() and other.axison):
                problems.append(f"{ax.get_title() or 'a panel'!r} has no {name} tick numbers")
    return problems


def _is_round(value: float) -> bool:
    """One significant digit or a half step: 0.2, 0.25, 1.5, 30, 400 (not 0.33, 1.8, 3.2)."""
    if value == 0:
        return True
    mantissa = abs(value) / 10 ** np.floor(np.log10(abs(value)))  # 1 ≤ mantissa < 10
    return bool(np.isclose(2 * mantissa, np.round(2 * mantissa), atol=1e-6))


def levels_are_round(levels) -> bool:
    """Each level is round, or all are multiples of one 1-2-2.5-5 step (0.2, 0.4, …, 1.8)."""
    levels = np.asarray(levels, dtype=float)
    if all(_is_round(v) for v in levels):
        return True
    span = np.ptp(levels) if levels.size > 1 else abs(float(levels[0])) or 1.0
    for exponent in range(int(np.floor(np.log10(span))) - 2, int(np.floor(np.log10(span))) + 1):
        for unit in (1, 2, 2.5, 5):
            step = unit * 10.0**exponent
            multiples = levels / step
            if span / step <= 40 and np.allclose(multiples, np.round(multiples), atol=1e-6):
                return True
    return False


def odd_contour_levels(figure: Figure) -> list[str]:
    """Contour sets whose levels are not round (see :func:`levels_are_round`).

    Lines through given points (gid ``"through-points"``: the contour through each iterate) have
    the points' values by design.
    """
    problems = []
    for ax in figure.axes:
        for collection in ax.collections:
            if isinstance(collection, ContourSet) and not collection.filled \
                    and collection.get_gid() != "through-points" \
                    and not levels_are_round(collection.levels):
                odd = [float(v) for v in collection.levels if not _is_round(float(v))]
                problems.append(f"contour levels not round in {ax.get_title()!r}: {odd[:4]}")
    return problems


def static_problems(label: str, figure: Figure) -> list[str]:
    width, height = natural_size(figure)
    stored = Image.open(io.BytesIO(figure_png(figure))).width
    scale = min(1.0, MAX_PNG_WIDTH / width, SLIDE[0] / width, SLIDE[1] / height)
    problems = []
    if width > MAX_NATURAL_WIDTH:
        problems.append(f"{width} px wide at its own resolution (shown at {MAX_PNG_WIDTH})")
    if stored > MAX_PNG_WIDTH:
        problems.append(f"stored {stored} px wide")
    size, text = smallest_text(figure, scale)
    if size < MIN_TEXT_PX:
        problems.append(f"text {text!r} is {size:.1f} px on screen")
    problems += legend_overlaps(figure) + clipped_artists(figure, canvas=False)
    problems += panels_without_ticks(figure) + odd_contour_levels(figure)
    return [f"{label} ({width}×{height} px): {p}" for p in problems]


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("notebook", [p.name for p in NOTEBOOKS], ids=[p.stem[:2] for p in NOTEBOOKS])
def test_static_figures_are_made_for_their_display_width(notebook):
    figures = notebook_figures(notebook)
    problems = [p for label, figure in figures for p in static_problems(label, figure)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("presentation", [False, True], ids=["reading", "presentation"])
@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_figure_fits_and_reads(name, presentation):
    style.presentation(presentation)
    try:
        with warnings.catch_warnings():
            explorer = EXPLORERS[name]()
        figure = explorer.figure
        width, height = (figure.get_size_inches() * figure.dpi).round().astype(int)
        limit = SLIDE[0] if presentation else MAX_PNG_WIDTH
        problems = []
        if width > limit:
            problems.append(f"{width} px wide (the {'slide' if presentation else 'notebook'} "
                            f"shows {limit})")
        size, text = smallest_text(figure, min(1.0, limit / width))
        if size < MIN_TEXT_PX:
            problems.append(f"text {text!r} is {size:.1f} px on screen")
        problems += legend_overlaps(figure) + clipped_artists(figure, canvas=True)
        problems += odd_contour_levels(figure)
    finally:
        style.presentation(False)
    assert not problems, f"{name} ({width}×{height} px):\n" + "\n".join(problems)


# --------------------------------------------------------------------------- the checks see faults


def test_the_checks_see_small_text_a_covering_legend_a_cut_label_and_odd_levels():
    from lecture_utils.figures.base import new_figure

    fig, (ax,) = new_figure(width_ratio=1.6)  # 1,440 px: shrunk to 930
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="diagonal")
    ax.legend(loc="center")  # on the line
    ax.text(0.99, 0.5, "cut label", clip_on=True)
    ax.contour(*np.meshgrid(x, x), np.add.outer(x, x), levels=[0.33, 1.8])
    problems = "\n".join(static_problems("fault", fig))
    assert "px wide at its own resolution" in problems
    assert "covers" in problems and "'diagonal'" in problems
    assert "cut label" in problems and "not round" in problems
    small, _ = smallest_text(fig, min(1.0, MAX_PNG_WIDTH / natural_size(fig)[0]))
    fig2, (ax2,) = new_figure()
    ax2.set_xlabel("tiny", fontsize=5)
    assert "tiny" in " ".join(static_problems("fault", fig2))
    assert small < smallest_text(fig, 1.0)[0]


def test_the_canvas_check_sees_text_outside_the_figure_but_not_ticks_beyond_the_view():
    from lecture_utils.figures.base import new_figure

    fig, (ax,) = new_figure()
    ax.plot([0, 1], [0, 1])
    ax.set_xticks([0, 0.5, 1, 2, 3])  # ticks at 2 and 3 are far right of the figure, never drawn
    ax.set_xlim(0, 1)
    _renderer(fig)
    assert "3.0" in [t.get_text() for t in ax.get_xticklabels()]  # Matplotlib lists them
    assert clipped_artists(fig, canvas=True) == []
    fig.text(1.02, 0.5, "beyond the edge")
    assert clipped_artists(fig, canvas=True) == ["text 'beyond the edge' is outside the figure"]


def test_the_checks_pass_a_figure_made_for_its_width():
    from lecture_utils.figures.base import new_figure

    fig, (ax,) = new_figure()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="diagonal")
    ax.legend(loc="upper left")
    assert static_problems("fine", fig) == []


def test_round_levels():
    assert all(_is_round(v) for v in (0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 40, 250, 1e-3, 0, -2))
    assert not any(_is_round(v) for v in (0.33, 1.8, 3.2, 0.74, 17))
    assert levels_are_round([0.2, 0.4, 0.6, 1.8]) and levels_are_round([0.01, 0.1, 0.5, 2, 10])
    assert not levels_are_round([0.02, 0.26, 0.5, 0.74, 0.98])
    assert not levels_are_round([0.33, 1.8, 3.2])
