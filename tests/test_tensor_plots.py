"""Tensor drawings and the reshape explorer: panels, cells, values, highlights, errors."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from lecture_utils.maths.jacobians import flatten_jacobian
from lecture_utils.figures.jacobians import (
    DIVERGING_CMAP,
    draw_matrix,
    draw_reshape,
    draw_tensor_slices,
    format_value,
)
from lecture_utils.explorers.jacobians import reshape_explorer

RNG = np.random.default_rng(7)
T = RNG.normal(size=(4, 2, 3)).round(3)


def cell_numbers(texts: np.ndarray) -> np.ndarray:
    return np.vectorize(lambda t: float(t.get_text()))(texts)


def test_tensor_slices_have_one_panel_per_last_index_and_every_cell_written():
    drawing = draw_tensor_slices(T, labels=["∂A/∂x₁", "∂A/∂x₂", "∂A/∂x₃"], decimals=3)
    assert len(drawing.axes) == 3 and len(drawing.images) == 3
    assert [ax.get_title() for ax in drawing.axes] == ["∂A/∂x₁", "∂A/∂x₂", "∂A/∂x₃"]
    for k, (ax, image) in enumerate(zip(drawing.axes, drawing.images)):
        assert np.array_equal(image.get_array(), T[:, :, k])
        assert len(ax.texts) == 4 * 2                              # one number per cell
    assert drawing.texts.shape == T.shape
    assert np.allclose(cell_numbers(drawing.texts), T)
    # each text sits in the panel of its slice, at its (column, row)
    text = drawing.texts[3, 1, 2]
    assert text.axes is drawing.axes[2] and text.get_position() == (1, 3)


def test_slicing_along_the_first_axis_gives_one_panel_per_component():
    J = RNG.normal(size=(3, 3, 4))
    drawing = draw_tensor_slices(J, axis=0)
    assert len(drawing.axes) == 3
    assert np.array_equal(drawing.images[1].get_array(), J[1])
    assert drawing.texts[1, 2, 3].axes is drawing.axes[1]
    assert np.allclose(cell_numbers(drawing.texts), J, atol=0.0051)


def test_colour_scale_is_diverging_symmetric_and_shared():
    drawing = draw_tensor_slices(T)
    limit = np.max(np.abs(T))
    for image in drawing.images:
        assert image.get_cmap().name == DIVERGING_CMAP
        assert image.get_clim() == (-limit, limit)
    # zero is (nearly) white in the middle of the map
    assert np.allclose(drawing.images[0].get_cmap()(0.5)[:3], 1.0, atol=0.04)


def test_faces_are_white_for_dark_themes():
    drawing = draw_matrix(np.eye(2))
    assert to_rgba(drawing.figure.get_facecolor()) == (1, 1, 1, 1)
    assert to_rgba(drawing.ax.get_facecolor()) == (1, 1, 1, 1)


def test_matrix_cells_and_labels_match_the_array():
    values = np.array([[1.0, -2.5, 0.0], [0.125, 3.0, -0.0001]])
    drawing = draw_matrix(values, row_labels=["a", "b"], column_labels=["x", "y", "z"],
                          title="M", decimals=2)
    assert [t.get_text() for t in drawing.texts.ravel()] == \
        ["1.00", "-2.50", "0", "0.12", "3.00", "-0.00"]
    assert [t.get_text() for t in drawing.ax.get_yticklabels()] == ["a", "b"]
    assert [t.get_text() for t in drawing.ax.get_xticklabels()] == ["x", "y", "z"]
    assert drawing.ax.get_title() == "M"


def test_format_value_writes_exact_zero_as_0_and_never_minus_zero():
    assert format_value(0.0) == "0" and format_value(-0.0) == "0"
    assert format_value(-1e-9, 2) == "-0.00" and format_value(1 / 3, 3) == "0.333"


@pytest.mark.parametrize("function, argument, name", [
    (draw_tensor_slices, np.ones((2, 2)), "T"),
    (draw_tensor_slices, np.ones((2, 2, 2, 2)), "T"),
    (draw_matrix, np.ones(3), "M"),
    (draw_matrix, np.ones((2, 2, 2)), "M"),
    (draw_reshape, np.ones((8, 3)), "T"),
])
def test_wrong_ndim_raises_a_value_error_naming_the_parameter_and_the_shape(function, argument,
                                                                            name):
    with pytest.raises(ValueError) as info:
        function(argument)
    message = str(info.value)
    assert message.startswith(f"{name} must be a ") and str(argument.shape) in message


def test_label_and_axes_counts_are_checked():
    with pytest.raises(ValueError, match="labels must hold 3 labels"):
        draw_tensor_slices(T, labels=["a", "b"])
    with pytest.raises(ValueError, match="axes must hold one Axes per slice"):
        draw_tensor_slices(T, axes=draw_matrix(np.eye(2)).figure.axes)
    with pytest.raises(ValueError, match="row_labels must hold 2 labels"):
        draw_matrix(np.eye(2), row_labels=["a"])
    with pytest.raises(TypeError, match="highlight must be"):
        draw_reshape(T, highlight=(1, 2))
    with pytest.raises(ValueError, match="i must be an integer from 0 to 3"):
        draw_reshape(T, highlight=(4, 0, 0))


def test_reshape_shows_the_flattened_matrix_with_row_major_row_labels():
    view = draw_reshape(T, highlight=(2, 1, 0))
    assert len(view.tensor.axes) == 3
    flat = flatten_jacobian(T, (4, 2), (3,))
    assert np.allclose(cell_numbers(view.matrix.texts), flat, atol=0.0051)  # 2 decimals
    labels = [t.get_text() for t in view.matrix.ax.get_yticklabels()]
    assert labels == ["A₁₁", "A₁₂", "A₂₁", "A₂₂", "A₃₁", "A₃₂", "A₄₁", "A₄₂"]
    assert [t.get_text() for t in view.matrix.ax.get_xticklabels()] == ["x₁", "x₂", "x₃"]
    # the highlighted entry: the same number in the slice and in the flattened row n·i + j
    assert view.entry.row == 2 * 2 + 1 and view.entry.value == T[2, 1, 0]
    assert view.tensor.texts[2, 1, 0].get_text() == view.matrix.texts[5, 0].get_text()


def test_reshape_update_moves_the_outlines_to_the_entry_in_both_drawings():
    view = draw_reshape(T, highlight=(0, 0, 0))
    entry = view.update(3, 1, 2)
    a = view.artists
    assert entry.row == 7 and entry.value == T[3, 1, 2]
    assert a["flat"].get_xy() == (2 - 0.5, 7 - 0.5)                 # column k, row n·i + j
    assert a["row"].get_xy() == (-0.5, 7 - 0.5)
    assert a["cell2"].get_visible() and not a["cell0"].get_visible()
    assert a["cell2"].get_xy() == (1 - 0.5, 3 - 0.5)                 # column j, row i
    assert a["cell2"].axes is view.tensor.axes[2]
    assert a["arrow"].axesA is view.tensor.axes[2]


@pytest.fixture
def explorer():
    return reshape_explorer(T, entry=(1, 1, 1))


def pixels(explorer) -> np.ndarray:
    return np.asarray(explorer.canvas.get_renderer().buffer_rgba()).copy()


def test_reshape_explorer_has_the_css_classes_and_three_sliders(explorer):
    assert {"lu-explorer", "lu-reshape-explorer"} <= set(explorer.widget._dom_classes)
    assert "lu-status" in explorer.status._dom_classes
    assert (explorer.i.max, explorer.j.max, explorer.k.max) == (4, 2, 3)


@pytest.mark.parametrize("control, value, expected", [
    ("i", 3, (2, 0, 0)), ("j", 2, (0, 1, 0)), ("k", 3, (0, 0, 2)),
])
def test_each_slider_moves_the_highlight_and_the_status_names_the_entry(explorer, control, value,
                                                                        expected):
    before_xy = explorer.view.artists["flat"].get_xy()
    before = pixels(explorer)
    getattr(explorer, control).value = value
    i, j, k = expected
    row = 2 * i + j
    assert explorer.view.artists["flat"].get_xy() == (k - 0.5, row - 0.5) != before_xy
    assert not np.array_equal(pixels(explorer), before)
    text = explorer.status_text
    assert f"∂A{'₁₂₃₄'[i]}{'₁₂'[j]}/∂x{'₁₂₃'[k]}" in text
    assert f"T[{i}, {j}, {k}]" in text and f"= {row}, column {k}" in text
    assert "lu-error" not in explorer.status._dom_classes


def test_reshape_explorer_rejects_bad_arguments_with_named_errors():
    with pytest.raises(ValueError, match="T must be a 3-dimensional array, got shape"):
        reshape_explorer(np.ones((8, 3)))
    with pytest.raises(ValueError, match="entry k must be an integer from 1 to 3"):
        reshape_explorer(T, entry=(1, 1, 4))
    with pytest.raises(ValueError, match="at least 2 indices"):
        reshape_explorer(np.ones((4, 1, 3)))
