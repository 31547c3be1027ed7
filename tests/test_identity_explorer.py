"""Identity explorer and its drawings: the arrays shown are verify_identity's, updated in place."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from lecture_utils.figures.identities import IdentityView, as_matrix, identity_small_multiples
from lecture_utils.maths.identities import IDENTITIES, verify_identity
from lecture_utils.explorers.identities import IdentityExplorer, identity_explorer


def shown(explorer: IdentityExplorer) -> list[np.ndarray]:
    """The arrays the three heat maps hold now (left, right, difference)."""
    return [np.asarray(image.get_array()) for image in explorer.view.images]


def expected(name: str, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    check = verify_identity(name, size, np.random.default_rng(seed))
    return as_matrix(check.left), as_matrix(check.right)


def has_error(explorer: IdentityExplorer) -> bool:
    return "lu-error" in explorer.status._dom_classes


@pytest.fixture
def explorer() -> IdentityExplorer:
    return identity_explorer("aT X^-1 b", size=3, seed=0)


def test_css_classes_and_initial_state(explorer):
    assert {"lu-explorer", "lu-identity-explorer"} <= set(explorer.widget._dom_classes)
    assert "lu-status" in explorer.status._dom_classes
    assert not has_error(explorer)
    left, right, difference = shown(explorer)
    want_left, want_right = expected("aT X^-1 b", 3, 0)
    np.testing.assert_array_equal(left, want_left)
    np.testing.assert_array_equal(right, want_right)
    np.testing.assert_array_equal(difference, want_left - want_right)


def test_seed_change_updates_the_data_of_the_same_artists(explorer):
    images = list(explorer.view.images)
    before = shown(explorer)[0].copy()
    explorer.seed.value = 5
    assert explorer.view.images == images          # no new artists: data moved in
    left, right, _ = shown(explorer)
    want_left, want_right = expected("aT X^-1 b", 3, 5)
    np.testing.assert_array_equal(left, want_left)
    np.testing.assert_array_equal(right, want_right)
    assert not np.allclose(left, before)
    # the colour scale follows the new numbers, symmetric about 0
    scale = max(np.abs(want_left).max(), np.abs(want_right).max())
    assert explorer.view.images[0].get_clim() == pytest.approx((-scale, scale))


def test_size_change_moves_images_in_place_without_a_full_redraw(explorer, monkeypatch):
    view, limits = explorer.view, [ax.get_xlim() + ax.get_ylim() for ax in explorer.view.axes]
    full_redraws = []
    monkeypatch.setattr(explorer.blitter, "full_redraw", lambda: full_redraws.append(1))
    explorer.blitter._background = object()            # as after a first draw on screen
    monkeypatch.setattr(explorer.canvas, "restore_region", lambda background: None)
    explorer.size.value = 5
    assert explorer.view is view and full_redraws == []
    assert [ax.get_xlim() + ax.get_ylim() for ax in view.axes] == limits
    assert np.asarray(view.images[0].get_array()).shape == (5, 5)
    assert "n = 5" in explorer.status_text


@pytest.mark.parametrize("size", [1, 2, 6])
def test_size_change_shows_arrays_of_the_new_shape(explorer, size):
    explorer.size.value = size
    left, right, _ = shown(explorer)
    want_left, want_right = expected("aT X^-1 b", size, 0)
    assert left.shape == (size, size)
    np.testing.assert_array_equal(left, want_left)
    np.testing.assert_array_equal(right, want_right)


@pytest.mark.parametrize("name", list(IDENTITIES))
def test_every_identity_in_the_dropdown(explorer, name):
    explorer.identity.value = name
    explorer.seed.value = 3
    assert not has_error(explorer), explorer.status_text
    left, right, _ = shown(explorer)
    want_left, want_right = expected(name, 3, 3)
    np.testing.assert_array_equal(left, want_left)
    np.testing.assert_array_equal(right, want_right)
    assert explorer.status_text.endswith("holds: True")
    assert name in explorer.status_text
    assert IDENTITIES[name].latex[:20] in explorer.formula.value


def test_status_gives_error_tolerance_and_holds(explorer):
    explorer.seed.value = 11
    check = verify_identity("aT X^-1 b", 3, np.random.default_rng(11))
    text = explorer.status_text
    assert f"relative error {check.error:.1e}" in text
    assert f"tolerance {check.tolerance:.1e}" in text
    assert "seed 11" in text and text.endswith(f"holds: {check.holds}")


def test_callback_error_goes_to_the_status_line(explorer, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("needs invertible matrices")

    monkeypatch.setattr("lecture_utils.maths.identities.verify_identity", broken)
    before = shown(explorer)[0].copy()
    explorer.seed.value = 9
    assert has_error(explorer) and "needs invertible matrices" in explorer.status_text
    np.testing.assert_array_equal(shown(explorer)[0], before)   # last good picture stays
    monkeypatch.undo()
    explorer.seed.value = 10
    assert not has_error(explorer)


def test_readouts_change_with_the_seed_even_for_size_1(explorer):
    explorer.size.value = 1
    texts = [t.get_text() for t in explorer.view.readouts]
    explorer.seed.value = 1
    assert [t.get_text() for t in explorer.view.readouts] != texts


def test_invalid_arguments():
    with pytest.raises(ValueError, match="name must be one of"):
        identity_explorer("x^2")
    with pytest.raises(ValueError, match="size"):
        identity_explorer(size=9)


def test_view_rejects_another_shape():
    view = IdentityView.draw(verify_identity("xT B x", 3, 0))
    with pytest.raises(ValueError, match="shape"):
        view.update(verify_identity("xT B x", 4, 0))


def test_tensor_identities_are_flattened():
    check = verify_identity("f(X)^-1", 2, 0)
    view = IdentityView.draw(check)
    assert np.asarray(view.images[0].get_array()).shape == (4, 4)
    np.testing.assert_array_equal(np.asarray(view.images[0].get_array()),
                                  check.left.reshape(4, 4))


def test_static_counterpart_has_the_expected_panels():
    names = ["aT X^-1 b", "aT X b", "xT B x"]
    fig = identity_small_multiples(names, size=3, seed=0)
    assert isinstance(fig, Figure) and len(fig.axes) == 9
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["left (numerical)", "right (closed form)", "left − right"] * 3
    for row, name in enumerate(names):
        ax_left, ax_right, _ = fig.axes[3 * row: 3 * row + 3]
        assert name in ax_left.get_ylabel() and "holds: True" in ax_left.get_ylabel()
        want_left, want_right = expected(name, 3, 0)
        np.testing.assert_array_equal(np.asarray(ax_left.images[0].get_array()), want_left)
        np.testing.assert_array_equal(np.asarray(ax_right.images[0].get_array()),
                                      want_right)
        cells = [t.get_text() for t in ax_left.texts if t.get_text() and "max" not in t.get_text()]
        assert len(cells) == want_left.size       # entries written in the cells
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="names must be keys"):
        identity_small_multiples(["nonsense"])
