"""Explorers: a control change updates the figure in place; errors show in the widget."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from lecture_utils import secant_explorer, taylor_explorer
from lecture_utils.maths.finite_differences import difference_quotient
from lecture_utils.style import presentation


def pixels(explorer) -> np.ndarray:
    return np.asarray(explorer.canvas.get_renderer().buffer_rgba()).copy()


def has_error(explorer) -> bool:
    return "lu-error" in explorer.status._dom_classes


@pytest.fixture
def taylor():
    return taylor_explorer("sin(x) + cos(x)", order=3)


@pytest.fixture
def secant():
    return secant_explorer("x^3/3 - x", x=0.5, dx=1.5)


def test_explorers_carry_the_css_classes_the_browser_tests_look_for(taylor, secant):
    assert {"lu-explorer", "lu-taylor-explorer"} <= set(taylor.widget._dom_classes)
    assert {"lu-explorer", "lu-secant-explorer"} <= set(secant.widget._dom_classes)
    assert "lu-status" in taylor.status._dom_classes


def test_order_slider_moves_the_polynomial_and_the_pixels(taylor):
    line = taylor.view.artists["polynomial"]
    before_data, before_pixels = line.get_ydata().copy(), pixels(taylor)
    taylor.order.value = 7
    assert not np.allclose(line.get_ydata(), before_data, equal_nan=True)
    assert not np.array_equal(pixels(taylor), before_pixels)
    assert taylor.status_text.startswith("T₇")
    assert not has_error(taylor)


def test_higher_order_is_more_accurate_near_the_expansion_point(taylor):
    near = np.abs(taylor.xs) < 1
    errors = []
    for order in (1, 5, 11):
        taylor.order.value = order
        polynomial = taylor.view.artists["polynomial"].get_ydata()
        errors.append(np.max(np.abs(polynomial[near] - taylor.view.fx[near])))
    assert errors[0] > errors[1] > errors[2]


def test_expansion_point_slider_recomputes_the_coefficients(taylor):
    taylor.x0.value = 1.0
    marker_x, marker_y = taylor.view.artists["x0"].get_data()
    assert marker_x[0] == 1.0
    assert marker_y[0] == pytest.approx(np.sin(1.0) + np.cos(1.0), rel=1e-12)


def test_a_function_that_does_not_parse_shows_the_message_and_the_explorer_keeps_working(taylor):
    before = taylor.view.fx.copy()
    taylor.picker.text.value = "__import__('os')"
    assert has_error(taylor)
    assert "_" in taylor.status_text or "not allowed" in taylor.status_text
    np.testing.assert_array_equal(taylor.view.fx, before)   # the old function stays
    taylor.order.value = 4                                   # still responds
    taylor.picker.text.value = "x^2"
    assert not has_error(taylor)
    np.testing.assert_allclose(taylor.view.fx, taylor.xs**2)


def test_a_point_where_the_function_is_not_analytic_is_reported_in_the_widget():
    explorer = taylor_explorer("log(1 + x)", order=3)
    explorer.x0.value = -1.0
    assert has_error(explorer)
    assert "analytic" in explorer.status_text
    explorer.x0.value = 0.5
    assert not has_error(explorer)


def test_dropdown_switches_function_and_rescales(taylor):
    taylor.picker.dropdown.value = "exp x"
    np.testing.assert_allclose(taylor.view.fx, np.exp(taylor.xs), rtol=1e-12)
    assert taylor.view.ax.get_ylim()[1] > 10


def test_secant_slope_matches_the_difference_quotient(secant):
    secant.dx.value = 0.01
    x, dx = secant.x.value, secant.dx.value
    slope = difference_quotient(lambda t: t**3 / 3 - t, x, dx)
    secant_line = secant.view.artists["secant"].get_ydata()
    xs = secant.view.xs
    measured = (secant_line[-1] - secant_line[0]) / (xs[-1] - xs[0])
    assert measured == pytest.approx(slope, rel=1e-9)
    assert f"{slope:.6f}" in secant.status_text


def test_secant_turns_into_the_tangent(secant):
    gaps = []
    for dx in (1.0, 0.1, 0.01):
        secant.dx.value = dx
        gaps.append(np.max(np.abs(secant.view.artists["secant"].get_ydata()
                                  - secant.view.artists["tangent"].get_ydata())))
    assert gaps[0] > gaps[1] > gaps[2]


def test_typed_function_in_the_secant_explorer(secant):
    secant.picker.text.value = "sin("
    assert has_error(secant) and "(" in secant.status_text
    secant.picker.text.value = "exp(x)"
    assert not has_error(secant)
    assert "f(x) = exp(x)" in secant.status_text


def test_display_bundle_has_a_picture_and_a_stable_text(taylor):
    bundle = taylor._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("TaylorExplorer")
    assert "0x" not in bundle["text/plain"]
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    # the moving artists are in the picture even though they are drawn by blitting
    assert all(artist.get_animated() for artist in taylor.blitter.artists)


def test_bad_arguments_name_the_parameter():
    with pytest.raises(ValueError, match="order"):
        taylor_explorer(order=41)
    with pytest.raises(ValueError, match="dx"):
        secant_explorer(dx=-1.0)
    with pytest.raises(ValueError, match="parse|unknown|not allowed|name"):
        taylor_explorer("foo(x)")


def test_presentation_mode_makes_sliders_wider_and_fonts_larger():
    normal = taylor_explorer()
    presentation(True)
    try:
        large = taylor_explorer()
    finally:
        presentation(False)
    assert int(large.order.layout.width[:-2]) > int(normal.order.layout.width[:-2])
    assert large.figure.get_figwidth() > normal.figure.get_figwidth()
    assert "lu-presentation" in large.widget._dom_classes
    assert "lu-presentation" not in normal.widget._dom_classes
    assert "font-size" in large.widget.children[0].value   # larger labels and readouts
    assert large.figure.axes[0].title.get_fontsize() > normal.figure.axes[0].title.get_fontsize()
