"""Checking, probing and training the network of :mod:`lecture_utils.maths.network` (layer 1).

:func:`gradient_check` compares the backward pass with numerical derivatives
(:func:`lecture_utils.maths.jacobians.numerical_jacobian`); :func:`gradient_norms` and
:class:`GradientFlow` measure how the gradient's size changes from layer to layer (vanishing
and exploding gradients); :func:`train` runs gradient descent on the mean squared loss of a
batch and returns a :class:`TrainingRun`.

Examples
--------
>>> import numpy as np
>>> from lecture_utils.maths.network import make_network
>>> net = make_network([2, 3, 1], ["tanh", "identity"], seed=0)
>>> max(gradient_check(net, np.array([0.5, -1.0]), np.array([0.2])).values()) < 1e-8
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import check_array, check_integer, check_real_number
from .network import (
    IDENTITY, SIGMOID, TANH, Activation, Network, _check_network, _check_target,
    _parse_parameter_name, backward, forward, get_activation, loss,
)

__all__ = ["GradientFlow", "TrainingRun", "gradient_check", "gradient_norms", "train"]


# ======================================================================= gradient check ====
def gradient_check(network: Network, x: Any, y: Any, *, method: str = "auto") -> dict[str, float]:
    """The largest relative error of the backward pass against numerical derivatives.

    For each parameter P (A_0, b_0, ..., A_{K−1}, b_{K−1}) the loss is differentiated with
    respect to P by :func:`lecture_utils.maths.jacobians.numerical_jacobian` (complex step
    where it applies, checked against central differences) and compared with ``backward``:
    max|backward − numerical| / max(max|numerical|, 10⁻⁸) (the floor keeps a gradient that
    is 0 up to rounding from dividing by 0).

    Returns
    -------
    dict
        ``{"A0": error, "b0": error, ...}``.

    Examples
    --------
    >>> from lecture_utils.maths.network import make_network
    >>> net = make_network([3, 4, 2], ["sigmoid", "identity"], seed=2)
    >>> errors = gradient_check(net, [0.1, 0.2, 0.3], [1.0, -1.0])
    >>> sorted(errors), max(errors.values()) < 1e-8
    (['A0', 'A1', 'b0', 'b1'], True)
    """
    from .jacobians import numerical_jacobian

    network = _check_network(network)
    record = forward(network, x)
    target = _check_target(record, y)
    analytic = backward(record, target).as_dict()
    errors = {}
    for name in network.parameter_names():
        kind, index = _parse_parameter_name(name, network.depth)

        def loss_of(value: np.ndarray, kind: str = kind, index: int = index) -> Any:
            return _loss_with(network, record.f[0], target, kind, index, value)

        numeric = numerical_jacobian(loss_of, network.parameter(name), method=method)
        scale = max(float(np.max(np.abs(numeric))), 1e-8)
        errors[name] = float(np.max(np.abs(analytic[name] - numeric))) / scale
    return errors


def _loss_with(network: Network, x: np.ndarray, y: np.ndarray, kind: str, index: int,
               value: np.ndarray) -> Any:
    """L with parameter (kind, index) replaced by ``value`` (complex values allowed)."""
    f = x
    for i, (A, b, sigma) in enumerate(zip(network.A, network.b, network.activations)):
        if i == index:
            A, b = (value, b) if kind == "A" else (A, value)
        z = A @ f + (b[:, None] if f.ndim == 2 else b)
        f = _complex_activation(sigma, z)
    residual = y - f
    count = residual.shape[1] if residual.ndim == 2 else 1
    return np.sum(residual * residual) / count


def _complex_activation(sigma: Activation, z: Any) -> Any:
    """σ(z), also for complex z (the complex step); ReLU is not analytic: it refuses."""
    if not np.iscomplexobj(z):
        return sigma.function(z)
    if sigma is SIGMOID:
        return 1.0 / (1.0 + np.exp(-z))
    if sigma is TANH:
        return np.tanh(z)
    if sigma is IDENTITY:
        return z
    raise TypeError("relu is not analytic: no complex step")  # numerical_jacobian → central


def gradient_norms(network: Network, x: Any, y: Any) -> np.ndarray:
    """‖∂L/∂A_i‖ (Frobenius norm) for each layer i = 0, ..., K−1.

    Examples
    --------
    >>> from lecture_utils.maths.network import make_network
    >>> net = make_network([4] * 11, "sigmoid", seed=0)
    >>> norms = gradient_norms(net, np.ones(4), np.zeros(4))
    >>> bool(norms[0] < 1e-3 * norms[-1])       # vanishing: the first layer learns slowly
    True
    """
    grads = backward(forward(network, x), y)
    return np.array([float(np.linalg.norm(g)) for g in grads.dA])


class GradientFlow:
    """Gradient norms per layer for deep square networks that share their random draws.

    The draws (standard normal matrices for ``max_depth`` layers of ``width`` units, a batch of
    inputs and targets) are made once, from ``seed``; :meth:`norms` scales them for a given
    depth, activation and weight scale (A_i = weight_scale · W_i / √width, b_i = 0) and runs
    one forward and one backward pass. Deeper networks add layers at the input end, so the
    layers next to the loss stay the same when the depth changes. Every layer uses the chosen
    activation except the last, which is linear (the identity), as in regression.

    Examples
    --------
    >>> flow = GradientFlow(width=8, max_depth=20, seed=0)
    >>> norms = flow.norms("sigmoid", depth=10)
    >>> norms.shape, bool(norms[0] < 1e-4 * norms[-1])
    ((10,), True)
    """

    def __init__(self, width: int = 8, max_depth: int = 20, *, seed: int = 0, batch: int = 16):
        self.width = check_integer(width, "width", minimum=1, maximum=200)
        self.max_depth = check_integer(max_depth, "max_depth", minimum=1, maximum=100)
        rng = np.random.default_rng(check_integer(seed, "seed", minimum=0))
        batch = check_integer(batch, "batch", minimum=1, maximum=1000)
        self._draws = rng.standard_normal((self.max_depth, self.width, self.width))
        self.x = rng.standard_normal((self.width, batch))
        self.y = rng.uniform(-1.0, 1.0, (self.width, batch))

    def network(self, activation: str | Activation, depth: int,
                weight_scale: float = 1.0) -> Network:
        """The network of ``depth`` layers (the last ``depth`` draws, scaled)."""
        depth = check_integer(depth, "depth", minimum=1, maximum=self.max_depth)
        scale = check_real_number(weight_scale, "weight_scale", positive=True)
        sigma = get_activation(activation)
        A = [w * (scale / np.sqrt(self.width)) for w in self._draws[self.max_depth - depth:]]
        b = [np.zeros(self.width) for _ in range(depth)]
        return Network(A, b, [sigma] * (depth - 1) + [IDENTITY])

    def norms(self, activation: str | Activation, depth: int,
              weight_scale: float = 1.0) -> np.ndarray:
        """‖∂L/∂A_i‖ for i = 0, ..., depth − 1 (mean loss over the batch)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return gradient_norms(self.network(activation, depth, weight_scale), self.x, self.y)


# =========================================================================== training ====
@dataclass
class TrainingRun:
    """The result of :func:`train`: the trained network and the loss after each step."""

    network: Network
    losses: np.ndarray
    learning_rate: float
    status: str


def train(network: Network, x: Any, y: Any, *, learning_rate: float = 0.05,
          steps: int = 2000) -> TrainingRun:
    """Gradient descent θ ← θ − η (∂L/∂θ)ᵀ on the mean squared loss of a batch (a copy is trained).

    Parameters
    ----------
    network : Network
        The start; it is not changed.
    x, y : array_like
        Inputs and targets, as columns: shapes (n_0, N) and (n_K, N).
    learning_rate : float
        The step size η > 0.
    steps : int
        Number of steps (1 to 100000).

    Returns
    -------
    TrainingRun
        ``losses[k]`` is the loss before step k, and ``losses[-1]`` after the last step
        (steps + 1 values). ``status`` is ``"diverged"`` if the loss became non-finite
        (then training stops early), else ``"completed"`` (all steps run, the loss finite
        throughout; whether it fell is for ``losses`` to say).

    Examples
    --------
    >>> from lecture_utils.maths.network import make_network
    >>> net = make_network([1, 4, 1], "tanh", output_activation="identity", seed=0)
    >>> xs = np.linspace(-1, 1, 9)[None, :]
    >>> run = train(net, xs, 0.5 * xs, learning_rate=0.1, steps=200)
    >>> bool(run.losses[-1] < 0.1 * run.losses[0]), run.status
    (True, 'completed')
    """
    network = _check_network(network).copy()
    eta = check_real_number(learning_rate, "learning_rate", positive=True)
    steps = check_integer(steps, "steps", minimum=1, maximum=100000)
    xs = check_array(x, "x", ndim=2)
    losses = []
    status = "completed"
    with np.errstate(over="ignore", invalid="ignore"):   # a diverging run is reported, not warned
        for _ in range(steps):
            grads = backward(forward(network, xs), y)
            losses.append(grads.loss)
            if not np.isfinite(grads.loss):
                status = "diverged"
                break
            for i in range(network.depth):
                network.A[i] -= eta * grads.dA[i]
                network.b[i] -= eta * grads.db[i]
        else:
            final = loss(forward(network, xs), y)
            losses.append(final)
            if not np.isfinite(final):
                status = "diverged"
    return TrainingRun(network, np.array(losses), eta, status)
