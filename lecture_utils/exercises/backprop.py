"""``check_backprop``: one step of the backward pass of a small network, computed by hand.

The student computes, for a given network, input x and target y (loss L = ‖y − f_K‖²), one of

* ``what="A"``: ∂L/∂A_i in the layout G_jk = ∂L/∂(A_i)_jk (the shape of A_i, a 2-d array);
* ``what="b"``: ∂L/∂b_i, a row of n_{i+1} entries (a flat array is read as the row);
* ``what="f"``: the Jacobian ∂f_{i+1}/∂f_i of layer i, n_{i+1}×n_i.

A wrong answer is diagnosed without printing the expected numbers or formula: first its form
(missing, unreadable, the other layout, another shape), then the table of typical slips
:func:`_slips` walked in order (a sign, the factor 2 of the square missing or doubled; σ′
missing in this layer or in every layer, evaluated at the layer's output f_{i+1} instead of
z_i, σ used instead of σ′, σ′'s formula in terms of the output applied to z_i; σ′ on the wrong
side of A_i, A_i or diag(σ′) alone; the derivative of a nonlinear activation in a linear layer;
and pairs of these), otherwise which entries are wrong.

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
Hint: differentiate the square in L = ‖y − f_K‖² = (y − f_K)ᵀ(y − f_K) once more: what does the exponent 2 become?
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .._validation import check_integer, shown
from ..maths.jacobians import shape_text
from ..maths.network import ACTIVATIONS, Activation, Network, backward, forward, layer_jacobians
from .assist import note_attempt
from .common import (
    TOO_LARGE,
    Verdict,
    all_close,
    close,
    float_array,
    join,
    missing_answer,
    report,
)

__all__ = ["check_backprop"]

_WHAT = ("A", "b", "f")


# ============================================================ wrong activation slopes ====
#: σ′ written in terms of the output f = σ(z) (tanh: 1 − f², sigmoid: f(1 − f)): applied to
#: z instead of f it is a typical slip.
_OUTPUT_FORMS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "tanh": lambda v: 1.0 - v ** 2,
    "sigmoid": lambda v: v * (1.0 - v),
}

#: Wrong σ′ (key → the slope used instead of σ′(z), given σ and z; None where it does not
#: apply to σ), with what the message says about it.
_WRONG_SLOPES: dict[str, tuple[Callable[[Activation, np.ndarray], np.ndarray | None], str]] = {
    "missing": (lambda s, z: np.ones_like(z),
                "the derivative {s} of the activation that produces {f} is missing"),
    "at output": (lambda s, z: s.derivative(s.function(z)),
                  "{s} is evaluated at the layer's output {f}; it belongs at the "
                  "pre-activation {z}"),
    "sigma": (lambda s, z: s.function(z),
              "you multiplied by the activation itself where its derivative {s} belongs"),
    "output form at z": (lambda s, z: _OUTPUT_FORMS[s.name](z) if s.name in _OUTPUT_FORMS
                         else None,
                         "{s} is written in terms of the output {f} (for tanh 1 − f², for "
                         "the sigmoid f(1 − f)), but you put {z} in the place of {f}"),
}


def _with_slope(network: Network, layers: set[int], kind: str) -> Network | None:
    """The network with σ′ replaced by the wrong slope ``kind`` in ``layers`` (σ unchanged);
    ``None`` if the slip does not apply to any of those layers (e.g. a linear layer)."""
    wrong, _ = _WRONG_SLOPES[kind]
    acts = list(network.activations)
    changed = False
    for k in layers:
        sigma = network.activations[k]
        if sigma.name == "identity" or wrong(sigma, np.zeros(1)) is None:
            continue
        acts[k] = Activation(f"{sigma.name} ({kind})", sigma.function,
                             lambda z, s=sigma: wrong(s, z))
        changed = True
    return Network(network.A, network.b, acts) if changed else None


def _nonlinear_slopes_in(network: Network, i: int) -> list[tuple[str, Network]]:
    """For a linear layer i (σ the identity, σ′ = 1): the networks in which that layer's σ′ is
    the derivative of a nonlinear activation instead — those of the network first (the
    slip of copying a hidden layer's σ′ into the linear output layer), then the others."""
    if network.activations[i].name != "identity":
        return []
    names = [a.name for a in network.activations] + list(ACTIVATIONS)
    found = []
    for name in dict.fromkeys(n for n in names if n != "identity" and n in ACTIVATIONS):
        acts = list(network.activations)
        acts[i] = Activation(f"identity ({name}′)", acts[i].function, ACTIVATIONS[name].derivative)
        found.append((name, Network(network.A, network.b, acts)))
    return found


# =========================================================================== the case ====
@dataclass
class _Case:
    """One checked answer: the network, the piece asked for, the answer and the reference."""

    network: Network
    x: np.ndarray
    y: np.ndarray
    what: str
    i: int
    a: np.ndarray
    reference: np.ndarray

    @property
    def name(self) -> str:
        i = self.i
        return {"A": f"∂L/∂A_{i}", "b": f"∂L/∂b_{i}", "f": f"∂f_{i + 1}/∂f_{i}"}[self.what]

    @property
    def sigma(self) -> str:
        """σ′ of this layer, named as in the notebooks: σ′_{i+1} produces f_{i+1}."""
        return f"σ′_{self.i + 1}"

    def value(self, network: Network) -> np.ndarray:
        """The piece asked for, computed with ``network`` (as the answer is read)."""
        record = forward(network, self.x)
        if self.what == "f":
            return layer_jacobians(record)[self.i]
        grads = backward(record, self.y)
        return grads.dA[self.i] if self.what == "A" else grads.db[self.i][None, :]

    def text(self, template: str) -> str:
        i = self.i
        return template.format(s=self.sigma, f=f"f_{i + 1}", z=f"z_{i}", A=f"A_{i}",
                               i=i, i1=i + 1, name=self.name)


# ====================================================================== the slip table ====
_LOSS_HINT = ("differentiate the square in L = ‖y − f_K‖² = (y − f_K)ᵀ(y − f_K) once more: "
              "what does the exponent 2 become?")
_SIGN_HINT = ("L depends on f_K through y − f_K: what is the inner derivative of y − f_K with "
              "respect to f_K?")
_SLOPE_HINT = ("f_{i1} = σ_{i1}(z_{i}) with z_{i} = A_{i} f_{i} + b_{i}: the chain rule "
               "multiplies by the derivative of the outer function σ_{i1}, taken at its "
               "argument, entry by entry.")

_LINEAR_WORDS = ("layer {i} is linear (σ_{i1} is the identity), so σ′_{i1} = 1 and no activation "
                 "derivative appears in it, but you multiplied by the derivative of {act}")
_LINEAR_HINT = ("in a linear layer f_{i1} = z_{i}: what is the derivative of f_{i1} with respect "
                "to z_{i}?")

_SIGN = "the sign is wrong (every entry is the negative of the right one)"
_TWO = "the factor 2 of the square is missing"

#: Slips of the loss's derivative (for ∂L/∂A_i and ∂L/∂b_i): factor, words, hints.
_LOSS_SLIPS = ((-1.0, (_SIGN,), (_SIGN_HINT,)),
               (0.5, (_TWO,), (_LOSS_HINT,)),
               (-0.5, (_SIGN, _TWO), (_SIGN_HINT, _LOSS_HINT)),
               (2.0, ("it is twice the right value (a factor 2 too many)",), (_LOSS_HINT,)))


@dataclass(frozen=True)
class _Slip:
    """One row of the table: the values a slip gives, and what to say about it."""

    values: np.ndarray
    parts: tuple[str, ...]
    hints: tuple[str, ...]


def _slips(c: _Case) -> list[_Slip]:
    """The table of typical slips for this answer, in the order they are tried."""
    depth, i = c.network.depth, c.i
    slope_hint = _SLOPE_HINT.format(i=i, i1=i + 1)
    rows: list[_Slip] = []
    if c.what == "f":
        A = c.network.A[i]
        record = forward(c.network, c.x)
        slope = c.network.activations[i].derivative(record.z[i])
        rows.append(_Slip(-c.reference, (_SIGN,),
                          ("the Jacobian of a layer does not involve the loss: no minus sign "
                           "from y − f_K here.",)))
        rows.append(_Slip(A, (c.text("it is A_{i} itself: the derivative {s} of the activation "
                                     "that produces f_{i1} is missing"),),
                          (c.text("which factor does the chain rule add for the outer function "
                                  "of f_{i1} = σ_{i1}(z_{i}), and which row of the Jacobian "
                                  "does the entry (z_{i})_j belong to?"),)))
        if A.shape[0] == A.shape[1]:
            rows.append(_Slip(A * slope[None, :], (c.text(
                "{s} scales the columns of {A} (one per input of the layer); it belongs to "
                "its rows (one per output)"),),
                (c.text("σ′_{i1}((z_{i})_j) belongs to output j of the layer: which index of "
                        "{A} is the output?"),)))
            rows.append(_Slip(np.diag(slope), (c.text(
                "it holds only {s}: the weights {A} are missing"),),
                (c.text("z_{i} = {A} f_{i} + b_{i}: what is the derivative of z_{i} with "
                        "respect to f_{i}?"),)))
        for kind, (_, words) in _WRONG_SLOPES.items():
            if kind == "missing":
                continue
            wrong = _with_slope(c.network, {i}, kind)
            if wrong is not None:
                rows.append(_Slip(c.value(wrong), (c.text(words),), (slope_hint,)))
        for act, wrong in _nonlinear_slopes_in(c.network, i):
            rows.append(_Slip(c.value(wrong), (_LINEAR_WORDS.format(i=i, i1=i + 1, act=act),),
                              (_LINEAR_HINT.format(i=i, i1=i + 1),)))
        return rows

    # ∂L/∂A_i, ∂L/∂b_i: a wrong σ′ (in this layer, or in every layer from i up to the loss),
    # alone or with a slip of the loss's derivative
    variants: list[tuple[np.ndarray, tuple[str, ...], tuple[str, ...]]] = [
        (c.reference, (), ())]
    for kind, (_, words) in _WRONG_SLOPES.items():
        for layers, where in (({i}, ""), (set(range(i, depth)), " (in every layer from "
                                                                 f"{i} up to the loss)")):
            wrong = _with_slope(c.network, layers, kind)
            if wrong is None:
                continue
            values = c.value(wrong)
            if not any(all_close(values, v) for v, _, _ in variants):
                variants.append((values, (c.text(words) + where,), (slope_hint,)))
    for act, wrong in _nonlinear_slopes_in(c.network, i):
        values = c.value(wrong)
        if not any(all_close(values, v) for v, _, _ in variants):
            variants.append((values, (_LINEAR_WORDS.format(i=i, i1=i + 1, act=act),),
                             (_LINEAR_HINT.format(i=i, i1=i + 1),)))
    if c.what == "A":
        # the input factor of the outer product: z_{i-1} (the pre-activation that produced
        # f_i) or the layer's output f_{i+1} instead of its input f_i
        record = forward(c.network, c.x)
        dz = backward(record, c.y).db[i]
        inputs = [(record.f[i + 1], f"the input factor of your outer product is the layer's "
                                    f"output f_{i + 1}; the layer's input, what A_{i} "
                                    f"multiplies, is f_{i}")]
        if i >= 1:
            inputs.insert(0, (record.z[i - 1], f"the input factor of your outer product is the "
                                               f"pre-activation z_{i - 1}; the layer's input, "
                                               f"what A_{i} multiplies, is f_{i} = "
                                               f"σ_{i}(z_{i - 1})"))
        input_hint = (f"z_{i} = A_{i} f_{i} + b_{i}: (A_{i})_jk multiplies entry k of the "
                      f"layer's input, so ∂z_{i}/∂(A_{i})_jk involves that entry.")
        for vector, words in inputs:
            values = np.outer(dz, vector)
            if values.shape == c.reference.shape and not any(
                    all_close(values, v) for v, _, _ in variants):
                variants.append((values, (words,), (input_hint,)))
    for values, parts, hints in variants:
        if parts:
            rows.append(_Slip(values, parts, hints))
        for factor, words, loss_hints in _LOSS_SLIPS:
            rows.append(_Slip(factor * values, words + parts, loss_hints + hints))
    return rows


def _slip_message(c: _Case, slip: _Slip) -> str:
    if slip.parts == (_TWO,):
        return (f"every entry of your {c.name} is half the right one: the factor 2 of the "
                "square is missing.")
    if len(slip.parts) == 1:
        return f"your {c.name} is not right: {slip.parts[0]}."
    return f"your {c.name} has {len(slip.parts)} slips: {join(list(slip.parts))}."


def _recipe(c: _Case) -> str:
    """The hint when no typical slip fits: the steps, never the formula of the answer."""
    i = c.i
    if c.what == "f":
        return _SLOPE_HINT.format(i=i, i1=i + 1)
    last = ("an outer product of two vectors: which one has an entry per output of layer "
            f"{i}, which one per input?" if c.what == "A"
            else f"∂L/∂b_{i} equals ∂L/∂z_{i}, since ∂z_{i}/∂b_{i} is the identity.")
    steps = ["go backward from the loss one layer at a time: the derivative of the square"]
    if i < c.network.depth - 1:
        steps.append(f"then for each layer above {i} its σ′ (at its pre-activation) and its A")
    if c.network.activations[i].name == "identity":
        steps.append(f"layer {i} itself is linear (σ′_{i + 1} = 1): no activation derivative "
                     "of its own")
    else:
        steps.append(f"then σ′_{i + 1}(z_{i}) of layer {i} itself")
    return "; ".join(steps) + f". {c.name} is then " + last


# ======================================================================== the checker ====
def _read(answer: Any) -> tuple[np.ndarray | None, str | None]:
    values, why = float_array(answer)
    if values is None:
        return None, TOO_LARGE if why == "too large" else (
            f"your answer could not be read as an array of numbers (got "
            f"{type(answer).__name__} {shown(answer)}).")
    if not np.all(np.isfinite(values)):
        return None, "your answer contains NaN or inf: every entry must be a finite number."
    return values, None


def _form_problem(case: _Case, give: str) -> tuple[str, str] | None:
    """Message and hint for an answer of the wrong form: the other layout, a flat array,
    another shape, or a square answer whose entries are in the other layout."""
    a, i, what, name = case.a, case.i, case.what, case.name
    n_in, n_out = case.network.sizes[i], case.network.sizes[i + 1]
    expected = {"A": (n_out, n_in), "b": (1, n_out), "f": (n_out, n_in)}[what]
    layout = {"A": f"the layout G_jk = ∂L/∂(A_{i})_jk has the shape of A_{i}",
              "b": "∂L/∂b is a row (numerator layout), one entry per entry of b",
              "f": f"the Jacobian has one row per output of layer {i} and one column per "
                   "input"}[what]
    which_index = {"A": f"which index of G belongs to the output of the layer (a row of "
                        f"A_{i}), and which to its input?",
                   "b": "a derivative of the scalar L with respect to a vector is a row "
                        "(numerator layout), not a column.",
                   "f": f"which index of ∂f_{i + 1}/∂f_{i} belongs to the output of the layer, "
                        "and which to its input?"}[what]
    if a.shape != expected:
        yours, wanted = shape_text(a.shape, matrix=True), shape_text(expected, matrix=True)
        if a.ndim == 2 and a.shape == expected[::-1] and a.shape != expected:
            return (f"your {name} has shape {yours}, but {layout}: {wanted}. Yours is in "
                    "the transposed layout.", which_index)
        if a.ndim == 1 and a.size == n_in * n_out:
            return (f"your {name} is a flat array of {a.size} entries, but "
                    f"{layout}: a 2-d array of shape {wanted}.",
                    f"give a 2-d array with one row per output of layer {i}.")
        return (f"your {name} has shape {yours}, but it should have shape {wanted} "
                f"({layout}).", give)
    r = case.reference
    if a.shape[0] == a.shape[1] > 1 and not all_close(r.T, r) and all_close(a, r.T):
        return (f"your {name} has its entries in the other layout: entry (j, k) holds what "
                f"belongs in (k, j) ({layout}).", which_index)
    return None


def check_backprop(answer: Any, network: Network, x: Any, y: Any, *, what: str = "A",
                   layer: int = 0) -> Verdict:
    """Check a hand-computed piece of the backward pass; print what is wrong, never the answer.

    Parameters
    ----------
    answer : array_like
        The student's ∂L/∂A_i (2-d, the shape of A_i), ∂L/∂b_i or ∂f_{i+1}/∂f_i (see
        ``what``), e.g. a NumPy array.
    network : Network
        The network (from :func:`lecture_utils.maths.network.make_network` or
        :func:`lecture_utils.maths.network.network_from_parameters`).
    x, y : array_like
        The input (n_0 entries) and the target (n_K entries); L = ‖y − f_K‖².
    what : {"A", "b", "f"}
        ``"A"``: ∂L/∂A_i with G_jk = ∂L/∂(A_i)_jk, a 2-d array; ``"b"``: ∂L/∂b_i (a row;
        a flat array is read as the row); ``"f"``: the Jacobian ∂f_{i+1}/∂f_i (n_{i+1}×n_i).
    layer : int
        i, from 0 to K − 1.

    Returns
    -------
    Verdict
        Whether the answer is right (relative tolerance 1e-8); shows nothing in a notebook.

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
    >>> check_backprop(net.A[0], net, [0.5, -1.0], [0.2], what="f", layer=0)
    Not yet: your ∂f_1/∂f_0 is not right: it is A_0 itself: the derivative σ′_1 of the activation that produces f_1 is missing.
    Hint: which factor does the chain rule add for the outer function of f_1 = σ_1(z_0), and which row of the Jacobian does the entry (z_0)_j belong to?
    False
    """
    note_attempt(check_backprop, locals())
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network (from make_network or "
                        f"network_from_parameters), got {type(network).__name__}")
    if not isinstance(what, str) or what not in _WHAT:
        raise ValueError(f"what must be one of 'A', 'b', 'f', got {shown(what)}")
    i = check_integer(layer, "layer", minimum=0, maximum=network.depth - 1)
    record = forward(network, x)          # checks x (names the layer and the sizes)
    if record.batch:
        raise ValueError("x must be one input (a vector of n_0 entries), not a batch")
    backward(record, y)                   # checks y
    n_in, n_out = network.sizes[i], network.sizes[i + 1]
    case = _Case(network, record.f[0], np.asarray(y, dtype=float), what, i,
                 np.empty(0), np.empty(0))
    name = case.name
    expected = {"A": (n_out, n_in), "b": (1, n_out), "f": (n_out, n_in)}[what]
    give = (f"give {name} as a 2-d NumPy array of shape {shape_text(expected, matrix=True)}"
            + (" (a flat array of its entries is read as the row)." if what == "b" else "."))

    problem = missing_answer(answer, f"your {name} as a NumPy array")
    if problem:
        return report(False, problem, give)
    a, problem = _read(answer)
    if problem:
        return report(False, problem, give)
    if what == "b" and a.shape == (n_out,):
        a = a[None, :]                       # a flat array is the row
    case.a, case.reference = a, case.value(network)

    form = _form_problem(case, give)
    if form is not None:
        return report(False, *form)

    r = case.reference
    if all_close(a, r):
        return report(True, {"A": f"that is ∂L/∂A_{i}, in the layout G_jk = ∂L/∂(A_{i})_jk "
                                   f"(the shape of A_{i}, {n_out}×{n_in}).",
                              "b": f"that is ∂L/∂b_{i}, a row of {n_out} entries.",
                              "f": f"that is the {n_out}×{n_in} Jacobian "
                                   f"∂f_{i + 1}/∂f_{i}."}[what])

    # ---- the table of typical slips, walked in order
    for slip in _slips(case):
        if not all_close(slip.values, r) and all_close(a, slip.values):
            hints = list(dict.fromkeys(slip.hints))
            return report(False, _slip_message(case, slip), " ".join(hints))

    # ---- otherwise: which entries are wrong
    wrong = ~close(a, r)
    labels = ([f"entry {k}" for k in np.flatnonzero(wrong[0])] if what == "b"
              else [f"({j}, {k})" for j, k in np.argwhere(wrong)])
    listed = labels[:6] + (["…"] if len(labels) > 6 else [])
    rest = "; the other entries are right." if len(labels) < a.size else "."
    return report(False, f"your {name} has the right shape but wrong values: "
                          f"{len(labels)} of its {a.size} entries "
                          f"{'differs' if len(labels) == 1 else 'differ'} "
                          f"({join(listed) if len(labels) > 1 else listed[0]}){rest}",
                   _recipe(case))
