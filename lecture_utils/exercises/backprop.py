"""``check_backprop``: one step of the backward pass of a small network, computed by hand.

The student computes, for a given network, input x and target y (loss L = ‖y − f_K‖²), one of

* ``what="A"``: ∂L/∂A_i in the layout G_jk = ∂L/∂(A_i)_jk (the shape of A_i);
* ``what="b"``: ∂L/∂b_i, a row of n_{i+1} entries (a flat array is read as the row);
* ``what="f"``: the Jacobian ∂f_{i+1}/∂f_i = diag(σ'(z_i)) A_i, n_{i+1}×n_i.

The usual mistakes are diagnosed: the transposed layout, another wrong shape (expected and got
are named), a sign, the factor 2 of the square missing, the activation derivative σ' missing
(in the layer itself or in every layer), σ' multiplied on the wrong side; otherwise which
entries are wrong. The expected numbers are never printed.

Examples
--------
>>> import numpy as np
>>> from lecture_utils.maths.network import backward, forward, network_from_parameters
>>> net = network_from_parameters([[[1.0, -1.0]]], [[0.5]], "identity")
>>> check_backprop(np.array([[4.0, 2.0]]), net, [2.0, 1.0], [0.5], what="A", layer=0)
Correct: that is ∂L/∂A_0, in the layout G_jk = ∂L/∂(A_0)_jk (the shape of A_0, 1×2).
True
>>> check_backprop(np.array([[2.0, 1.0]]), net, [2.0, 1.0], [0.5], what="A", layer=0)
Not yet: every entry of your ∂L/∂A_0 is half the right one: the factor 2 of the square is missing.
Hint: L = ‖y − f_K‖² = (y − f_K)ᵀ(y − f_K), so ∂L/∂f_K = −2(y − f_K)ᵀ: the square brings down a factor 2.
False
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import check_integer, shown
from ..maths.network import Activation, Network, backward, forward, layer_jacobians
from ._common import Verdict, _all_close, _close, _join, _missing_answer, _report

__all__ = ["check_backprop"]

_WHAT = ("A", "b", "f")


def _shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(str(s) for s in shape) if len(shape) > 1 else f"{shape[0]} entries (flat)" \
        if shape else "a single number"


def _without_slope(network: Network, layers: set[int]) -> Network:
    """The same network with σ' replaced by 1 in ``layers`` (σ itself unchanged)."""
    acts = [Activation(a.name + " (no σ')", a.function, lambda z: np.ones_like(z))
            if k in layers else a for k, a in enumerate(network.activations)]
    return Network(network.A, network.b, acts)


def _reference(network: Network, x: np.ndarray, y: np.ndarray, what: str, layer: int,
               slope_right: bool = False) -> np.ndarray:
    record = forward(network, x)
    if what == "f":
        jac = layer_jacobians(record)[layer]
        if slope_right:   # A_i diag(σ') instead of diag(σ') A_i
            slope = network.activations[layer].derivative(record.z[layer])
            return network.A[layer] * slope[None, :]
        return jac
    grads = backward(record, y)
    return grads.dA[layer] if what == "A" else grads.db[layer]


def _read(answer: Any) -> tuple[np.ndarray | None, str | None]:
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None, (f"your answer could not be read as an array of numbers (got "
                      f"{type(answer).__name__} {shown(answer)}).")
    if not np.all(np.isfinite(values)):
        return None, "your answer contains NaN or inf: every entry must be a finite number."
    return values, None


def check_backprop(answer: Any, network: Network, x: Any, y: Any, *, what: str = "A",
                   layer: int = 0) -> Verdict:
    """Check a hand-computed piece of the backward pass; print what is wrong, never the answer.

    Parameters
    ----------
    answer : array_like
        The student's ∂L/∂A_i, ∂L/∂b_i or ∂f_{i+1}/∂f_i (see ``what``), e.g. a NumPy array.
    network : Network
        The network (from :func:`lecture_utils.maths.network.make_network` or
        :func:`lecture_utils.maths.network.network_from_parameters`).
    x, y : array_like
        The input (n_0 entries) and the target (n_K entries); L = ‖y − f_K‖².
    what : {"A", "b", "f"}
        ``"A"``: ∂L/∂A_i with G_jk = ∂L/∂(A_i)_jk; ``"b"``: ∂L/∂b_i (a row; flat is fine);
        ``"f"``: the Jacobian ∂f_{i+1}/∂f_i (n_{i+1}×n_i).
    layer : int
        i, from 0 to K − 1.

    Returns
    -------
    bool
        Whether the answer is right (relative tolerance 1e-8).

    Raises
    ------
    TypeError, ValueError
        If ``network``, ``x``, ``y``, ``what`` or ``layer`` is invalid (a problem of the
        exercise, not of the answer).

    Examples
    --------
    >>> import numpy as np
    >>> from lecture_utils.maths.network import forward, make_network
    >>> net = make_network([2, 3, 1], ["tanh", "identity"], seed=0)
    >>> A0 = net.A[0]
    >>> check_backprop(A0, net, [0.5, -1.0], [0.2], what="f", layer=0)
    Not yet: your ∂f_1/∂f_0 is A_0 itself: the derivative of the activation σ' is missing.
    Hint: f_1 = σ(z_0) with z_0 = A_0 f_0 + b_0, so ∂f_1/∂f_0 = diag(σ'(z_0)) A_0: row j is multiplied by σ'((z_0)_j).
    False
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network (from make_network or "
                        f"network_from_parameters), got {type(network).__name__}")
    if what not in _WHAT:
        raise ValueError(f"what must be one of 'A', 'b', 'f', got {shown(what)}")
    i = check_integer(layer, "layer", minimum=0, maximum=network.depth - 1)
    record = forward(network, x)          # checks x (names the layer and the sizes)
    if record.batch:
        raise ValueError("x must be one input (a vector of n_0 entries), not a batch")
    x_values = record.f[0]
    backward(record, y)                   # checks y
    y_values = np.asarray(y, dtype=float)
    n_in, n_out = network.sizes[i], network.sizes[i + 1]
    name = {"A": f"∂L/∂A_{i}", "b": f"∂L/∂b_{i}", "f": f"∂f_{i + 1}/∂f_{i}"}[what]
    expected_shape = {"A": (n_out, n_in), "b": (1, n_out), "f": (n_out, n_in)}[what]

    problem = _missing_answer(answer, f"your {name} as a NumPy array")
    if problem:
        return _report(False, problem, f"give {name} as a NumPy array of shape "
                                       f"{_shape_text(expected_shape)}.")
    a, problem = _read(answer)
    if problem:
        return _report(False, problem, f"give {name} as a NumPy array of shape "
                                       f"{_shape_text(expected_shape)}.")
    reference = _reference(network, x_values, y_values, what, i)
    if what == "b":
        reference = reference[None, :]
        if a.ndim == 1 and a.shape[0] == n_out:
            a = a[None, :]                   # a flat array is the row
    elif a.ndim == 1 and expected_shape[0] == 1 and a.shape[0] == expected_shape[1]:
        a = a[None, :]

    layout = {"A": f"G_jk = ∂L/∂(A_{i})_jk, the shape of A_{i}",
              "b": "a row (numerator layout): one entry per entry of b",
              "f": f"row j = the derivatives of output j of layer {i}, one column per input"}[what]
    hint_shape = {"A": f"∂L/∂A_{i} has the shape of A_{i}: {n_out}×{n_in} (entry (j, k) is "
                       f"∂L/∂(A_{i})_jk).",
                  "b": f"∂L/∂b_{i} is a row with one entry per entry of b_{i} ({n_out}); a flat "
                       "array is read as the row.",
                  "f": f"∂f_{i + 1}/∂f_{i} has one row per output of the layer ({n_out}) and one "
                       f"column per input ({n_in}): {n_out}×{n_in}."}[what]

    # ---- shape
    if a.shape != reference.shape:
        transposed = tuple(reversed(reference.shape))
        if a.ndim == 2 and a.shape == transposed:
            right = _all_close(a.T, reference)
            message = (f"your {name} has shape {_shape_text(a.shape)}, but it should be "
                       f"{_shape_text(reference.shape)} ({layout}): this is the transposed "
                       f"layout." + (" Its entries are right." if right
                                     else " Some of its entries are wrong as well."))
            return _report(False, message, hint_shape + " Transpose with .T.")
        return _report(False, f"your {name} has shape {_shape_text(a.shape)}, but it should "
                              f"have shape {_shape_text(reference.shape)} ({layout}).",
                       hint_shape)

    if _all_close(a, reference):
        what_text = {"A": f"that is ∂L/∂A_{i}, in the layout G_jk = ∂L/∂(A_{i})_jk (the shape "
                          f"of A_{i}, {n_out}×{n_in}).",
                     "b": f"that is ∂L/∂b_{i}, a row of {n_out} entries.",
                     "f": f"that is the {n_out}×{n_in} Jacobian ∂f_{i + 1}/∂f_{i}."}[what]
        return _report(True, what_text)

    # ---- the transposed matrix of a square answer
    if a.ndim == 2 and a.shape[0] == a.shape[1] > 1 and not _all_close(reference.T, reference) \
            and _all_close(a, reference.T):
        return _report(False, f"your {name} is the transpose of the right matrix (the other "
                              f"layout): it should be {layout}.", hint_shape)

    # ---- simple slips: sign, factor 2, missing σ'
    slope_hint = {"A": f"g = ∂L/∂f_{i + 1} ⊙ σ'(z_{i}) (entry by entry) is ∂L/∂z_{i}; every "
                       "layer between the loss and A_i multiplies by its own σ'.",
                  "b": f"g = ∂L/∂f_{i + 1} ⊙ σ'(z_{i}) (entry by entry) is ∂L/∂z_{i}; every "
                       "layer between the loss and b_i multiplies by its own σ'.",
                  "f": f"f_{i + 1} = σ(z_{i}) with z_{i} = A_{i} f_{i} + b_{i}, so ∂f_{i + 1}/∂f_{i} = "
                       f"diag(σ'(z_{i})) A_{i}: row j is multiplied by σ'((z_{i})_j)."}[what]
    loss_hint = ("L = ‖y − f_K‖² = (y − f_K)ᵀ(y − f_K), so ∂L/∂f_K = −2(y − f_K)ᵀ: the square "
                 "brings down a factor 2.")
    sign_hint = ("∂L/∂f_K = −2(y − f_K)ᵀ: the minus comes from the inner derivative of "
                 "y − f_K with respect to f_K.")
    if what == "f":
        if _all_close(a, -reference):
            return _report(False, f"your {name} has the wrong sign: every entry is the "
                                  "negative of the right one.",
                           "the Jacobian of a layer does not involve the loss: no minus sign "
                           "from y − f_K here.")
        without = network.A[i]
        if not _all_close(without, reference) and _all_close(a, without):
            return _report(False, f"your {name} is A_{i} itself: the derivative of the "
                                  "activation σ' is missing.", slope_hint)
        if n_in == n_out:
            right_side = _reference(network, x_values, y_values, "f", i, slope_right=True)
            if not _all_close(right_side, reference) and _all_close(a, right_side):
                return _report(False, f"your {name} multiplies column k by σ' instead of "
                                      "row j: diag(σ'(z)) is on the wrong side of A.",
                               slope_hint)
    else:
        variants = [("", reference)]
        depth = network.depth
        for layers, text in (({i}, f"the derivative σ' of layer {i}'s activation is missing"),
                             (set(range(i, depth)), "the activation derivatives σ' are "
                                                    "missing")):
            alt = _reference(_without_slope(network, layers), x_values, y_values, what, i)
            if what == "b":
                alt = alt[None, :]
            if not _all_close(alt, reference) and not any(
                    _all_close(alt, v) for _, v in variants):
                variants.append((text, alt))
        factors = ((1.0, ""), (-1.0, "sign"), (0.5, "two"), (-0.5, "sign two"),
                   (2.0, "double"))
        for slope_text, values in variants:
            for factor, slips in factors:
                if (factor, slope_text) == (1.0, ""):
                    continue
                if not _all_close(a, factor * values):
                    continue
                parts = []
                hints = []
                if "sign" in slips:
                    parts.append("the sign is wrong (every entry is the negative of the right "
                                 "one)")
                    hints.append(sign_hint)
                if "two" in slips:
                    parts.append("the factor 2 of the square is missing")
                    hints.append(loss_hint)
                if "double" in slips:
                    parts.append("it is twice the right value (a factor 2 too many)")
                    hints.append(loss_hint)
                if slope_text:
                    parts.append(slope_text)
                    hints.append(slope_hint)
                if parts == ["the factor 2 of the square is missing"]:
                    message = (f"every entry of your {name} is half the right one: the factor 2 "
                               "of the square is missing.")
                elif len(parts) == 1:
                    message = f"your {name} is not right: {parts[0]}."
                else:
                    message = f"your {name} has {len(parts)} slips: {_join(parts)}."
                return _report(False, message, " ".join(hints))

    # ---- otherwise: which entries are wrong
    wrong = ~_close(a, reference)
    if what == "b":
        labels = [f"entry {k}" for k in np.flatnonzero(wrong[0])]
    else:
        labels = [f"({j}, {k})" for j, k in np.argwhere(wrong)]
    listed = labels[:6] + (["…"] if len(labels) > 6 else [])
    rest = "; the other entries are right." if len(labels) < a.size else "."
    recipe = {"A": f"backward from the loss: ∂L/∂f_K = −2(y − f_K)ᵀ, then through each layer "
                   f"above {i} multiply by diag(σ') and A; finally ∂L/∂A_{i} = gᵀ f_{i}ᵀ with "
                   f"g = ∂L/∂f_{i + 1} ⊙ σ'(z_{i}) (an outer product).",
              "b": f"backward from the loss: ∂L/∂f_K = −2(y − f_K)ᵀ, then through each layer "
                   f"above {i} multiply by diag(σ') and A; ∂L/∂b_{i} = ∂L/∂f_{i + 1} ⊙ σ'(z_{i}).",
              "f": slope_hint}[what]
    return _report(False, f"your {name} has the right shape but wrong values: "
                          f"{len(labels)} of its {a.size} entries differ "
                          f"({_join(listed) if len(labels) > 1 else listed[0]}){rest}",
                   recipe)
