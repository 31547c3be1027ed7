"""Stochastic gradient descent on least squares (layer 1: numbers only, no drawing).

Training a model minimises an average over the data, L(w) = (1/m) Σ_i ℓ_i(w). For least
squares ℓ_i(w) = ½(x_iᵀw − y_i)², so L(w) = (1/2m)‖Xw − y‖² with gradient (1/m)(Xw − y)ᵀX
(a row). A **mini-batch** B of the examples gives the estimate (1/|B|)(X_B w − y_B)ᵀX_B, which
costs |B| instead of m per-example gradients. Drawn uniformly (b distinct examples), it is an
unbiased estimate of the full gradient with covariance (Σ/b)(m − b)/(m − 1), Σ the covariance
of one example's gradient: ≈ Σ/b for b ≪ m, zero at b = m. Over one epoch of random
reshuffling (a random permutation split into batches, :func:`minibatches`) the batch
gradients at a fixed w, weighted by |B|/m, add up to the full gradient exactly.

:func:`sgd` runs w_{k+1} = w_k − γ_k g_{B_k}(w_k) with batches drawn from a seeded NumPy
``Generator`` (the same seed, the same batches), by default independently for every update
(``sampling="replacement"``: for b = 1 an index drawn with replacement). With a constant step
the noise of the estimate never dies out where the batch gradients disagree (at the
least-squares solution they are not all zero unless the data fit exactly), and the iterates
hover around w* at a distance whose mean square grows like γ: the **noise floor**, a mean
excess loss L(w_k) − L* roughly ∝ γ for small γ. This law holds for independently drawn
batches; with reshuffling (``sampling="shuffle"``) the errors of an epoch cancel and the
floor is smaller, ∝ γ² for small γ. A decaying step γ_k = γ/(1 + decay·epochs) shrinks the
floor as it goes.

Examples
--------
>>> problem = LeastSquares.synthetic(m=64, seed=0)
>>> run = sgd(problem, [0.0, 0.0], step=0.1, batch_size=8, n_epochs=5, seed=1)
>>> run.points.shape, int(run.gradient_evaluations[-1])
((41, 2), 320)
>>> again = sgd(problem, [0.0, 0.0], step=0.1, batch_size=8, n_epochs=5, seed=1)
>>> bool(np.array_equal(run.points, again.points))                 # reproducible batches
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np

from .._validation import check_array, check_choice, check_integer, check_real_number, shown
from .landscapes import grid_points

__all__ = ["LeastSquares", "SGDRun", "minibatches", "sgd", "noise_floor"]


class LeastSquares:
    """L(w) = (1/2m)‖Xw − y‖²: the mean squared residual of a linear model (halved).

    Parameters
    ----------
    X : array_like, shape (m, n)
        The inputs, one example per row.
    y : array_like, shape (m,)
        The targets.

    Examples
    --------
    >>> p = LeastSquares([[1, 0], [0, 1], [1, 1]], [1, 2, 3])
    >>> p.value([1, 2]), p.gradient([0, 0]).tolist()
    (0.0, [-1.3333333333333333, -1.6666666666666667])
    """

    def __init__(self, X: Any, y: Any):
        X = check_array(X, "X", ndim=2)
        y = check_array(y, "y", ndim=1)
        if X.shape[0] != y.shape[0] or X.shape[0] < 1 or X.shape[1] < 1:
            raise ValueError(f"X must have one row per target: X has shape {X.shape}, y has "
                             f"shape {y.shape}")
        self.X, self.y = X, y
        self.m, self.n = X.shape
        self.minimizer = np.linalg.lstsq(X, y, rcond=None)[0]
        self.minimum = self.value(self.minimizer)

    @classmethod
    def synthetic(cls, m: int = 100, n: int = 2, *, noise: float = 0.5, seed: int = 0,
                  weights: Any = None) -> "LeastSquares":
        """A seeded synthetic data set: X with standard normal entries (the second column
        scaled by 0.5, so that the contours are ellipses), y = X w_true + noise·N(0, 1).

        Examples
        --------
        >>> p = LeastSquares.synthetic(m=50, seed=3)
        >>> p.X.shape, bool(np.allclose(p.minimizer, [1.0, -2.0], atol=0.5))
        ((50, 2), True)
        """
        m = check_integer(m, "m", minimum=2, maximum=100_000)
        n = check_integer(n, "n", minimum=1, maximum=100)
        noise = float(check_real_number(noise, "noise", nonnegative=True))
        seed = check_integer(seed, "seed", minimum=0)
        w_true = np.array([1.0, -2.0] + [0.5] * (n - 2))[:n] if weights is None else \
            check_array(weights, "weights", shape=(n,))
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((m, n)) * np.array([1.0] + [0.5] * (n - 1))
        with np.errstate(all="ignore"):
            y = X @ w_true + noise * rng.standard_normal(m)
        if not np.all(np.isfinite(y)):
            raise ValueError(f"noise must be small enough for finite targets, got {noise:g}")
        return cls(X, y)

    def _weights(self, w: Any, name: str = "w") -> np.ndarray:
        w = check_array(w, name)
        if w.shape[-1:] != (self.n,):
            raise ValueError(f"{name} must have shape (..., {self.n}) (weights along the last "
                             f"axis), got shape {w.shape}")
        return w

    def value(self, w: Any) -> np.ndarray | float:
        """L(w) for weights of shape (..., n); a float for one point."""
        w = self._weights(w)
        with np.errstate(all="ignore"):  # a huge w: inf, no warning
            residuals = w @ self.X.T - self.y
            out = 0.5 * np.mean(residuals ** 2, axis=-1)
        return float(out) if np.ndim(out) == 0 else out

    def __call__(self, w: Any) -> np.ndarray | float:
        return self.value(w)

    def gradient(self, w: Any, batch: Any = None) -> np.ndarray:
        """The gradient (a row, shape (n,)) over all examples or over the indices ``batch``.

        Examples
        --------
        >>> p = LeastSquares([[1, 0], [0, 1]], [1, 1])
        >>> p.gradient([0, 0], batch=[1]).tolist()
        [0.0, -1.0]
        """
        w = self._weights(w)
        if w.ndim != 1:
            raise ValueError(f"w must be one point, shape ({self.n},), got shape {w.shape}")
        if batch is None:
            X, y = self.X, self.y
        else:
            try:
                index = np.asarray(batch)
            except (TypeError, ValueError):
                index = np.array([[]])
            if index.ndim != 1 or index.size == 0 or index.dtype.kind not in "iu" or \
                    index.min() < 0 or index.max() >= self.m:
                raise ValueError(f"batch must be a non-empty list of example indices 0 to "
                                 f"{self.m - 1}, got {shown(batch)}")
            X, y = self.X[index], self.y[index]
        return (X @ w - y) @ X / len(y)

    def hessian(self, w: Any = None) -> np.ndarray:
        """XᵀX/m, the same everywhere."""
        return self.X.T @ self.X / self.m

    def value_xy(self, w1: Any, w2: Any) -> np.ndarray:
        """L on a grid of (w1, w2) for contour plots (n = 2)."""
        if self.n != 2:
            raise ValueError(f"value_xy needs n = 2 weights, this problem has n = {self.n}")
        return np.asarray(self.value(grid_points(w1, w2, ("w1", "w2"))))

    def __repr__(self) -> str:
        return f"LeastSquares(m={self.m}, n={self.n})"


def minibatches(m: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """One epoch: a random permutation of 0 … m−1 cut into batches of ``batch_size`` (the last
    one smaller when it does not divide m). Every example is used exactly once.

    Examples
    --------
    >>> [b.tolist() for b in minibatches(5, 2, np.random.default_rng(0))]
    [[2, 4], [3, 0], [1]]
    """
    m = check_integer(m, "m", minimum=1)
    batch_size = check_integer(batch_size, "batch_size", minimum=1, maximum=m)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got "
                        f"{type(rng).__name__} {shown(rng)}")
    order = rng.permutation(m)
    for start in range(0, m, batch_size):
        yield order[start:start + batch_size]


@dataclass
class SGDRun:
    """The result of :func:`sgd`.

    Attributes
    ----------
    points : ndarray, shape (k + 1, n)
        w_0, …, w_k.
    losses : ndarray, shape (k + 1,)
        L(w_i) on the whole data set (computed after the run, for plots; not part of SGD).
    epochs : ndarray, shape (k + 1,)
        Epochs done at each point (examples used / m).
    gradient_evaluations : ndarray, shape (k + 1,)
        Per-example gradients computed so far (an update with batch B costs |B|).
    step_sizes : ndarray, shape (k,)
        γ_i of each update.
    batch_size, seed : int
    minimum : float
        L* (for the excess loss L(w_i) − L*).
    """

    points: np.ndarray
    losses: np.ndarray
    epochs: np.ndarray
    gradient_evaluations: np.ndarray
    step_sizes: np.ndarray
    batch_size: int
    seed: int
    minimum: float

    @property
    def excess(self) -> np.ndarray:
        """L(w_i) − L* (≥ 0)."""
        return np.maximum(self.losses - self.minimum, 0.0)

    @property
    def final(self) -> np.ndarray:
        return self.points[-1]


def sgd(problem: LeastSquares, w0: Any, step: float, batch_size: int, n_epochs: int = 10,
        seed: int = 0, decay: float = 0.0, sampling: str = "replacement") -> SGDRun:
    """Mini-batch stochastic gradient descent on a least-squares problem.

    w_{k+1} = w_k − γ_k (1/|B_k|)(X_B w_k − y_B)ᵀX_B with batches drawn by
    ``np.random.default_rng(seed)``: with ``sampling="replacement"`` (the textbook model) every
    batch is an independent uniform draw of ``batch_size`` distinct examples, ⌈m/b⌉ of them
    per epoch, so that each batch gradient is an unbiased estimate of the full one; with
    ``sampling="shuffle"`` (random reshuffling, as most libraries do) each epoch is the
    partition of :func:`minibatches`, whose batch gradients add up to the full one exactly
    (its noise floor is smaller, ∝ γ² instead of ∝ γ). And
    γ_k = step / (1 + decay · e_k), e_k the epochs done before update k (decay = 0: constant).
    ``batch_size = m`` is full-batch gradient descent (one update per epoch).

    Parameters
    ----------
    problem : LeastSquares
    w0 : array_like, shape (n,)
    step : float
        γ > 0.
    batch_size : int
        1 to m.
    n_epochs : int
        Passes over the data, 1 to 1000 (and at most 200 000 updates in all).
    seed : int
        The seed of the batches (≥ 0).
    decay : float
        ≥ 0; 0 keeps the step constant.
    sampling : {"replacement", "shuffle"}
        How batches are drawn (see above).

    Returns
    -------
    SGDRun

    Examples
    --------
    >>> p = LeastSquares.synthetic(m=40, seed=0)
    >>> full = sgd(p, [0.0, 0.0], step=1.0, batch_size=40, n_epochs=100)
    >>> bool(full.excess[-1] < 1e-10)                                # full batch: GD converges
    True
    >>> sgd(p, [0.0, 0.0], step=0.5, batch_size=41)
    Traceback (most recent call last):
    ...
    ValueError: batch_size must be an integer from 1 to 40, got 41
    """
    if not isinstance(problem, LeastSquares):
        raise TypeError(f"problem must be a LeastSquares problem (e.g. LeastSquares.synthetic"
                        f"()), got {type(problem).__name__} {shown(problem)}")
    w = check_array(w0, "w0", shape=(problem.n,)).copy()
    step = float(check_real_number(step, "step", positive=True))
    batch_size = check_integer(batch_size, "batch_size", minimum=1, maximum=problem.m)
    n_epochs = check_integer(n_epochs, "n_epochs", minimum=1, maximum=1000)
    seed = check_integer(seed, "seed", minimum=0)
    decay = float(check_real_number(decay, "decay", nonnegative=True))
    sampling = check_choice(sampling, "sampling", ("replacement", "shuffle"))
    per_epoch = -(-problem.m // batch_size)
    if per_epoch * n_epochs > 200_000:
        raise ValueError(f"n_epochs must keep the run at most 200000 updates: {n_epochs} epochs "
                         f"of {per_epoch} batches are {per_epoch * n_epochs}")
    rng = np.random.default_rng(seed)
    X, y, m = problem.X, problem.y, problem.m
    points, used, steps = [w.copy()], [0], []
    with np.errstate(all="ignore"):
        for epoch in range(n_epochs):
            if sampling == "shuffle":
                batches: Any = minibatches(m, batch_size, rng)
            elif batch_size == 1:
                batches = rng.integers(m, size=(per_epoch, 1))
            elif per_epoch * m <= 1_000_000:  # b distinct examples per batch, all at once
                keys = rng.random((per_epoch, m))
                batches = np.argpartition(keys, batch_size - 1, axis=1)[:, :batch_size] \
                    if batch_size < m else np.argsort(keys, axis=1)
            else:
                batches = (rng.choice(m, batch_size, replace=False) for _ in range(per_epoch))
            if isinstance(batches, np.ndarray):   # equal batches, one per row
                batch_list: Any = batches
                sizes = np.full(len(batches), batches.shape[1])
            else:
                batch_list = list(batches)
                sizes = np.array([len(b) for b in batch_list])
            before = used[-1] + np.concatenate([[0], np.cumsum(sizes)[:-1]])
            gammas = step / (1.0 + decay * before / m)
            # each update is affine in w: w ← (I − γ/b X_BᵀX_B) w + γ/b X_Bᵀy_B; the maps of
            # an epoch are built at once, the loop only applies them (fast for b = 1)
            if isinstance(batch_list, np.ndarray):
                maps, shifts = _equal_batch_maps(X, y, batch_list, gammas / sizes)
            else:
                maps, shifts = _affine_maps(X, y, batch_list, gammas / sizes)
            if w.size == 2:  # plain floats: a tenth of NumPy's per-call cost
                w1, w2 = w.tolist()
                for (m11, m12), (m21, m22), (s1, s2) in zip(
                        maps[:, 0].tolist(), maps[:, 1].tolist(), shifts.tolist()):
                    w1, w2 = m11 * w1 + m12 * w2 + s1, m21 * w1 + m22 * w2 + s2
                    points.append((w1, w2))
                w = np.array([w1, w2])
            else:
                for k in range(len(batch_list)):
                    w = maps[k] @ w + shifts[k]
                    points.append(w)
            used.extend((before + sizes).tolist())
            steps.extend(gammas.tolist())
        P = np.array(points)
        losses = 0.5 * np.mean((P @ X.T - y) ** 2, axis=1)
    evaluations = np.array(used)
    return SGDRun(points=P, losses=losses, epochs=evaluations / m,
                  gradient_evaluations=evaluations, step_sizes=np.array(steps),
                  batch_size=batch_size, seed=seed, minimum=problem.minimum)


def _affine_maps(X: np.ndarray, y: np.ndarray, batches: list[np.ndarray],
                 scales: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """I − s_k X_BᵀX_B and s_k X_Bᵀy_B for each batch B_k (equal sizes at once)."""
    n = X.shape[1]
    maps, shifts = np.empty((len(batches), n, n)), np.empty((len(batches), n))
    full = [k for k, b in enumerate(batches) if len(b) == len(batches[0])]
    chosen = set(full)
    groups = [full, [k for k in range(len(batches)) if k not in chosen]]
    for group in groups:
        if not group:
            continue
        index = np.array([batches[k] for k in group])
        maps[group], shifts[group] = _equal_batch_maps(X, y, index, scales[group])
    return maps, shifts


def _equal_batch_maps(X: np.ndarray, y: np.ndarray, index: np.ndarray,
                      scales: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The maps of :func:`_affine_maps` for batches of one size, the rows of ``index``."""
    Xb, yb = X[index], y[index]
    maps = np.eye(X.shape[1]) - scales[:, None, None] * np.einsum("kbi,kbj->kij", Xb, Xb)
    return maps, scales[:, None] * np.einsum("kbi,kb->ki", Xb, yb)


def noise_floor(run: SGDRun, last_epochs: int = 10) -> float:
    """The mean excess loss L(w_k) − L* over the updates of the last ``last_epochs`` epochs.

    Examples
    --------
    >>> p = LeastSquares.synthetic(m=40, seed=0)
    >>> small, large = (noise_floor(sgd(p, p.minimizer, s, 1, 60, seed=2), 50) for s in (0.01, 0.02))
    >>> 1.5 < large / small < 2.7
    True
    """
    if not isinstance(run, SGDRun):
        raise TypeError(f"run must be an SGDRun (from sgd), got {type(run).__name__}")
    total = int(round(run.epochs[-1]))
    last_epochs = check_integer(last_epochs, "last_epochs", minimum=1, maximum=max(total, 1))
    window = run.epochs > run.epochs[-1] - last_epochs
    return float(np.mean(run.excess[window]))
