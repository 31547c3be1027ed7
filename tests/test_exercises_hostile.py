"""Hostile answers get a verdict about their form, fast; hostile exercise parameters a named
TypeError/ValueError (issue 15). tests/test_hostile_inputs.py sweeps every value; these are
the cases that used to hang, overflow or leak a NumPy error."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest

from lecture_utils import make_network
from lecture_utils.exercises import (
    check_backprop,
    check_derivative,
    check_gradient_step,
    check_hessian,
    check_jacobian,
    check_step_size_bound,
    check_taylor_coefficients,
)

NET = make_network([2, 3, 1], ["tanh", "identity"], seed=5)
X, Y = np.array([0.5, -1.0]), np.array([0.2])
HUGE = 10 ** 400

# (name, call, words the printed verdict must contain)
CASES = [
    ("backprop huge", lambda a: check_backprop(a, NET, X, Y, what="A", layer=1), "too large"),
    ("derivative huge", lambda a: check_derivative(a, "x^2"), "too large"),
    ("gradient step huge", lambda a: check_gradient_step(a, 0.05), "too large"),
    ("step bound huge", lambda a: check_step_size_bound(a), "not a finite number"),
    ("taylor huge entry", lambda a: check_taylor_coefficients([1, a, 0], "cos(x)", order=2),
     "too large"),
]


@pytest.mark.parametrize("name, checker, words", CASES, ids=[c[0] for c in CASES])
def test_a_huge_integer_answer_is_refused_as_such(name, checker, words, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert checker(HUGE) == False  # noqa: E712 - a Verdict
    out = capsys.readouterr().out
    assert out.startswith("Not yet:") and words in out, out


def test_a_ragged_taylor_answer_is_refused_as_nested(capsys):
    assert check_taylor_coefficients([[1.0, [2.0]]], "cos(x)", order=2) == False  # noqa: E712
    assert "contains lists" in capsys.readouterr().out


@pytest.mark.parametrize("answer", [[1.0] * 10 ** 5, np.ones(10 ** 5), ["x1"] * 10 ** 5])
def test_a_long_hessian_is_refused_by_its_shape_at_once(answer, capsys):
    start = time.perf_counter()
    assert check_hessian(answer, "x1^2 + x2") == False  # noqa: E712
    assert time.perf_counter() - start < 2.0
    out = capsys.readouterr().out
    assert "your Hessian has shape 1×100000" in out and "2×2" in out, out


def test_bad_exercise_parameters_raise_named_errors():
    with pytest.raises(ValueError, match="what"):
        check_backprop(np.zeros((1, 3)), NET, X, Y, what=np.array([True, False]), layer=1)
    with pytest.raises(ValueError, match="step"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            check_gradient_step([-2.0, 0.0], 1e308)
    start = time.perf_counter()
    with pytest.raises(ValueError, match="f must have at most"):
        check_jacobian([["1"]], ["x1"] * 10 ** 5)
    with pytest.raises(ValueError, match="variables must name at most"):
        check_jacobian([["1"]], ["x1"], [f"x{k}" for k in range(10 ** 5)])
    assert time.perf_counter() - start < 2.0
