"""Convexity tests: second-order (Hessian on a grid), chords and tangents."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from lecture_utils.maths.convexity import (
    chord_gaps, hessian_eigenvalues_on_grid, is_convex_on_box, tangent_gaps,
)

BOX = [(-1.0, 1.0), (-1.0, 1.0)]


@pytest.mark.parametrize("f, box, convex", [
    ("x1^2 + x1*x2 + x2^2", BOX, True),
    ("x1^2 + 3*x1*x2 + x2^2", BOX, False),          # diagonal > 0 but indefinite
    ("exp(x1) + x2^2", BOX, True),
    ("x1^4 - x1*x2 + x2^2", BOX, False),            # not convex near x1 = 0
    ("x1^4 - x1*x2 + x2^2", [(0.5, 1.0), (-1.0, 1.0)], True),
    ("log(x1) + x2^2", [(0.5, 2.0), (-1.0, 1.0)], False),   # log is concave
])
def test_verdicts(f, box, convex):
    verdict = is_convex_on_box(f, ("x1", "x2"), box)
    assert verdict.convex is convex
    if not convex:
        H, points, eigenvalues = hessian_eigenvalues_on_grid(f, ("x1", "x2"), [
            (w, w + 1e-9) for w in verdict.witness], resolution=2)
        assert eigenvalues[0, 0] < 0
        assert all(lo <= w <= hi for w, (lo, hi) in zip(verdict.witness, box))


def test_a_hessian_undefined_on_the_box_is_a_named_error():
    with pytest.raises(ValueError, match="not twice differentiable"):
        is_convex_on_box("log(x1)", ["x1"], [(-1, 1)])


@pytest.mark.parametrize("kwargs, name", [
    (dict(f="x^2", variables=["x"], box=[(1, 0)]), "box"),
    (dict(f="x^2", variables=["x"], box="nope"), "box"),
    (dict(f="import os", variables=["x"], box=[(0, 1)]), "f"),
    (dict(f="x^2", variables="x", box=[(0, 1)]), "variables"),
    (dict(f="x^2", variables=["x"], box=[(0, 1)], resolution=1), "resolution"),
])
def test_bad_arguments_are_named(kwargs, name):
    with pytest.raises((TypeError, ValueError), match=name):
        is_convex_on_box(**kwargs)


coefficients = st.integers(-12, 12).map(lambda k: k / 4)   # exact in binary and in the parser


@settings(max_examples=50, deadline=None)
@given(a=coefficients, b=coefficients, c=coefficients)
def test_a_quadratic_is_convex_exactly_when_its_matrix_is_psd(a, b, c):
    f = f"{a!r}*x1^2 + {b!r}*x1*x2 + {c!r}*x2^2"
    H = np.array([[2 * a, b], [b, 2 * c]])
    psd = np.linalg.eigvalsh(H)[0] >= -1e-9 * max(1.0, np.abs(H).max())
    assert is_convex_on_box(f, ("x1", "x2"), BOX, resolution=3).convex == psd


@settings(max_examples=50, deadline=None)
@given(x=st.floats(-3, 3), y=st.floats(-3, 3))
def test_chords_above_and_tangents_below_a_convex_function(x, y):
    f = lambda v: float(np.exp(v[0]) + v[0] ** 2)      # noqa: E731
    g = lambda v: np.exp(v) + 2 * v                    # noqa: E731
    assert np.all(chord_gaps(f, [x], [y]) <= 1e-9 * (1 + abs(f([x])) + abs(f([y]))))
    assert np.all(tangent_gaps(f, g, [x], [[y]]) >= -1e-9 * (1 + abs(f([y]))))


def test_a_chord_below_the_graph_proves_non_convexity():
    f = lambda v: float(v[0] ** 4 / 4 - v[0] ** 2)      # noqa: E731
    assert chord_gaps(f, [-1.0], [1.0], [0.5])[0] > 0
