"""Drawing helpers and style: what a reader sees, checked on the artists."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from lecture_utils import style
from lecture_utils.figures.overview import MIND_MAP_EDGES, MIND_MAP_NODES, draw_mind_map
from lecture_utils.figures.derivatives import SecantView, plot_step_errors, secant_small_multiples
from lecture_utils.figures.taylor import TaylorView, taylor_small_multiples
from lecture_utils.figures.base import evaluate_quietly, new_figure, y_limits
from lecture_utils.maths.taylor import taylor_coefficients


def test_roles_differ_in_line_style_or_marker_not_only_in_colour():
    looks = {(r["linestyle"], r["marker"]) for r in style.ROLES.values()}
    assert len(looks) == len(style.ROLES)


def test_palette_is_okabe_ito():
    assert style.PALETTE["vermillion"] == "#D55E00" and style.PALETTE["blue"] == "#0072B2"


def test_figures_have_opaque_white_faces_for_the_dark_theme():
    fig, (ax,) = new_figure()
    assert to_rgba(fig.get_facecolor()) == (1, 1, 1, 1)
    assert to_rgba(ax.get_facecolor()) == (1, 1, 1, 1)
    assert style.rc()["savefig.transparent"] is False


def test_presentation_size_is_larger_and_switches_back():
    normal = new_figure()[0].get_size_inches()
    normal_font = style.rc()["font.size"]
    style.presentation(True)
    try:
        large = new_figure()[0].get_size_inches()
        assert style.rc()["font.size"] >= 1.3 * normal_font
    finally:
        style.presentation(False)
    assert large[0] > normal[0]
    assert np.allclose(new_figure()[0].get_size_inches(), normal)
    with pytest.raises(TypeError, match="on"):
        style.presentation("yes")


def test_style_does_not_leak_into_the_students_own_rcparams():
    import matplotlib as mpl

    before = mpl.rcParams["axes.grid"]
    new_figure()
    assert mpl.rcParams["axes.grid"] == before


def test_evaluate_quietly_gives_nan_outside_the_domain_without_warnings():
    with np.errstate(all="raise"):
        values = evaluate_quietly(np.log, np.array([-1.0, 1.0]))
    assert np.isnan(values[0]) and values[1] == 0.0


def test_y_limits_ignore_poles():
    values = np.concatenate([np.linspace(-1, 1, 100), [1e12]])
    low, high = y_limits(values)
    assert high < 10


def test_secant_view_update_returns_the_quotient_and_moves_the_points():
    view = SecantView.draw(np.square, lambda x: 2 * x, 1.0, 0.5)
    slope, exact = view.update(1.0, 0.5)
    assert slope == pytest.approx(2.5) and exact == pytest.approx(2.0)
    xs, ys = view.artists["points"].get_data()
    assert list(xs) == [1.0, 1.5] and list(ys) == [1.0, 2.25]


def test_taylor_view_shows_the_prefix_it_is_given():
    xs = np.linspace(-1, 1, 11)
    fig, (ax, ax_err) = new_figure(1, 2)
    view = TaylorView.draw(xs, np.exp(xs), ax=ax, ax_error=ax_err)
    c = taylor_coefficients("exp(x)", 0.0, 5)
    error = view.update(c[:2], 0.0)
    np.testing.assert_allclose(view.artists["polynomial"].get_ydata(), 1 + xs)
    assert error == pytest.approx(np.max(np.abs(np.exp(xs) - 1 - xs)))
    assert view.update(c, 0.0) < error


def test_small_multiples_have_one_panel_per_setting_and_shade_the_interval():
    fig = taylor_small_multiples("log(1 + x)", 0.0, orders=(2, 5, 10), x_range=(-0.9, 2), radius=1.0)
    assert len(fig.axes) == 4
    assert any(p.get_label() == "interval of convergence" for p in fig.axes[0].patches)
    fig = secant_small_multiples(np.sin, np.cos, 0.5, steps=(1.0, 0.5, 0.1))
    assert len(fig.axes) == 3
    assert "δx = 0.1" in fig.axes[2].get_title()


def test_step_error_plot_is_log_log_with_reference_slopes():
    h = np.logspace(-8, -1, 8)
    ax = plot_step_errors(h, {"forward": h, "central": h**2})
    assert ax.get_xscale() == ax.get_yscale() == "log"
    labels = [line.get_label() for line in ax.get_lines()]
    assert "forward" in labels and any("slope 2" in label for label in labels)
    with pytest.raises(ValueError, match="steps"):
        plot_step_errors([1e-3, float("nan")], {"forward": [1, 1]})


def test_mind_map_draws_every_concept_and_relation():
    ax = draw_mind_map()
    texts = [t.get_text() for t in ax.texts]
    for name in MIND_MAP_NODES:
        assert any(text.startswith(name) for text in texts)
    assert len(ax.patches) + len([c for c in ax.get_children() if type(c).__name__ == "Annotation"]) >= len(MIND_MAP_EDGES)


def test_step_error_reference_lines_can_be_told_apart():
    h = np.logspace(-8, -1, 8)
    ax = plot_step_errors(h, {"forward": h, "central": h**2})
    references = [line for line in ax.get_lines() if line.get_label().startswith("slope")]
    assert len(references) == 2
    assert references[0]._dash_pattern != references[1]._dash_pattern   # not the same dashes


def test_mind_map_relations_say_what_the_lecture_says():
    edges = {(start, end): label for start, end, label in MIND_MAP_EDGES}
    partials = "Partial derivatives\n& gradient"
    assert edges[(partials, "Jacobian")] == "vector-valued f"       # the Jacobian collects partials
    assert edges[("Chain rule", "Backpropagation")] == "layer by layer"
    assert ("Jacobian", "Backpropagation") in edges
    assert ("Chain rule", "Jacobian") not in edges


def test_mind_map_labels_sit_beside_their_arrows_not_on_them():
    ax = draw_mind_map()
    labels = {t.get_text(): t.get_position() for t in ax.texts if "[notebook" not in t.get_text()}
    for start, end, label in MIND_MAP_EDGES:
        if not label:
            continue
        (x1, y1, _), (x2, y2, _) = MIND_MAP_NODES[start], MIND_MAP_NODES[end]
        lx, ly = labels[label]
        # distance from the label's anchor to the line through the arrow
        distance = abs((x2 - x1) * (y1 - ly) - (x1 - lx) * (y2 - y1)) / np.hypot(x2 - x1, y2 - y1)
        assert distance > 0.02, label


def test_taylor_small_multiples_label_every_x_axis_and_floor_rounding_noise():
    fig = taylor_small_multiples("sin(x) + cos(x)", 0.0, orders=(1, 9), x_range=(-6, 6))
    top, error_ax = fig.axes[:2], fig.axes[-1]
    fig.canvas.draw()
    for ax in top:
        assert any(t.get_text() for t in ax.get_xticklabels()), "top panel without x tick labels"
    from lecture_utils.figures.taylor import rounding_floor
    floor = rounding_floor(np.sin(np.linspace(-6, 6, 400)) + np.cos(np.linspace(-6, 6, 400)))
    error_lines = [line for line in error_ax.get_lines() if line.get_label().startswith("n = ")]
    order_9 = np.asarray(error_lines[1].get_ydata())
    assert order_9.min() == floor                       # noise below the level sits on it...
    assert np.sum(order_9 == floor) >= 3                # ...flat, for several grid points
    assert error_ax.get_ylim()[0] == pytest.approx(floor / 10)


def test_taylor_view_floors_the_error_of_its_own_function():
    xs = np.linspace(-1, 1, 11)
    fig, (ax, ax_err) = new_figure(1, 2)
    view = TaylorView.draw(xs, 5 * np.exp(xs), ax=ax, ax_error=ax_err)
    c = taylor_coefficients("5*exp(x)", 0.0, 30)
    view.update(c, 0.0)
    floor = 1e-14 * 5 * np.e
    assert np.asarray(view.artists["error"].get_ydata()).min() == pytest.approx(floor)


def _two_panels_with_legends(relayout: bool) -> list:
    from lecture_utils.figures.base import legend_inside, place_legend

    fig, axes = new_figure(1, 2)
    x = np.linspace(1, 10, 50)
    axes[0].plot(x, x, label="rising")                       # upper left stays free
    axes[1].semilogy(x, np.exp(-x), label="falling")         # upper right stays free
    axes[1].semilogy(x, np.exp(-x / 3), label="slower")
    first = place_legend(axes[0])
    assert legend_inside(first)
    second = place_legend(axes[1], relayout=relayout)
    return [(legend._loc, legend_inside(legend)) for legend in (first, second)]


def test_a_legend_placed_without_a_new_layout_pass_after_an_inside_one_lands_where_it_would():
    """place_legend(relayout=False) reuses the layout of the previous call; a legend inside
    its axes moved nothing, so the corner chosen must be the one a new layout pass gives."""
    assert _two_panels_with_legends(False) == _two_panels_with_legends(True)


def test_agg_figures_keep_their_renderer_so_math_text_is_parsed_once():
    """A second layout pass of a figure from new_figure measures and parses no text again
    (its Agg canvas keeps the renderer and its caches); Matplotlib's default canvas would."""
    from matplotlib.figure import Figure
    from matplotlib.mathtext import MathTextParser

    from lecture_utils.figures.rendering import lay_out

    def parses_in_second_pass(fig) -> int:
        fig.axes[0].semilogy([1, 2, 3], [1e-6, 1e-2, 1e2])   # log ticks: math text labels
        lay_out(fig)
        before = MathTextParser._parse_cached.cache_info().misses
        lay_out(fig)
        return MathTextParser._parse_cached.cache_info().misses - before

    fig, _ = new_figure()
    plain = Figure(figsize=fig.get_size_inches())
    plain.add_subplot()
    assert parses_in_second_pass(fig) == 0
    assert parses_in_second_pass(plain) > 0
