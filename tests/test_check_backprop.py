"""check_backprop: for each exercise of notebook 06 a table of typical wrong answers with the
words of their diagnosis, the right answer accepted, partial answers refused, and no message
that prints the expected numbers or formula."""

from __future__ import annotations

import numpy as np
import pytest

from checker_output import number_forms, run
from lecture_utils.exercises import check_backprop
from lecture_utils.maths.network import SIGMOID, TANH, backward, forward, make_network

# the network of the notebook's exercises: 2 → 3 → 1, tanh then identity
NET = make_network([2, 3, 1], ["tanh", "identity"], seed=5)
X, Y = np.array([0.5, -1.0]), np.array([0.2])
R = forward(NET, X)
D2 = -2 * (Y - R.f[2])                                   # ∂L/∂f_2
G0 = (NET.A[1].T @ D2) * TANH.derivative(R.z[0])         # ∂L/∂z_0
RIGHT = {
    ("A", 1): np.outer(D2, R.f[1]),
    ("f", 0): TANH.derivative(R.z[0])[:, None] * NET.A[0],
    ("A", 0): np.outer(G0, R.f[0]),
    ("b", 0): G0,
    ("f", 1): NET.A[1],                                  # the linear last layer: σ′_2 = 1
}
FORBIDDEN_TEXT = ("diag(σ", "gᵀ", "g_iᵀ", "⊙ σ", ".T", "np.outer", "Its entries are right")


def assert_no_answer(out: str, key: tuple[str, int]) -> None:
    for text in FORBIDDEN_TEXT:
        assert text not in out, text
    for value in np.ravel(RIGHT[key]):
        for form in number_forms(value):
            assert form not in out, form


# one row per typical wrong answer: (exercise, answer, words the diagnosis must contain)
WRONG = [
    # exercise 1: ∂L/∂A_1 of the linear last layer, 1×3
    (("A", 1), None, ["None"]),
    (("A", 1), "abc", ["could not be read"]),
    (("A", 1), np.outer(D2, R.f[1])[0], ["flat array of 3 entries", "1×3"]),       # flat
    (("A", 1), np.outer(D2, R.f[1])[:, :2], ["shape 1×2", "1×3"]),                      # partial
    (("A", 1), np.outer(D2, R.f[1]).T, ["shape 3×1", "transposed layout"]),
    (("A", 1), np.outer(D2, R.f[1]) / 2, ["half the right one", "factor 2 of the square"]),
    (("A", 1), -np.outer(D2, R.f[1]), ["the sign is wrong"]),
    (("A", 1), 2 * np.outer(D2, R.f[1]), ["twice the right value"]),
    (("A", 1), np.outer(D2, R.f[1]) + [[0, 0.5, 0]], ["1 of its 3 entries differs", "(0, 1)"]),
    (("A", 1), np.outer(D2 * TANH.derivative(R.z[1]), R.f[1]),              # tanh′ in a linear layer
     ["layer 1 is linear", "σ′_2 = 1", "derivative of tanh"]),
    (("A", 1), -np.outer(D2 * TANH.derivative(R.z[1]), R.f[1]),
     ["the sign is wrong", "layer 1 is linear"]),
    (("f", 1), TANH.derivative(R.z[1])[:, None] * NET.A[1], ["layer 1 is linear"]),
    (("A", 1), np.outer(D2, R.z[0]), ["input factor of your outer product",
                                      "pre-activation z_0", "what A_1 multiplies, is f_1"]),
    (("A", 1), np.outer(D2, R.z[0]) / 2, ["2 slips", "factor 2", "pre-activation z_0"]),
    # exercise 2: ∂f_1/∂f_0 of the tanh layer, 3×2
    (("f", 0), NET.A[0], ["A_0 itself", "σ′_1", "produces f_1", "missing"]),
    (("f", 0), TANH.derivative(R.f[1])[:, None] * NET.A[0], ["evaluated at the layer's output f_1",
                                                             "pre-activation z_0"]),
    (("f", 0), np.tanh(R.z[0])[:, None] * NET.A[0], ["the activation itself",
                                                      "derivative σ′_1"]),
    (("f", 0), (1 - R.z[0] ** 2)[:, None] * NET.A[0], ["in terms of the output f_1",
                                                        "z_0 in the place of f_1"]),
    (("f", 0), -TANH.derivative(R.z[0])[:, None] * NET.A[0], ["the sign is wrong"]),
    (("f", 0), (TANH.derivative(R.z[0])[:, None] * NET.A[0]).T, ["transposed layout"]),
    (("f", 0), TANH.derivative(R.z[0])[:, None] * NET.A[0] + [[0, 0], [0.1, 0], [0, 0]],
     ["1 of its 6 entries differs", "(1, 0)"]),
    # exercise 3: ∂L/∂A_0 through the tanh layer, 3×2
    (("A", 0), np.outer(R.f[0], G0), ["shape 2×3", "transposed layout"]),
    (("A", 0), np.outer(NET.A[1].T @ D2, R.f[0]), ["σ′_1", "missing"]),
    (("A", 0), np.outer(NET.A[1].T @ D2, R.f[0]) / 2, ["2 slips", "factor 2", "σ′_1"]),
    (("A", 0), np.outer((NET.A[1].T @ D2) * TANH.derivative(R.f[1]), R.f[0]),
     ["evaluated at the layer's output f_1"]),
    (("A", 0), np.outer((NET.A[1].T @ D2) * np.tanh(R.z[0]), R.f[0]),
     ["the activation itself"]),
    (("A", 0), -np.outer(G0, R.f[0]) / 2, ["2 slips", "sign", "factor 2"]),
    (("A", 0), np.outer(G0, R.f[0]) + [[0, 0.3], [0, 0], [0, 0]], ["1 of its 6 entries differs"]),
    # the bias of layer 0: a row
    (("b", 0), G0[:, None], ["shape 3×1", "row"]),
    (("b", 0), G0[:2], ["2 entries", "3"]),                                              # partial
    (("b", 0), NET.A[1].T @ D2, ["σ′_1", "missing"]),
]


@pytest.mark.parametrize("key, answer, words", WRONG,
                         ids=[f"{k[0]}{k[1]}-{n}" for n, (k, _, _) in enumerate(WRONG)])
def test_typical_wrong_answers_get_their_diagnosis(capsys, key, answer, words):
    what, layer = key
    ok, out = run(capsys, check_backprop, answer, NET, X, Y, what=what, layer=layer)
    assert not ok and out.startswith("Not yet:"), out
    for word in words:
        assert word in out, (word, out)
    assert_no_answer(out, key)


@pytest.mark.parametrize("key", list(RIGHT))
def test_the_right_answers_are_accepted(capsys, key):
    what, layer = key
    ok, out = run(capsys, check_backprop, RIGHT[key], NET, X, Y, what=what, layer=layer)
    assert ok and out.startswith("Correct:"), out


def test_the_notebook_ships_the_exercises_unsolved(capsys):
    """The starting answers of notebook 06 (None, the classmates' answers) are refused."""
    for answer, key in ((None, ("A", 1)), (NET.A[0], ("f", 0)),
                        (np.outer(R.f[0], G0), ("A", 0))):
        ok, out = run(capsys, check_backprop, answer, NET, X, Y, what=key[0], layer=key[1])
        assert not ok


def test_the_output_used_as_the_input_factor_is_named(capsys):
    net = make_network([2, 2, 1], ["tanh", "identity"], seed=3)     # a square first layer
    x, y = np.array([0.5, -1.0]), np.array([0.2])
    r = forward(net, x)
    dz0 = backward(r, y).db[0]
    ok, out = run(capsys, check_backprop, np.outer(dz0, r.f[1]), net, x, y, what="A", layer=0)
    assert not ok
    assert "the layer's output f_1" in out and "what A_0 multiplies, is f_0" in out, out
    for value in np.ravel(np.outer(dz0, r.f[0])):
        for form in number_forms(value):
            assert form not in out
    ok, out = run(capsys, check_backprop, np.outer(dz0, r.f[0]), net, x, y, what="A", layer=0)
    assert ok, out


def test_the_recipe_of_a_linear_layer_asks_for_no_activation_derivative(capsys):
    # no slip fits: the generic hint must not steer to a σ′ of the linear last layer
    _, out = run(capsys, check_backprop, np.outer(D2, R.f[1]) + [[0, 0, 1.0]], NET, X, Y,
                 what="A", layer=1)
    assert "σ′_2 = 1" in out and "σ′_2(z_1)" not in out and "layer above" not in out
    _, out = run(capsys, check_backprop, np.ones((3, 2)), NET, X, Y, what="A", layer=0)
    assert "σ′_1(z_0) of layer 0" in out and "is linear" not in out


def test_a_deeper_network_names_the_layer_and_every_missing_slope(capsys):
    net = make_network([2, 3, 2], ["sigmoid", "tanh"], seed=11)
    x, y = np.array([0.7, -0.4]), np.array([0.5, -0.25])
    r = forward(net, x)
    delta = -2 * (y - r.f[2])
    no_slopes = np.outer(net.A[1].T @ delta, r.f[0])             # σ′ forgotten in both layers
    ok, out = run(capsys, check_backprop, no_slopes, net, x, y, what="A", layer=0)
    assert not ok and "σ′_1" in out and "in every layer from 0 up to the loss" in out
    one_slope = np.outer(net.A[1].T @ (delta * TANH.derivative(r.z[1])), r.f[0])
    ok, out = run(capsys, check_backprop, one_slope, net, x, y, what="A", layer=0)
    assert not ok and "σ′_1" in out and "every layer" not in out
    output_form = np.outer((net.A[1].T @ (delta * TANH.derivative(r.z[1])))
                           * (r.z[0] * (1 - r.z[0])), r.f[0])          # sigmoid's f(1 − f) at z
    ok, out = run(capsys, check_backprop, output_form, net, x, y, what="A", layer=0)
    assert not ok and "in terms of the output f_1" in out
    right = backward(r, y).dA[0]
    ok, out = run(capsys, check_backprop, right, net, x, y, what="A", layer=0)
    assert ok
    assert SIGMOID.derivative(r.z[0]).shape == (3,)


def test_a_square_layer_with_the_slope_on_the_wrong_side(capsys):
    net = make_network([3, 3, 1], ["tanh", "identity"], seed=2)
    x, y = np.array([0.3, -0.2, 0.9]), np.array([0.1])
    r = forward(net, x)
    slope = TANH.derivative(r.z[0])
    for answer, words in ((net.A[0] * slope[None, :], "scales the columns of A_0"),
                          (np.diag(slope), "the weights A_0 are missing")):
        ok, out = run(capsys, check_backprop, answer, net, x, y, what="f", layer=0)
        assert not ok and words in out, out
        assert "diag(σ" not in out


def test_bad_exercise_arguments_raise():
    with pytest.raises(ValueError, match="what must be one of 'A', 'b', 'f'"):
        check_backprop(np.ones((3, 2)), NET, X, Y, what="z")
    with pytest.raises(ValueError, match="layer must be an integer from 0 to 1"):
        check_backprop(np.ones((3, 2)), NET, X, Y, layer=2)
    with pytest.raises(ValueError, match="x has 3 entries"):
        check_backprop(np.ones((3, 2)), NET, np.ones(3), Y)
    with pytest.raises(TypeError, match="network must be a Network"):
        check_backprop(np.ones((3, 2)), "net", X, Y)
