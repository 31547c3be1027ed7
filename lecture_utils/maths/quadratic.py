"""The quadratic model problem of gradient descent and its rate formulas (layer 1: numbers only).

:class:`Quadratic` is f(x) = ½ xᵀAx − b x + c with A symmetric positive definite and b a row
vector, the slides' example. Its step-size theory is computed from A: gradient descent with
a constant step γ converges for every start exactly when 0 < γ < 2/λmax
(:attr:`~Quadratic.max_stable_step`); the error shrinks per step at least by the factor
ρ(γ) = max_i |1 − γλ_i| (:meth:`~Quadratic.contraction_factor`), ‖e_{k+1}‖ ≤ ρ‖e_k‖, with
equality in the long run for a generic start; ρ is smallest, (κ − 1)/(κ + 1), at
γ = 2/(λmin + λmax) (:attr:`~Quadratic.optimal_step`).

The eigen-picture: in the eigenvector basis of A the error e_k = x_k − x* splits into
independent components (:meth:`Quadratic.error_components`), component i shrinking by
exactly |1 − γλ_i| per step; with momentum α (the heavy ball) the factor over a grid of
(γ, α) is :func:`momentum_rate_map`, smallest at :func:`heavy_ball_parameters`.
The iteration itself is :func:`lecture_utils.maths.optimize.gradient_descent`.

Examples
--------
>>> q = Quadratic([[2, 1], [1, 20]], [5, 3])          # the slides' example
>>> q.gradient([-3, -1])                              # row vector [2x1+x2−5, x1+20x2−3]
array([-12., -26.])
>>> round(q.contraction_factor(q.optimal_step), 4) == round(q.optimal_contraction_factor, 4)
True
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from .._validation import shown, check_array, check_flag, check_real_number

__all__ = [
    "Quadratic", "contraction_factor_curve", "heavy_ball_parameters", "momentum_rate_map",
    "steps_to_reduce",
]

#: The largest condition number :meth:`Quadratic.with_condition_number` builds (beyond it the
#: rounding of A is of the order of λmin).
MAX_CONDITION = 1e12


# --------------------------------------------------------------------------- quadratic ----

class Quadratic:
    """f(x) = ½ xᵀAx − b x + c: the model problem of gradient descent.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric; positive definite unless ``allow_indefinite=True``.
    b : array_like, shape (n,) or (1, n), optional
        The row vector b of the linear term (zeros if omitted).
    c : float
        The constant.
    allow_indefinite : bool
        Accept a symmetric A that is not positive definite (a saddle such as x1² − x2²);
        then :attr:`minimizer`, :attr:`minimum` and the step-size theory raise a
        ``ValueError`` that says why.

    Notes
    -----
    ∇f(x) = xᵀA − b (a row vector, as A = Aᵀ), the Hessian is A, and the unique minimiser
    solves A x* = bᵀ. With eigenvalues λmin ≤ … ≤ λmax of A, the error e_k = x_k − x* of
    gradient descent with step γ obeys e_{k+1} = (I − γA) e_k.

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> q.minimizer                       # solves A x = bᵀ
    array([2.48717949, 0.02564103])
    >>> round(q.condition_number, 4), round(q.max_stable_step, 5)
    (10.3133, 0.09972)
    >>> Quadratic([[1, 2], [0, 1]])
    Traceback (most recent call last):
    ...
    ValueError: A must be symmetric (A = Aᵀ); got A[0, 1] = 2 but A[1, 0] = 0. Use (A + A.T)/2: xᵀAx only depends on the symmetric part.
    """

    def __init__(self, A: Any, b: Any = None, c: float = 0.0, *,
                 allow_indefinite: bool = False):
        A = check_array(A, "A", ndim=2)
        n = A.shape[0]
        if A.shape != (n, n) or n < 1:
            raise ValueError(f"A must be a square matrix (n × n), got shape {A.shape}")
        if not np.allclose(A, A.T, rtol=1e-10, atol=1e-12):
            i, j = np.unravel_index(np.argmax(np.abs(A - A.T)), A.shape)
            raise ValueError(
                f"A must be symmetric (A = Aᵀ); got A[{i}, {j}] = {A[i, j]:g} but "
                f"A[{j}, {i}] = {A[j, i]:g}. Use (A + A.T)/2: xᵀAx only depends on the "
                "symmetric part.")
        A = (A + A.T) / 2
        if b is None:
            b = np.zeros(n)
        b = check_array(b, "b")
        if b.shape not in ((n,), (1, n)):
            raise ValueError(f"b must be a row vector of length {n} (shape ({n},) or (1, {n})) "
                             f"to match A of shape {A.shape}, got shape {b.shape}")
        self.A = A
        self.b = b.reshape(n)
        self.c = float(check_real_number(c, "c"))
        self.n = n
        self._eigenvalues, self._eigenvectors = np.linalg.eigh(A)
        self.allow_indefinite = check_flag(allow_indefinite, "allow_indefinite")
        if not self.allow_indefinite and self._eigenvalues[0] <= 0:
            raise ValueError(
                f"A must be positive definite, but its smallest eigenvalue is "
                f"{self._eigenvalues[0]:.6g} (≤ 0): f has no unique minimiser. Pass "
                "allow_indefinite=True to study a saddle such as x1² − x2².")

    # --- construction helpers -----------------------------------------------------------
    @classmethod
    def with_condition_number(cls, kappa: float, *, smallest: float = 1.0, angle: float = 0.0,
                              minimizer: Any = None, n: int = 2) -> "Quadratic":
        """A quadratic whose Hessian has eigenvalues ``smallest`` … ``kappa·smallest``.

        In 2-D the eigenvectors are rotated by ``angle`` (radians) from the axes; in n-D the
        eigenvalues are spread geometrically and the eigenvectors are the axes. The linear
        term places the minimiser at ``minimizer`` (the origin by default), f* = 0.

        Examples
        --------
        >>> q = Quadratic.with_condition_number(50, angle=0.3, minimizer=[1, -1])
        >>> round(q.condition_number, 6), np.round(q.minimizer, 6).tolist(), abs(q.minimum) < 1e-12
        (50.0, [1.0, -1.0], True)
        >>> Quadratic.with_condition_number(1e300)
        Traceback (most recent call last):
        ...
        ValueError: kappa must be a condition number from 1 to 1e+12 (λmax/λmin; beyond, A is singular in floating point), got 1e+300
        """
        kappa = float(check_real_number(kappa, "kappa"))
        if not 1 <= kappa <= MAX_CONDITION:
            raise ValueError(f"kappa must be a condition number from 1 to {MAX_CONDITION:g} "
                             f"(λmax/λmin; beyond, A is singular in floating point), got {kappa:g}")
        smallest = float(check_real_number(smallest, "smallest", positive=True))
        if not 1e-150 <= smallest <= 1e150 / kappa:
            raise ValueError(f"smallest must be from 1e-150 to 1e150/kappa (the eigenvalues "
                             f"smallest … smallest·kappa are squared), got {smallest:g}")
        angle = float(check_real_number(angle, "angle"))
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise ValueError(f"n must be a positive integer (the dimension), got {shown(n)}")
        eigenvalues = smallest * kappa ** (np.arange(n) / max(n - 1, 1))
        if n == 2:
            c, s = math.cos(angle), math.sin(angle)
            Q = np.array([[c, -s], [s, c]])
        else:
            Q = np.eye(n)
        A = Q @ np.diag(eigenvalues) @ Q.T
        A = (A + A.T) / 2
        x_star = np.zeros(n) if minimizer is None else check_array(minimizer, "minimizer",
                                                                     shape=(n,))
        b = A @ x_star
        c_value = 0.5 * float(x_star @ A @ x_star)  # so that f(x*) = 0
        return cls(A, b, c_value)

    # --- values ---------------------------------------------------------------------------
    def _points(self, x: Any, name: str = "x") -> np.ndarray:
        """``x`` as finite points of shape (..., n), or a named ``TypeError``/``ValueError``."""
        if type(x) is np.ndarray and x.dtype == float and x.shape == (self.n,) and \
                math.isfinite(float(x @ x)):
            return x  # the common case: one finite point, nothing to convert
        if isinstance(x, (str, bytes)):
            raise TypeError(f"{name} must be a point of {self.n} numbers (a list or an array), "
                            f"got the text {shown(x)}")
        points = check_array(x, name, finite=False)  # named errors for text, ragged, 10**400
        if points.ndim == 0 or points.shape[-1] != self.n:
            raise ValueError(f"{name} must have shape (..., {self.n}) (points in R^{self.n} "
                             f"along the last axis), got shape {points.shape}")
        if not np.all(np.isfinite(points)):
            raise ValueError(f"{name} must contain only finite numbers (no NaN or inf), got "
                             f"{shown(x)}")
        return points

    def value(self, x: Any) -> np.ndarray | float:
        """f(x) for points of shape (..., n); a float for a single point.

        Raises a ``TypeError`` (not numbers) or ``ValueError`` (wrong shape, NaN or inf)
        that names ``x``.

        Examples
        --------
        >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
        >>> q.value([-3, -1]), q.value([[0, 0], [1, 0]]).tolist()
        (40.0, [0.0, -4.0])
        >>> q.value([1.0, float("nan")])
        Traceback (most recent call last):
        ...
        ValueError: x must contain only finite numbers (no NaN or inf), got [1.0, nan]
        """
        with np.errstate(all="ignore"):
            return self._value_of(self._points(x))

    def _value_of(self, points: np.ndarray) -> np.ndarray | float:
        """f at checked points (no validation: also the fast path of gradient descent)."""
        if points.ndim == 1:
            return float(0.5 * (points @ self.A @ points) - points @ self.b + self.c)
        quad = ((points @ self.A) * points).sum(axis=-1)
        return 0.5 * quad - points @ self.b + self.c

    def __call__(self, x: Any) -> np.ndarray | float:
        return self.value(x)

    def gradient(self, x: Any) -> np.ndarray:
        """∇f(x) = xᵀA − b, as rows: shape (..., n) for points of shape (..., n).

        Examples
        --------
        >>> Quadratic([[2, 1], [1, 20]], [5, 3]).gradient([[0, 0], [1, 1]]).tolist()
        [[-5.0, -3.0], [-2.0, 18.0]]
        >>> Quadratic([[2, 1], [1, 20]], [5, 3]).gradient([1, 2, 3])
        Traceback (most recent call last):
        ...
        ValueError: x must have shape (..., 2) (points in R^2 along the last axis), got shape (3,)
        """
        with np.errstate(all="ignore"):
            return self._gradient_of(self._points(x))

    def _gradient_of(self, points: np.ndarray) -> np.ndarray:
        """∇f at checked points (no validation: also the fast path of gradient descent)."""
        return points @ self.A - self.b

    def hessian(self, x: Any = None) -> np.ndarray:
        """The Hessian A (the same at every point; ``x`` is accepted and ignored).

        Examples
        --------
        >>> Quadratic([[2, 1], [1, 20]]).hessian().tolist()
        [[2.0, 1.0], [1.0, 20.0]]
        """
        return self.A.copy()

    # --- analysis -------------------------------------------------------------------------
    def _require_definite(self, what: str) -> None:
        if self._eigenvalues[0] <= 0:
            raise ValueError(f"{what} needs a positive definite A; this one has the eigenvalue "
                             f"{self._eigenvalues[0]:.6g} ≤ 0 (a saddle or a valley, no "
                             "unique minimiser)")

    @property
    def eigenvalues(self) -> np.ndarray:
        """Eigenvalues of A, ascending (λmin first)."""
        return self._eigenvalues.copy()

    @property
    def eigenvectors(self) -> np.ndarray:
        """Unit eigenvectors of A as columns, in the order of :attr:`eigenvalues`."""
        return self._eigenvectors.copy()

    @property
    def minimizer(self) -> np.ndarray:
        """x* = A⁻¹bᵀ, the unique minimiser (where ∇f = 0)."""
        self._require_definite("minimizer")
        return np.linalg.solve(self.A, self.b)

    @property
    def stationary_point(self) -> np.ndarray:
        """The point where ∇f = 0 (the minimiser, or the saddle point of an indefinite A)."""
        return np.linalg.solve(self.A, self.b)

    @property
    def minimum(self) -> float:
        """f* = f(x*) = c − ½ b A⁻¹ bᵀ."""
        self._require_definite("minimum")
        return float(self.c - 0.5 * self.b @ np.linalg.solve(self.A, self.b))

    @property
    def condition_number(self) -> float:
        """κ = λmax/λmin."""
        self._require_definite("condition_number")
        return float(self._eigenvalues[-1] / self._eigenvalues[0])

    @property
    def max_stable_step(self) -> float:
        """2/λmax: a constant step converges from every start exactly when 0 < γ < 2/λmax."""
        self._require_definite("max_stable_step")
        return float(2.0 / self._eigenvalues[-1])

    @property
    def optimal_step(self) -> float:
        """2/(λmin + λmax), the constant step with the smallest contraction factor."""
        self._require_definite("optimal_step")
        return float(2.0 / (self._eigenvalues[0] + self._eigenvalues[-1]))

    @property
    def optimal_contraction_factor(self) -> float:
        """(κ − 1)/(κ + 1): the contraction factor at :attr:`optimal_step`."""
        kappa = self.condition_number
        return (kappa - 1.0) / (kappa + 1.0)

    def contraction_factor(self, step: float, momentum: float = 0.0) -> float:
        """The factor by which ‖x_k − x*‖ shrinks per step in the long run.

        Without momentum it is max_i |1 − γλ_i| (below 1 exactly when 0 < γ < 2/λmax). With
        momentum α (heavy ball) it is the largest spectral radius of the 2 × 2 matrices
        [[1 + α − γλ_i, −α], [1, 0]].

        Examples
        --------
        >>> q = Quadratic([[1, 0], [0, 9]])
        >>> q.contraction_factor(0.1), q.contraction_factor(q.optimal_step)
        (0.9, 0.8)
        >>> round(q.contraction_factor(*heavy_ball_parameters(1, 9)), 6)   # (√κ−1)/(√κ+1)
        0.5
        """
        step = float(check_real_number(step, "step"))
        momentum = float(check_real_number(momentum, "momentum"))
        with np.errstate(all="ignore"):  # a huge step: the factor is inf, no warning
            return float(contraction_factor_curve(self._eigenvalues, [step], momentum)[0])

    def stable_step_limit(self, momentum: float = 0.0) -> float:
        """The largest stable constant step with momentum α: 2(1 + α)/λmax (2/λmax for α = 0).

        Examples
        --------
        >>> Quadratic([[1, 0], [0, 4]]).stable_step_limit(0.5)
        0.75
        """
        self._require_definite("stable_step_limit")
        momentum = float(check_real_number(momentum, "momentum"))
        return float(2.0 * (1.0 + momentum) / self._eigenvalues[-1])

    def optimal_momentum(self) -> tuple[float, float]:
        """The heavy-ball step and momentum (γ, α) with the smallest contraction factor,
        (√κ − 1)/(√κ + 1); see :func:`heavy_ball_parameters`."""
        self._require_definite("optimal_momentum")
        return heavy_ball_parameters(self._eigenvalues[0], self._eigenvalues[-1])

    def error_components(self, points: Any) -> np.ndarray:
        """The errors x_k − x* in the eigenvector basis of A: row k is (x_k − x*) V.

        V = :attr:`eigenvectors` (unit columns, ordered like :attr:`eigenvalues`). Gradient
        descent with step γ multiplies component i by exactly 1 − γλ_i per step, as
        e_{k+1} = (I − γA) e_k: the components shrink independently, the one with the
        largest |1 − γλ_i| sets the pace. For an indefinite A, x* is the stationary point.

        Parameters
        ----------
        points : array_like, shape (k, n) or (n,)
            The points x_k (e.g. ``run.points`` of a :class:`~lecture_utils.maths.optimize.Trajectory`).

        Returns
        -------
        ndarray, shape (k, n)
            Column i is the component along eigenvector i (one row for a single point).

        Examples
        --------
        >>> q = Quadratic([[1, 0], [0, 9]])
        >>> q.error_components([[1.0, 1.0], [0.9, 0.1]]).round(6).tolist()   # γ = 0.1: ×0.9, ×0.1
        [[1.0, 1.0], [0.9, 0.1]]
        >>> q.error_components([[1.0, 2.0, 3.0]])
        Traceback (most recent call last):
        ...
        ValueError: points must have shape (..., 2) (points in R^2 along the last axis), got shape (1, 3)
        """
        array = self._points(points, "points")
        if array.ndim > 2:
            raise ValueError(f"points must be one point (shape ({self.n},)) or a list of "
                             f"points (shape (k, {self.n})), got shape {array.shape}")
        with np.errstate(all="ignore"):
            return (array.reshape(-1, self.n) - self.stationary_point) @ self._eigenvectors

    def __repr__(self) -> str:
        return (f"Quadratic(A={self.A.tolist()}, b={self.b.tolist()}, c={self.c:g})")


def contraction_factor_curve(eigenvalues: Any, steps: Any, momentum: float = 0.0) -> np.ndarray:
    """The contraction factor for each step in ``steps``, for Hessian eigenvalues ``eigenvalues``.

    Vectorised form of :meth:`Quadratic.contraction_factor`: max over λ of the spectral
    radius of [[1 + α − γλ, −α], [1, 0]] (= max |1 − γλ| for α = 0). Values ≥ 1 mean the
    iteration does not converge from every start. One row of :func:`momentum_rate_map`.

    Examples
    --------
    >>> contraction_factor_curve([1, 9], [0.1, 0.2, 0.25]).round(6).tolist()
    [0.9, 0.8, 1.25]
    """
    momentum = float(check_real_number(momentum, "momentum"))
    return momentum_rate_map(eigenvalues, steps, [momentum])[0]


#: The most (α, γ) cells :func:`momentum_rate_map` computes in one call (a 1000 × 1000 map).
MAX_RATE_CELLS = 1_000_000


def _check_grid(value: Any, name: str, what: str) -> np.ndarray:
    """``value`` as a non-empty 1-D array of finite numbers (a scalar counts as one entry)."""
    array = check_array(value, name)
    if array.ndim > 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D list of {what}, got shape "
                         f"{array.shape}")
    return array.reshape(-1)


def momentum_rate_map(eigenvalues: Any, steps: Any, momenta: Any) -> np.ndarray:
    """The asymptotic contraction factor ρ(γ, α) of the heavy ball over a grid of steps and momenta.

    Heavy-ball momentum x_{k+1} = x_k − γ∇f(x_k)ᵀ + α(x_k − x_{k−1}) on a quadratic whose
    Hessian has the eigenvalues ``eigenvalues`` shrinks the error per step by ρ, the largest
    spectral radius over λ of [[1 + α − γλ, −α], [1, 0]] (only λmin and λmax matter: the
    radius grows with |1 + α − γλ|). Row ``j`` is α = ``momenta[j]`` (row α = 0 is gradient
    descent, max |1 − γλ|); ρ < 1 where the iteration converges from every start. The smallest
    ρ, (√κ − 1)/(√κ + 1), is at :func:`heavy_ball_parameters`.

    Parameters
    ----------
    eigenvalues : array_like, shape (m,)
        Eigenvalues of the Hessian A (e.g. :attr:`Quadratic.eigenvalues`).
    steps : array_like, shape (s,)
        Step sizes γ (the columns).
    momenta : array_like, shape (p,)
        Momenta α (the rows); 0 ≤ α < 1 is the useful range.

    Returns
    -------
    ndarray, shape (p, s)
        ρ for every (α, γ); ``inf`` where a huge step overflows.

    Examples
    --------
    >>> momentum_rate_map([1, 9], [0.1, 0.2, 0.25], [0.0, 0.25]).round(6).tolist()
    [[0.9, 0.8, 1.25], [0.858945, 0.685078, 0.5]]
    >>> momentum_rate_map([1, 9], [0.1], [[0.0]])
    Traceback (most recent call last):
    ...
    ValueError: momenta must be a non-empty 1-D list of momenta α, got shape (1, 1)
    """
    lam = _check_grid(eigenvalues, "eigenvalues", "eigenvalues of A")
    gammas = _check_grid(steps, "steps", "step sizes γ")
    alphas = _check_grid(momenta, "momenta", "momenta α")
    if gammas.size * alphas.size > MAX_RATE_CELLS:
        raise ValueError(f"steps and momenta give {gammas.size} × {alphas.size} cells, more "
                         f"than {MAX_RATE_CELLS}: pass shorter grids (e.g. 200 values each)")
    lam = np.array([lam.min(), lam.max()]).reshape(1, 1, 2)
    with np.errstate(all="ignore"):  # a huge step overflows to inf, without a warning
        trace = 1.0 + alphas.reshape(-1, 1, 1) - gammas.reshape(1, -1, 1) * lam
        root = np.sqrt((trace ** 2 - 4.0 * alphas.reshape(-1, 1, 1)).astype(complex))
        radius = np.maximum(np.abs((trace + root) / 2), np.abs((trace - root) / 2))
    radius = np.where(np.isfinite(trace) & ~np.isnan(radius), radius, np.inf)
    return radius.max(axis=2)


def heavy_ball_parameters(smallest: float, largest: float) -> tuple[float, float]:
    """Polyak's best heavy-ball parameters for eigenvalues in [``smallest``, ``largest``].

    γ = 4/(√λmax + √λmin)², α = ((√λmax − √λmin)/(√λmax + √λmin))²; the contraction factor
    is then √α = (√κ − 1)/(√κ + 1) instead of (κ − 1)/(κ + 1) without momentum.

    Examples
    --------
    >>> heavy_ball_parameters(1, 9)
    (0.25, 0.25)
    """
    mu = float(check_real_number(smallest, "smallest", positive=True))
    L = float(check_real_number(largest, "largest", positive=True))
    if L < mu:
        raise ValueError(f"largest must be ≥ smallest, got {L:g} < {mu:g}")
    root_mu, root_l = math.sqrt(mu), math.sqrt(L)
    return 4.0 / (root_l + root_mu) ** 2, ((root_l - root_mu) / (root_l + root_mu)) ** 2


def steps_to_reduce(rate: float, reduction: float) -> float:
    """How many steps a contraction by ``rate`` per step needs to shrink an error by
    ``reduction``: log(1/reduction)/log(1/rate) (≈ (κ/2)·log(1/reduction) for the best
    constant step on an ill-conditioned quadratic).

    Examples
    --------
    >>> steps_to_reduce(0.5, 1e-3) > 9.9
    True
    """
    rate = float(check_real_number(rate, "rate", positive=True))
    reduction = float(check_real_number(reduction, "reduction", positive=True))
    if rate >= 1:
        return math.inf
    return math.log(1.0 / reduction) / math.log(1.0 / rate)
