"""A small multi-layer network in NumPy with an explicit, layer-by-layer backward pass (layer 1).

The slides' notation, kept everywhere here:

* the forward pass is f_0 = x, f_i = σ_i(A_{i−1} f_{i−1} + b_{i−1}) for i = 1, ..., K, with
  A_i ∈ R^{n_{i+1}×n_i}, b_i ∈ R^{n_{i+1}} and θ_i = {A_i, b_i};
* the loss is the squared error L(θ) = ‖y − f_K(θ, x)‖² (for a batch of N inputs: the mean
  of the N squared errors);
* a derivative of a scalar with respect to a vector is a **row** (numerator layout); the
  gradient with respect to a matrix A_i is the matrix G of the shape of A_i with
  G_jk = ∂L/∂(A_i)_jk (the layout of notebook 05); a Jacobian ∂f_{j+1}/∂f_j is
  n_{j+1}×n_j, and a derivative of a vector with respect to a matrix has shape
  (output shape) + (input shape).

:func:`forward` returns a :class:`ForwardRecord` that keeps what :func:`backward` needs (every
f_i and every pre-activation z_i = A_i f_i + b_i); :func:`backward` goes from the loss back to
the input and returns every parameter's gradient, and on request the two kinds of factor of
the slides' chain-rule products: ∂f_{j+1}/∂f_j (a layer's output with respect to its input)
and ∂f_{i+1}/∂θ_i (with respect to its parameters). :func:`~lecture_utils.maths.training.gradient_check` compares the
backward pass with :func:`lecture_utils.maths.jacobians.numerical_jacobian` and :func:`train`
runs gradient descent on a batch (both in :mod:`lecture_utils.maths.training`);
:func:`~lecture_utils.maths.chain_order.chain_costs` counts the multiply-adds of the two
orders of evaluating the products.

Examples
--------
>>> import numpy as np
>>> net = make_network([2, 3, 1], ["tanh", "identity"], seed=0)
>>> record = forward(net, np.array([0.5, -1.0]))
>>> [f.shape for f in record.f]
[(2,), (3,), (1,)]
>>> grads = backward(record, np.array([0.2]))
>>> [g.shape for g in grads.dA], [g.shape for g in grads.db]
([(3, 2), (1, 3)], [(3,), (1,)])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from .._validation import (
    check_array, check_choice, check_flag, check_integer, check_real_number, shown,
)

__all__ = [
    "ACTIVATIONS",
    "IDENTITY",
    "RELU",
    "SIGMOID",
    "TANH",
    "Activation",
    "ForwardRecord",
    "Gradients",
    "Network",
    "backward",
    "chain_product",
    "forward",
    "get_activation",
    "layer_jacobians",
    "parameter_jacobians",
    "loss",
    "make_network",
    "network_from_parameters",
    "predict",
]


# ======================================================================== activations ====
@dataclass(frozen=True)
class Activation:
    """An activation function σ applied entry by entry, with its derivative σ'.

    Attributes
    ----------
    name : str
        The name used for lookup (``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"identity"``).
    function, derivative : callable
        σ(z) and σ'(z) for an array z (entry by entry).
    formula : str
        σ(z) and σ'(z) as text, for labels.
    smooth : bool
        Whether σ is differentiable everywhere (ReLU has a kink at 0).
    max_slope : float
        The largest value of σ'(z): 1/4 for the sigmoid, 1 for tanh, ReLU and the identity.
    """

    name: str
    function: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    derivative: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    formula: str = ""
    smooth: bool = True
    max_slope: float = 1.0

    def __call__(self, z: Any) -> np.ndarray:
        return self.function(check_array(z, "z", finite=False))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):   # exp(-z) overflows for z < -709: σ = 0 is right
        return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    if not isinstance(z, np.ndarray) or z.dtype.kind not in "fc":   # SIGMOID.derivative([0, 1])
        z = check_array(z, "z", finite=False)
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh_derivative(z: np.ndarray) -> np.ndarray:
    if not isinstance(z, np.ndarray) or z.dtype.kind not in "fc":
        z = check_array(z, "z", finite=False)
    return 1.0 - np.tanh(z) ** 2


SIGMOID = Activation("sigmoid", _sigmoid, _sigmoid_derivative,
                     "σ(z) = 1/(1 + e^−z),  σ'(z) = σ(z)(1 − σ(z))", True, 0.25)
TANH = Activation("tanh", np.tanh, _tanh_derivative, "σ(z) = tanh z,  σ'(z) = 1 − tanh² z",
                  True, 1.0)
RELU = Activation("relu", lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float),
                  "σ(z) = max(z, 0),  σ'(z) = 1 for z > 0, 0 for z < 0 (0 at the kink)",
                  False, 1.0)
IDENTITY = Activation("identity", lambda z: np.array(z, dtype=float, copy=True),
                      lambda z: np.ones_like(z, dtype=float), "σ(z) = z,  σ'(z) = 1", True, 1.0)

#: The activations by name.
ACTIVATIONS: dict[str, Activation] = {a.name: a for a in (SIGMOID, TANH, RELU, IDENTITY)}


def get_activation(name: str | Activation, parameter: str = "activation") -> Activation:
    """The activation called ``name`` (an :class:`Activation` is returned as it is).

    Examples
    --------
    >>> get_activation("tanh").max_slope
    1.0
    >>> get_activation("softmax")
    Traceback (most recent call last):
    ...
    ValueError: activation must be one of 'sigmoid', 'tanh', 'relu', 'identity', got 'softmax'
    """
    if isinstance(name, Activation):
        return name
    if isinstance(name, str) and name.lower() in ACTIVATIONS:
        return ACTIVATIONS[name.lower()]
    options = ", ".join(repr(k) for k in ACTIVATIONS)
    raise ValueError(f"{parameter} must be one of {options}, got {shown(name)}")


# ============================================================================ network ====
@dataclass
class Network:
    """The parameters θ = {A_0, b_0, ..., A_{K−1}, b_{K−1}} and activations σ_1, ..., σ_K.

    Build it with :func:`make_network` (random, seeded) or :func:`network_from_parameters`
    (given weights, checked). ``A[i]`` has shape (n_{i+1}, n_i), ``b[i]`` shape (n_{i+1},),
    and ``activations[i]`` is σ_{i+1}, applied after layer i.
    """

    A: list[np.ndarray]
    b: list[np.ndarray]
    activations: list[Activation]

    @property
    def depth(self) -> int:
        """K, the number of layers."""
        return len(self.A)

    @property
    def sizes(self) -> tuple[int, ...]:
        """(n_0, n_1, ..., n_K): the input size and each layer's output size."""
        return (self.A[0].shape[1], *(a.shape[0] for a in self.A))

    def parameter_names(self) -> list[str]:
        """``["A0", "b0", "A1", "b1", ...]``, the keys of :func:`~lecture_utils.maths.training.gradient_check`."""
        return [name for i in range(self.depth) for name in (f"A{i}", f"b{i}")]

    def parameter(self, name: str) -> np.ndarray:
        """The array called ``name`` (``"A0"``, ``"b2"``, ...)."""
        kind, index = _parse_parameter_name(name, self.depth)
        return (self.A if kind == "A" else self.b)[index]

    def copy(self) -> "Network":
        """A copy with its own arrays (training changes the copy only)."""
        return Network([a.copy() for a in self.A], [v.copy() for v in self.b],
                       list(self.activations))


def _parse_parameter_name(name: Any, depth: int) -> tuple[str, int]:
    names = [n for i in range(depth) for n in (f"A{i}", f"b{i}")]
    if not isinstance(name, str) or name not in names:
        raise ValueError(f"parameter must be one of {', '.join(repr(n) for n in names)}, "
                         f"got {shown(name)}")
    return name[0], int(name[1:])


def _activation_list(activations: Any, depth: int) -> list[Activation]:
    if isinstance(activations, (str, Activation)):
        return [get_activation(activations, "activations")] * depth
    if not isinstance(activations, Sequence):
        raise TypeError("activations must be a name such as 'tanh' or a list of K names, one "
                        f"per layer, got {type(activations).__name__} {shown(activations)}")
    if len(activations) != depth:
        raise ValueError(f"activations must have one entry per layer: the network has "
                         f"{depth} layer{'s' if depth != 1 else ''}, got {len(activations)} "
                         "activations")
    return [get_activation(a, f"activations[{k}]") for k, a in enumerate(activations)]


def make_network(sizes: Sequence[int], activations: str | Sequence[str] = "tanh", *,
                 seed: int | np.random.Generator = 0, weight_scale: float = 1.0,
                 output_activation: str | None = None) -> Network:
    """A network with layer sizes ``sizes = (n_0, ..., n_K)`` and seeded random weights.

    Entries of A_i are drawn from N(0, weight_scale² / n_i) (so weight_scale = 1 keeps the
    size of a layer's input; √2 is the usual choice for ReLU), biases from N(0, 0.1²).

    Parameters
    ----------
    sizes : sequence of int
        n_0 (the input size), n_1, ..., n_K; each from 1 to 1000, at least two entries.
    activations : str or sequence of str
        One name for every layer, or one per layer (σ_1, ..., σ_K).
    seed : int or numpy.random.Generator
        Seed of ``np.random.default_rng`` (or a generator to draw from).
    weight_scale : float
        Scale of the initial weights (> 0).
    output_activation : str, optional
        Overrides the last layer's activation (e.g. ``"identity"`` for regression).

    Returns
    -------
    Network

    Examples
    --------
    >>> net = make_network([1, 8, 8, 1], "tanh", output_activation="identity", seed=1)
    >>> net.sizes, [a.name for a in net.activations]
    ((1, 8, 8, 1), ['tanh', 'tanh', 'identity'])
    >>> make_network([2], "tanh")
    Traceback (most recent call last):
    ...
    ValueError: sizes must list at least two layer sizes (n_0, ..., n_K), got [2]
    """
    if isinstance(sizes, np.ndarray) and sizes.ndim == 1:
        sizes = sizes.tolist()
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise TypeError(f"sizes must be a list of layer sizes such as [2, 3, 1], got "
                        f"{type(sizes).__name__} {shown(sizes)}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layer sizes (n_0, ..., n_K), got "
                         f"{shown(list(sizes))}")
    sizes = [check_integer(n, f"sizes[{k}]", minimum=1, maximum=1000)
             for k, n in enumerate(sizes)]
    weight_scale = check_real_number(weight_scale, "weight_scale", positive=True)
    depth = len(sizes) - 1
    acts = _activation_list(activations, depth)
    if output_activation is not None:
        acts[-1] = get_activation(output_activation, "output_activation")
    if isinstance(seed, np.random.Generator):
        rng = seed
    else:
        rng = np.random.default_rng(check_integer(seed, "seed", minimum=0))
    A, b = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        A.append(rng.standard_normal((n_out, n_in)) * weight_scale / np.sqrt(n_in))
        b.append(0.1 * rng.standard_normal(n_out))
    return Network(A, b, acts)


def network_from_parameters(A: Sequence[Any], b: Sequence[Any],
                            activations: str | Sequence[str] = "tanh") -> Network:
    """A network with the given weights A_0, ..., A_{K−1} and biases b_0, ..., b_{K−1}.

    The sizes must chain: A_i is n_{i+1}×n_i, b_i has n_{i+1} entries, and A_{i+1} has as many
    columns as A_i has rows. A mismatch raises a ``ValueError`` that names the layer and both
    sizes.

    Examples
    --------
    >>> net = network_from_parameters([[[1.0, 2.0]], [[3.0]]], [[0.0], [0.5]], "identity")
    >>> net.sizes
    (2, 1, 1)
    >>> network_from_parameters([[[1.0, 2.0]], [[3.0, 1.0]]], [[0.0], [0.5]])
    Traceback (most recent call last):
    ...
    ValueError: layer 1: A1 has 2 columns, but layer 0 outputs f_1 with 1 entry (A0 has 1 row); A1 must be n_2×1
    """
    if isinstance(A, np.ndarray) and A.ndim == 2:
        A = [A]
    if isinstance(b, np.ndarray) and b.ndim == 1:
        b = [b]
    for value, name in ((A, "A"), (b, "b")):
        if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
            raise TypeError(f"{name} must be a list with one array per layer, got "
                            f"{type(value).__name__} {shown(value)}")
        if isinstance(value, np.ndarray) and value.ndim == 0:
            raise TypeError(f"{name} must be a list with one array per layer, got the single "
                            f"number {shown(value)}")
    if len(A) == 0:
        raise ValueError("A must have at least one weight matrix (one per layer)")
    if len(A) != len(b):
        raise ValueError(f"A and b must have one entry per layer: got {len(A)} weight "
                         f"matrices and {len(b)} bias vectors")
    weights = [check_array(a, f"A{i}", ndim=2) for i, a in enumerate(A)]
    biases = []
    for i, (a, v) in enumerate(zip(weights, b)):
        if 0 in a.shape:
            raise ValueError(f"layer {i}: A{i} must have at least one row and one column, got "
                             f"shape {a.shape}")
        v = check_array(v, f"b{i}")
        if v.ndim == 2 and 1 in v.shape:
            v = v.ravel()
        if v.ndim != 1 or v.shape[0] != a.shape[0]:
            raise ValueError(f"layer {i}: b{i} has shape {v.shape}, but A{i} has {a.shape[0]} "
                             f"row{'s' if a.shape[0] != 1 else ''}; b{i} must have "
                             f"{a.shape[0]} entr{'ies' if a.shape[0] != 1 else 'y'} "
                             f"(one per output of layer {i})")
        biases.append(v)
        if i > 0:
            rows = weights[i - 1].shape[0]
            if a.shape[1] != rows:
                raise ValueError(
                    f"layer {i}: A{i} has {a.shape[1]} column{'s' if a.shape[1] != 1 else ''}, "
                    f"but layer {i - 1} outputs f_{i} with {rows} entr"
                    f"{'ies' if rows != 1 else 'y'} (A{i - 1} has {rows} "
                    f"row{'s' if rows != 1 else ''}); A{i} must be n_{i + 1}×{rows}")
    return Network(weights, biases, _activation_list(activations, len(weights)))


# ======================================================================= forward pass ====
@dataclass
class ForwardRecord:
    """What the forward pass keeps for the backward pass.

    Attributes
    ----------
    network : Network
    f : list of numpy.ndarray
        f_0 = x, f_1, ..., f_K; each of shape (n_i,) for one input, (n_i, N) for a batch.
    z : list of numpy.ndarray
        The pre-activations z_i = A_i f_i + b_i (i = 0, ..., K−1), so that f_{i+1} = σ_{i+1}(z_i).
    batch : bool
        Whether x was a batch of N inputs (the columns of an n_0×N array).
    """

    network: Network
    f: list[np.ndarray]
    z: list[np.ndarray]
    batch: bool

    @property
    def output(self) -> np.ndarray:
        """f_K, the network's output."""
        return self.f[-1]


def _check_network(network: Any) -> Network:
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network (from make_network or "
                        f"network_from_parameters), got {type(network).__name__}")
    return network


def _check_input(x: Any, n: int, name: str, role: str) -> tuple[np.ndarray, bool]:
    values = check_array(x, name)
    if values.ndim == 0 or values.ndim > 2:
        raise ValueError(f"{name} must be a vector of {n} entr{'ies' if n != 1 else 'y'} (or an "
                         f"{n}×N array of N {role}s as columns), got shape {values.shape}")
    if values.shape[0] != n:
        raise ValueError(f"{name} has {values.shape[0]} entr{'ies' if values.shape[0] != 1 else 'y'}"
                         f"{' per column' if values.ndim == 2 else ''}, but the network's "
                         f"{'input layer (layer 0) takes' if role == 'input' else 'last layer outputs'}"
                         f" n = {n}: {name} must have {n} entr{'ies' if n != 1 else 'y'}"
                         f"{' per column' if values.ndim == 2 else ''}")
    return values, values.ndim == 2


def forward(network: Network, x: Any) -> ForwardRecord:
    """The forward pass f_0 = x, f_i = σ_i(A_{i−1} f_{i−1} + b_{i−1}), keeping every f_i and z_i.

    Parameters
    ----------
    network : Network
    x : array_like
        One input of n_0 entries, or a batch: an n_0×N array whose columns are the inputs.

    Returns
    -------
    ForwardRecord

    Examples
    --------
    >>> net = network_from_parameters([[[1.0, -1.0]]], [[0.5]], "relu")
    >>> forward(net, [2.0, 1.0]).output
    array([1.5])
    >>> forward(net, [1.0, 2.0, 3.0])
    Traceback (most recent call last):
    ...
    ValueError: x has 3 entries, but the network's input layer (layer 0) takes n = 2: x must have 2 entries
    """
    network = _check_network(network)
    f0, batch = _check_input(x, network.sizes[0], "x", "input")
    fs, zs = [f0], []
    for A, b, sigma in zip(network.A, network.b, network.activations):
        z = A @ fs[-1] + (b[:, None] if batch else b)
        zs.append(z)
        with np.errstate(over="ignore"):
            fs.append(sigma.function(z))
    return ForwardRecord(network, fs, zs, batch)


def loss(record: ForwardRecord, y: Any) -> float:
    """L = ‖y − f_K‖² (for a batch: the mean over the N columns).

    Examples
    --------
    >>> net = network_from_parameters([[[1.0, -1.0]]], [[0.5]], "relu")
    >>> loss(forward(net, [2.0, 1.0]), [0.5])
    1.0
    """
    target = _check_target(record, y)
    residual = target - record.output
    total = float(np.sum(residual ** 2))
    return total / residual.shape[1] if record.batch else total


def _check_record(record: Any) -> ForwardRecord:
    if not isinstance(record, ForwardRecord):
        raise TypeError(f"record must be the ForwardRecord returned by forward(network, x), got "
                        f"{type(record).__name__}")
    if record.batch:
        raise ValueError("the Jacobians need one input x (a vector), not a batch: they differ "
                         "from input to input")
    return record


def _check_target(record: ForwardRecord, y: Any) -> np.ndarray:
    if not isinstance(record, ForwardRecord):
        raise TypeError(f"record must be the ForwardRecord returned by forward(network, x), got "
                        f"{type(record).__name__}")
    n_out = record.network.sizes[-1]
    target, batch = _check_input(y, n_out, "y", "target")
    if batch != record.batch or (batch and target.shape != record.output.shape):
        raise ValueError(f"y must have the shape of the network's output f_K for the input x "
                         f"of shape {record.f[0].shape}: {record.output.shape}, got shape "
                         f"{target.shape}")
    return target


# ====================================================================== backward pass ====
@dataclass
class Gradients:
    """The result of :func:`backward`.

    Attributes
    ----------
    loss : float
        L at the recorded forward pass.
    dA : list of numpy.ndarray
        ∂L/∂A_i in the layout G_jk = ∂L/∂(A_i)_jk: the shape of A_i.
    db : list of numpy.ndarray
        ∂L/∂b_i, the n_{i+1} entries of the row (stored flat, like b_i).
    df : list of numpy.ndarray
        ∂L/∂f_i for i = 0, ..., K: rows of n_i entries (stored flat; for a batch, one column
        per input).
    layer_jacobians : list of numpy.ndarray or None
        (on request, one input only) ∂f_{j+1}/∂f_j = diag(σ'_{j+1}(z_j)) A_j, n_{j+1}×n_j,
        for j = 0, ..., K−1: a layer's output with respect to its input (orange on the slides).
    parameter_jacobians : list of dict or None
        (on request) for each layer i, ``{"A": ∂f_{i+1}/∂A_i, "b": ∂f_{i+1}/∂b_i}`` with shapes
        (n_{i+1}, n_{i+1}, n_i) and (n_{i+1}, n_{i+1}): a layer's output with respect to its
        parameters (blue on the slides).
    """

    loss: float
    dA: list[np.ndarray]
    db: list[np.ndarray]
    df: list[np.ndarray]
    layer_jacobians: list[np.ndarray] | None = None
    parameter_jacobians: list[dict[str, np.ndarray]] | None = None

    def as_dict(self) -> dict[str, np.ndarray]:
        """``{"A0": ∂L/∂A_0, "b0": ∂L/∂b_0, ...}``."""
        out: dict[str, np.ndarray] = {}
        for i, (gA, gb) in enumerate(zip(self.dA, self.db)):
            out[f"A{i}"], out[f"b{i}"] = gA, gb
        return out


def backward(record: ForwardRecord, y: Any, *, jacobians: bool = False) -> Gradients:
    """The backward pass: every parameter's gradient, from the loss back to the input.

    With δ_K = ∂L/∂f_K = −2(y − f_K)ᵀ and, going down the layers i = K−1, ..., 0,
    g_i = δ_{i+1} ⊙ σ'_{i+1}(z_i) (the row ∂L/∂z_i):
    ∂L/∂A_i = g_iᵀ f_iᵀ (an outer product, the shape of A_i), ∂L/∂b_i = g_i and
    δ_i = ∂L/∂f_i = g_i A_i. Each step is one vector–matrix product: the slides' chain-rule
    products evaluated from the loss backwards, sharing the common left part.

    Parameters
    ----------
    record : ForwardRecord
        From :func:`forward`.
    y : array_like
        The target, the shape of f_K.
    jacobians : bool
        Also return the factors ∂f_{j+1}/∂f_j and ∂f_{i+1}/∂θ_i (one input only).

    Returns
    -------
    Gradients

    Examples
    --------
    >>> net = network_from_parameters([[[1.0, -1.0]]], [[0.5]], "identity")
    >>> g = backward(forward(net, [2.0, 1.0]), [0.5])     # L = (0.5 − (x1 − x2 + 0.5))²
    >>> g.dA[0], g.db[0]
    (array([[4., 2.]]), array([2.]))
    """
    jacobians = check_flag(jacobians, "jacobians")
    target = _check_target(record, y)
    net = record.network
    if jacobians and record.batch:
        raise ValueError("jacobians=True needs one input x (a vector), not a batch: the "
                         "Jacobians differ from input to input")
    residual = target - record.output
    count = residual.shape[1] if record.batch else 1
    value = float(np.sum(residual ** 2)) / count
    delta = -2.0 * residual / count          # ∂L/∂f_K
    dA: list[np.ndarray] = [np.empty(0)] * net.depth
    db: list[np.ndarray] = [np.empty(0)] * net.depth
    df: list[np.ndarray] = [np.empty(0)] * (net.depth + 1)
    df[-1] = delta
    for i in reversed(range(net.depth)):
        g = delta * net.activations[i].derivative(record.z[i])   # ∂L/∂z_i
        if record.batch:
            dA[i] = g @ record.f[i].T
            db[i] = g.sum(axis=1)
        else:
            dA[i] = np.outer(g, record.f[i])
            db[i] = g
        delta = net.A[i].T @ g                                   # ∂L/∂f_i
        df[i] = delta
    result = Gradients(value, dA, db, df)
    if jacobians:
        result.layer_jacobians = layer_jacobians(record)
        result.parameter_jacobians = parameter_jacobians(record)
    return result


def layer_jacobians(record: ForwardRecord) -> list[np.ndarray]:
    """∂f_{j+1}/∂f_j = diag(σ'_{j+1}(z_j)) A_j (n_{j+1}×n_j) for j = 0, ..., K−1 (one input).

    Examples
    --------
    >>> net = network_from_parameters([[[1.0, 2.0], [3.0, 4.0]]], [[0.0, -5.0]], "relu")
    >>> layer_jacobians(forward(net, [1.0, 0.5]))[0]     # z = (2, 0): the second row is off
    array([[1., 2.],
           [0., 0.]])
    """
    _check_record(record)
    net = record.network
    return [net.activations[j].derivative(record.z[j])[:, None] * net.A[j]
            for j in range(net.depth)]


def parameter_jacobians(record: ForwardRecord) -> list[dict[str, np.ndarray]]:
    """∂f_{i+1}/∂A_i (n_{i+1}×n_{i+1}×n_i) and ∂f_{i+1}/∂b_i (n_{i+1}×n_{i+1}) for each layer.

    Entry [j, l, k] of ∂f_{i+1}/∂A_i is ∂(f_{i+1})_j/∂(A_i)_lk = σ'_{i+1}((z_i)_j) δ_jl (f_i)_k:
    output j of the layer depends only on row j of A_i, so only the entries with l = j
    (a fraction 1/n_{i+1}) can be non-zero; ∂f_{i+1}/∂b_i = diag(σ'_{i+1}(z_i)).

    Examples
    --------
    >>> net = make_network([3, 2], "tanh", seed=0)
    >>> blue = parameter_jacobians(forward(net, [1.0, 2.0, 3.0]))[0]
    >>> blue["A"].shape, blue["b"].shape
    ((2, 2, 3), (2, 2))
    """
    _check_record(record)
    net = record.network
    out = []
    for i in range(net.depth):
        slope = net.activations[i].derivative(record.z[i])
        n_out, n_in = net.A[i].shape
        dA = np.zeros((n_out, n_out, n_in))
        dA[np.arange(n_out), np.arange(n_out), :] = slope[:, None] * record.f[i][None, :]
        out.append({"A": dA, "b": np.diag(slope)})
    return out


def chain_product(gradients: Gradients, i: int, parameter: str = "A") -> np.ndarray:
    """The slides' product for θ_i, multiplied out factor by factor from the left:

    ∂L/∂f_K · ∂f_K/∂f_{K−1} ⋯ ∂f_{i+2}/∂f_{i+1} · ∂f_{i+1}/∂θ_i,

    with the factors of ``backward(..., jacobians=True)``. Returns ∂L/∂A_i (the shape of
    A_i) or ∂L/∂b_i (n_{i+1} entries). It equals ``gradients.dA[i]`` / ``gradients.db[i]``:
    the backward pass computes the same products, without forming the Jacobians.

    Examples
    --------
    >>> net = make_network([2, 3, 2], "tanh", seed=3)
    >>> g = backward(forward(net, [0.3, -0.7]), [0.0, 1.0], jacobians=True)
    >>> bool(np.allclose(chain_product(g, 0, "A"), g.dA[0]))
    True
    """
    if not isinstance(gradients, Gradients):
        raise TypeError(f"gradients must be the result of backward(record, y, jacobians=True), "
                        f"got {type(gradients).__name__} {shown(gradients)}")
    if gradients.layer_jacobians is None or gradients.parameter_jacobians is None:
        raise ValueError("gradients has no Jacobians: call backward(record, y, jacobians=True)")
    depth = len(gradients.dA)
    i = check_integer(i, "i", minimum=0, maximum=depth - 1)
    check_choice(parameter, "parameter", ("A", "b"))
    row = gradients.df[-1]
    for j in range(depth - 1, i, -1):
        row = row @ gradients.layer_jacobians[j]
    return np.tensordot(row, gradients.parameter_jacobians[i][parameter], axes=(0, 0))


def predict(network: Network, x: Any) -> np.ndarray:
    """f_K for the input ``x`` (or the inputs, as columns), e.g. on a grid to draw the fit.

    Examples
    --------
    >>> net = network_from_parameters([[[2.0]]], [[1.0]], "identity")
    >>> predict(net, [[0.0, 1.0, 2.0]])
    array([[1., 3., 5.]])
    """
    return forward(network, x).output
