"""Gradient descent and the analysis of a quadratic (layer 1: numbers only, no drawing).

The slides' iteration is x_{i+1} = x_i − γ_i ∇f(x_i)ᵀ, with the gradient a **row** vector.
Points are NumPy arrays of shape (n,); a gradient function may return shape (n,) or the
row (1, n). :func:`gradient_descent` runs the iteration with a constant step or a step-size
rule (:class:`ConstantStep`, :class:`BoldDriver`, :class:`Backtracking`), optionally with
momentum (the heavy ball), and returns a :class:`Trajectory` whose ``status`` says how it
ended: ``"converged"`` (‖∇f‖ < tol), ``"diverged"`` (a non-finite value or a point farther
than ``divergence_bound`` from the origin) or ``"max_steps"`` (the steps ran out); its
``message`` says in words what the run did (for a run that ran out of steps, what ‖∇f‖ and f
did over its last steps; given the exact contraction factor of a quadratic,
:meth:`Trajectory.describe` calls it converging, diverging or not converging).

:class:`Quadratic` is f(x) = ½ xᵀAx − b x + c with A symmetric positive definite and b a row
vector, the slides' example. Its step-size theory is computed from A: gradient descent with
a constant step γ converges for every start exactly when 0 < γ < 2/λmax
(:attr:`~Quadratic.max_stable_step`); the error shrinks per step at least by the factor
ρ(γ) = max_i |1 − γλ_i| (:meth:`~Quadratic.contraction_factor`), ‖e_{k+1}‖ ≤ ρ‖e_k‖, with
equality in the long run for a generic start; ρ is smallest, (κ − 1)/(κ + 1), at
γ = 2/(λmin + λmax) (:attr:`~Quadratic.optimal_step`).

Examples
--------
>>> q = Quadratic([[2, 1], [1, 20]], [5, 3])          # the slides' example
>>> q.gradient([-3, -1])                              # row vector [2x1+x2−5, x1+20x2−3]
array([-12., -26.])
>>> run = gradient_descent(q.gradient, [-3, -1], step=q.optimal_step, n_steps=200, f=q.value)
>>> run.status, bool(np.allclose(run.points[-1], q.minimizer))
('converged', True)
>>> run = gradient_descent(q.gradient, [-3, -1], step=1.5 * q.max_stable_step)
>>> run.status
'diverged'
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .._validation import shown, check_array, check_callable, check_flag, check_real_number

__all__ = [
    "Quadratic", "Trajectory", "ConstantStep", "BoldDriver", "Backtracking",
    "gradient_descent", "heavy_ball_parameters", "steps_to_reduce", "STATUSES",
    "contraction_factor_curve",
]

#: The possible values of :attr:`Trajectory.status`.
STATUSES = ("converged", "diverged", "max_steps")


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
        """
        kappa = float(check_real_number(kappa, "kappa"))
        if not kappa >= 1:
            raise ValueError(f"kappa must be a condition number ≥ 1 (λmax/λmin), got {kappa:g}")
        smallest = float(check_real_number(smallest, "smallest", positive=True))
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
        points = self._points(x)
        with np.errstate(all="ignore"):
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
        points = self._points(x)
        with np.errstate(all="ignore"):
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

    def __repr__(self) -> str:
        return (f"Quadratic(A={self.A.tolist()}, b={self.b.tolist()}, c={self.c:g})")


def contraction_factor_curve(eigenvalues: Any, steps: Any, momentum: float = 0.0) -> np.ndarray:
    """The contraction factor for each step in ``steps``, for Hessian eigenvalues ``eigenvalues``.

    Vectorised form of :meth:`Quadratic.contraction_factor`: max over λ of the spectral
    radius of [[1 + α − γλ, −α], [1, 0]] (= max |1 − γλ| for α = 0). Values ≥ 1 mean the
    iteration does not converge from every start.

    Examples
    --------
    >>> contraction_factor_curve([1, 9], [0.1, 0.2, 0.25]).round(6).tolist()
    [0.9, 0.8, 1.25]
    """
    lam = np.asarray(eigenvalues, dtype=float).reshape(1, -1)
    gammas = np.asarray(steps, dtype=float).reshape(-1, 1)
    alpha = float(momentum)
    trace = 1.0 + alpha - gammas * lam
    if alpha == 0.0:
        return np.max(np.abs(trace), axis=1)
    root = np.sqrt((trace ** 2 - 4.0 * alpha).astype(complex))
    radius = np.maximum(np.abs((trace + root) / 2), np.abs((trace - root) / 2))
    return np.max(radius, axis=1)


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


# ------------------------------------------------------------------------ step rules ----

@dataclass(frozen=True)
class ConstantStep:
    """The same step γ every iteration (the slides' γ_i = γ).

    Examples
    --------
    >>> ConstantStep(0.1).step
    0.1
    """

    step: float
    needs_function = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "step", _check_step(self.step, "step"))


@dataclass(frozen=True)
class BoldDriver:
    """Adaptive step (MML §7.1.1): after a step that decreases f, grow γ by ``grow``; after a
    step that increases f, undo it and shrink γ by ``shrink``. Needs f.

    Examples
    --------
    >>> BoldDriver(0.5).grow
    1.1
    """

    initial: float
    grow: float = 1.1
    shrink: float = 0.5
    needs_function = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "initial", _check_step(self.initial, "initial"))
        grow = float(check_real_number(self.grow, "grow"))
        shrink = float(check_real_number(self.shrink, "shrink"))
        if grow < 1:
            raise ValueError(f"grow must be ≥ 1 (the factor after a successful step), got {grow:g}")
        if not 0 < shrink < 1:
            raise ValueError(f"shrink must be between 0 and 1 (the factor after a failed step), "
                             f"got {shrink:g}")
        object.__setattr__(self, "grow", grow)
        object.__setattr__(self, "shrink", shrink)


@dataclass(frozen=True)
class Backtracking:
    """Armijo line search: start each iteration at γ = ``initial`` and multiply by
    ``shrink`` until f(x − γ∇fᵀ) ≤ f(x) − c γ ‖∇f‖². f never increases. Needs f.

    Examples
    --------
    >>> Backtracking().c
    0.0001
    """

    initial: float = 1.0
    shrink: float = 0.5
    c: float = 1e-4
    max_halvings: int = 60
    needs_function = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "initial", _check_step(self.initial, "initial"))
        shrink = float(check_real_number(self.shrink, "shrink"))
        c = float(check_real_number(self.c, "c"))
        if not 0 < shrink < 1:
            raise ValueError(f"shrink must be between 0 and 1, got {shrink:g}")
        if not 0 < c < 1:
            raise ValueError(f"c must be between 0 and 1 (the Armijo constant, e.g. 1e-4), got {c:g}")
        object.__setattr__(self, "shrink", shrink)
        object.__setattr__(self, "c", c)


StepRule = ConstantStep | BoldDriver | Backtracking


def _check_step(value: Any, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            return _check_step(value.item(), name)
        raise TypeError(f"{name} must be a positive number or a step-size rule (ConstantStep, "
                        f"BoldDriver, Backtracking), got {type(value).__name__} {shown(value)}")
    value = math.inf if abs(value) >= 1e308 else float(value)  # float(10**400) overflows; NaN stays
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite step size (e.g. 0.05), got {value!r}")
    return value


# ------------------------------------------------------------------------ trajectory ----

@dataclass
class Trajectory:
    """The result of :func:`gradient_descent`.

    Attributes
    ----------
    points : ndarray, shape (k + 1, n)
        x_0, …, x_k (a step that the bold driver undid repeats the point).
    values : ndarray of shape (k + 1,), or None
        f(x_i) when f was given.
    step_sizes : ndarray, shape (k,)
        The step γ_i used (or tried) in each iteration.
    gradient_norms : ndarray, shape (k + 1,)
        ‖∇f(x_i)‖ (NaN where it was not evaluated, e.g. after a divergence).
    status : str
        ``"converged"`` (‖∇f‖ < tol), ``"diverged"`` (‖x‖ > divergence_bound or a value not
        finite) or ``"max_steps"`` (the steps ran out: :attr:`message` says how ‖∇f‖ and f
        changed over the last steps; :meth:`describe` with the exact ρ of a quadratic says
        whether the run is converging, diverging or neither).
    n_steps : int
        k, the number of iterations.
    n_function_evaluations, n_gradient_evaluations : int
        How often f and ∇f were called.
    n_rejected : int
        Steps the bold driver undid.
    momentum, tol, divergence_bound : float
        The settings of the run (used by :attr:`message`).
    """

    points: np.ndarray
    values: np.ndarray | None
    step_sizes: np.ndarray
    gradient_norms: np.ndarray
    status: str
    n_steps: int
    n_function_evaluations: int
    n_gradient_evaluations: int
    n_rejected: int = 0
    momentum: float = 0.0
    tol: float | None = None
    divergence_bound: float | None = None

    @property
    def final(self) -> np.ndarray:
        """The last point x_k."""
        return self.points[-1]

    @property
    def message(self) -> str:
        """A sentence for a status line that says what the run did (see :meth:`describe`).

        Examples
        --------
        >>> gradient_descent(lambda x: 2 * x, [1.0], 0.5, tol=1e-6).message
        'converged (‖∇f‖ < 1e-06) after 1 step'
        >>> gradient_descent(lambda x: 2 * x, [1.0], 0.9, n_steps=20).message
        '‖∇f‖ shrank over the last 10 steps (×0.8 per step), not yet < 1e-08 after 20 steps'
        >>> gradient_descent(lambda x: 2 * x, [1.0], 1.1, n_steps=20).message
        '‖∇f‖ grew over the last 10 steps (×1.2 per step) (stopped after 20 steps)'
        """
        return self.describe()

    def describe(self, rate: float | None = None, *, local_rate: float | None = None) -> str:
        """What the run did, in words, for a status line or a title.

        ``"converged"`` and ``"diverged"`` runs say which test stopped them (‖∇f‖ < tol;
        ‖x‖ beyond ``divergence_bound`` or a value that is no longer finite). For a run that
        used up its steps:

        - with ``rate``, the exact contraction factor ρ of the iteration (a quadratic), it is
          called *converging*, *diverging* or *not converging*, from ρ < 1, ρ > 1 or ρ = 1
          (within 1e-9): for ρ > 1 the error ‖x_k − x*‖ grows by about ρ per step from a
          generic start, for ρ = 1 the error along the steepest direction keeps its size;
        - without it, only what was measured is reported, over a stated window, the second
          half of the run (the last ⌈k/2⌉ steps): the mean factor per step of ‖∇f(x_k)‖ (a
          least-squares line through log ‖∇f‖; a total change of less than 0.1 % is
          reported as such) and, when f was recorded, whether f rose (the largest value of
          the window's second half above the largest of its first half). No fate is
          predicted from such a trend: on Rosenbrock's function ‖∇f‖ and f can rise for a
          while in a run that then converges, and ‖∇f‖ → 0 need not mean converging
          iterates (on f(x) = ln(1 + eˣ) the gradient tends to 0 while x_k → −∞).

        ``local_rate`` is the contraction factor ρ(x*) from the Hessian at a minimiser x*
        (it describes the iteration near x* only). When it is above 1 the sentence adds that
        x* is unstable for this step: the linearised iteration pushes errors away along a
        steep direction, so a run converges to x* only from exceptional starts.

        Examples
        --------
        >>> q = Quadratic([[1, 0], [0, 9]])
        >>> run = gradient_descent(q.gradient, [1.0, 1.0], 0.23, n_steps=30)
        >>> run.describe(q.contraction_factor(0.23))
        'diverging (ρ = 1.070 > 1): ‖x_k − x*‖ grows about ×ρ per step (stopped after 30 steps)'
        >>> run = gradient_descent(q.gradient, [1.0, 1.0], 2 / 9, n_steps=30)
        >>> run.describe(q.contraction_factor(2 / 9))
        'not converging (ρ = 1): the error along the steepest direction keeps its size (stopped after 30 steps)'
        >>> run = gradient_descent(q.gradient, [1.0, 1.0], 0.1, n_steps=30, f=q.value)
        >>> run.describe(local_rate=1.02)
        '‖∇f‖ shrank over the last 15 steps (×0.9 per step), not yet < 1e-08 after 30 steps; x* is unstable for this γ (ρ = 1.020 > 1 there): a run converges to it only from exceptional starts'
        """
        k = self.n_steps
        steps = f"{k} step{'' if k == 1 else 's'}"
        if self.status == "converged":
            if self.tol is None:
                return f"converged after {steps}"
            return f"converged (‖∇f‖ < {self.tol:g}) after {steps}"
        if self.status == "diverged":
            last = self.points[-1]
            with np.errstate(all="ignore"):
                size = float(np.sqrt(last @ last))
            if self.divergence_bound is not None and math.isfinite(size) and \
                    size > self.divergence_bound:
                return f"diverged (‖x‖ > {self.divergence_bound:g}) after {steps}"
            return f"diverged (values no longer finite) after {steps}"
        stopped = f"(stopped after {steps})"
        not_yet = f"not yet < {self.tol:g}" if self.tol is not None else "still above tol"
        if rate is not None:
            rate = float(check_real_number(rate, "rate", nonnegative=True))
            if abs(rate - 1.0) <= 1e-9:
                return ("not converging (ρ = 1): the error along the steepest direction keeps "
                        f"its size {stopped}")
            shown_rate = f"{rate:.3f}" if abs(rate - 1) > 5e-4 else f"{rate:.6f}"
            if rate > 1:
                return (f"diverging (ρ = {shown_rate} > 1): ‖x_k − x*‖ grows about ×ρ per "
                        f"step {stopped}")
            return f"converging (ρ = {shown_rate} < 1), ‖∇f‖ {not_yet} after {steps}"
        return self._measured(steps, stopped, not_yet) + self._unstable(local_rate)

    def _measured(self, steps: str, stopped: str, not_yet: str) -> str:
        """What was measured over the second half of a run that used up its steps."""
        factor = self._gradient_trend()
        if factor is None:
            return f"‖∇f‖ {not_yet} after {steps}"
        width = len(self.gradient_norms) - len(self.gradient_norms) // 2 - 1
        window = f"over the last {width} step{'' if width == 1 else 's'}"
        per_step = f"{factor:.4g}" if abs(factor - 1) > 0.01 else f"{factor:.5f}"
        if float(per_step) == 1.0:   # a slow trend: the total change says more
            per_step = f"×{factor ** width:.3g} in all"
        else:
            per_step = f"×{per_step} per step"
        rising = self._values_rising()
        if factor == 1.0:
            if rising:
                return f"f rose, ‖∇f‖ changed by less than 0.1 % {window} {stopped}"
            f_part = "" if rising is None else "f did not rise, "
            return f"{f_part}‖∇f‖ changed by less than 0.1 % {window} {stopped}"
        if factor > 1:
            if rising:
                return f"f and ‖∇f‖ rose {window} (‖∇f‖ {per_step}) {stopped}"
            f_part = "" if rising is None else "f did not rise but "
            return f"{f_part}‖∇f‖ grew {window} ({per_step}) {stopped}"
        if rising:
            return f"f rose while ‖∇f‖ shrank {window} ({per_step}) {stopped}"
        return f"‖∇f‖ shrank {window} ({per_step}), {not_yet} after {steps}"

    @staticmethod
    def _unstable(local_rate: float | None) -> str:
        """The warning for ρ(x*) > 1 (from the Hessian at x*), or nothing."""
        if local_rate is None:
            return ""
        local_rate = float(check_real_number(local_rate, "local_rate", nonnegative=True))
        if local_rate <= 1 + 1e-9:
            return ""
        shown_rate = f"{local_rate:.3f}" if local_rate - 1 > 5e-4 else f"{local_rate:.6f}"
        return (f"; x* is unstable for this γ (ρ = {shown_rate} > 1 there): a run converges to "
                "it only from exceptional starts")

    def _values_rising(self) -> bool | None:
        """Whether f rose over the second half of the run (the window of
        :meth:`_gradient_trend`): the largest value of the window's second half above the
        largest of its first half (an oscillating f compares by its envelope); ``None``
        without values or with fewer than 4 steps."""
        if self.values is None or len(self.values) < 5:
            return None
        values = np.asarray(self.values, dtype=float)
        window = values[len(values) // 2:]
        middle = len(window) // 2
        last, before = window[middle:], window[:middle]
        if not (np.all(np.isfinite(last)) and np.all(np.isfinite(before))):
            return None
        top, earlier = float(np.max(last)), float(np.max(before))
        return top > earlier + 1e-12 * max(1.0, abs(earlier))

    def _gradient_trend(self) -> float | None:
        """The mean factor per step of ‖∇f(x_k)‖ over the second half of the run (a
        least-squares line through log ‖∇f‖), or ``None`` with fewer than two usable values.
        A factor within 0.1 % of 1 over the whole half is reported as exactly 1."""
        norms = np.asarray(self.gradient_norms, dtype=float)
        half = norms[len(norms) // 2:]
        ks = np.arange(len(half), dtype=float)
        usable = np.isfinite(half) & (half > 0)
        if usable.sum() < 2:
            return None
        logs = np.log(half[usable])
        slope = float(np.polyfit(ks[usable], logs, 1)[0])
        span = float(ks[usable][-1] - ks[usable][0])
        if abs(slope) * span < 1e-3:
            return 1.0
        return math.exp(slope)

    def distances(self, target: Any) -> np.ndarray:
        """‖x_i − target‖ for every point (e.g. the distance to the minimiser).

        Examples
        --------
        >>> gradient_descent(lambda x: x, [4.0, 3.0], 0.5, n_steps=2).distances([0, 0]).tolist()
        [5.0, 2.5, 1.25]
        """
        target = np.asarray(target, dtype=float).reshape(-1)
        with np.errstate(all="ignore"):
            return np.linalg.norm(self.points - target, axis=1)


def _gradient_row(grad: Callable[[np.ndarray], Any], x: np.ndarray) -> np.ndarray:
    raw = grad(x.copy())
    if type(raw) is np.ndarray and raw.dtype == float and raw.shape == x.shape:
        return raw
    try:
        g = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"grad must return an array of numbers, got {type(raw).__name__} "
                        f"{shown(raw)}") from None
    n = x.shape[0]
    if g.shape not in ((n,), (1, n)):
        raise ValueError(f"grad returned the wrong shape: expected ({n},) or the row (1, {n}) "
                         f"for a point of shape ({n},), got shape {g.shape}")
    return g.reshape(n)


def _fast_quadratic(grad: Callable[[np.ndarray], Any], f: Callable[[np.ndarray], Any] | None,
                    n: int) -> tuple[Callable[[np.ndarray], Any], Callable[[np.ndarray], Any] | None]:
    """The same functions without per-call checks when they are a Quadratic's own methods
    (the iteration already runs under ``np.errstate`` and checks every shape)."""
    owner = getattr(grad, "__self__", None)
    if not (isinstance(owner, Quadratic) and getattr(grad, "__func__", None) is Quadratic.gradient
            and owner.n == n):
        return grad, f
    A, b, c = owner.A, owner.b, owner.c

    def fast_grad(x: np.ndarray) -> np.ndarray:
        return x @ A - b

    def fast_value(x: np.ndarray) -> float:
        return float(0.5 * (x @ A @ x) - x @ b + c)

    same_f = getattr(f, "__self__", None) is owner and \
        getattr(f, "__func__", None) in (Quadratic.value, Quadratic.__call__)
    return fast_grad, (fast_value if same_f else f)


def _value(f: Callable[[np.ndarray], Any], x: np.ndarray) -> float:
    raw = f(x.copy())
    if type(raw) is float:
        return raw
    try:
        return float(np.asarray(raw, dtype=float).reshape(()))
    except (TypeError, ValueError):
        raise TypeError(f"f must return one number for one point, got {type(raw).__name__} "
                        f"{shown(raw)}") from None


def gradient_descent(grad: Callable[[np.ndarray], Any], x0: Any, step: float | StepRule,
                     n_steps: int = 100, f: Callable[[np.ndarray], Any] | None = None,
                     tol: float = 1e-8, momentum: float = 0.0,
                     divergence_bound: float = 1e8) -> Trajectory:
    """Run x_{i+1} = x_i − γ_i ∇f(x_i)ᵀ + α (x_i − x_{i−1}) from ``x0``.

    Parameters
    ----------
    grad : callable
        ∇f: takes a point of shape (n,), returns shape (n,) or the row (1, n).
    x0 : array_like, shape (n,)
        The start.
    step : float or step rule
        A positive constant γ, or :class:`ConstantStep`, :class:`BoldDriver`,
        :class:`Backtracking` (the last two need ``f``).
    n_steps : int
        The most iterations.
    f : callable, optional
        The objective (records :attr:`Trajectory.values`).
    tol : float
        Stop with ``"converged"`` when ‖∇f(x_i)‖ < tol.
    momentum : float
        α in [0, 1): the heavy ball (MML §7.1.2); 0 is plain gradient descent.
    divergence_bound : float
        Stop with ``"diverged"`` when ‖x_i‖ (or |f|) exceeds it or anything is not finite.

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> run = gradient_descent(q.gradient, [-3, -1], step=0.05, n_steps=2, f=q.value)
    >>> np.round(run.points, 6).tolist()
    [[-3.0, -1.0], [-2.4, 0.3], [-1.925, 0.27]]
    >>> run.status, run.n_gradient_evaluations
    ('max_steps', 3)
    >>> gradient_descent(q.gradient, [-3, -1], step=Backtracking()).status
    Traceback (most recent call last):
    ...
    ValueError: the step rule Backtracking needs the objective: pass f=... (e.g. f=q.value)
    """
    grad = check_callable(grad, "grad")
    rule = step if isinstance(step, (ConstantStep, BoldDriver, Backtracking)) else \
        ConstantStep(_check_step(step, "step"))
    x = check_array(x0, "x0")
    if x.ndim == 2 and x.shape[0] == 1:
        x = x.reshape(-1)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x0 must be a point, shape (n,), got shape {x.shape}")
    if isinstance(n_steps, bool) or not isinstance(n_steps, numbers.Integral) or n_steps < 0:
        raise ValueError(f"n_steps must be a non-negative integer, got {shown(n_steps)}")
    tol = float(check_real_number(tol, "tol", nonnegative=True))
    momentum = float(check_real_number(momentum, "momentum"))
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1) (0 = plain gradient descent, e.g. 0.9), "
                         f"got {momentum:g}")
    bound = float(check_real_number(divergence_bound, "divergence_bound", positive=True))
    if f is not None:
        check_callable(f, "f")
    elif rule.needs_function:
        raise ValueError(f"the step rule {type(rule).__name__} needs the objective: pass "
                         "f=... (e.g. f=q.value)")
    if isinstance(rule, Backtracking) and momentum:
        raise ValueError("momentum must be 0 with Backtracking (the line search guarantees a "
                         "decrease of f only for the plain gradient step)")

    n = x.size
    counts = {"f": 0, "grad": 0}
    grad, f = _fast_quadratic(grad, f, n)

    def value(point: np.ndarray) -> float:
        counts["f"] += 1
        return _value(f, point)  # type: ignore[arg-type]

    def gradient(point: np.ndarray) -> np.ndarray:
        counts["grad"] += 1
        if counts["grad"] > 1:
            return _gradient_row(grad, point)
        try:  # the first call: a failure there usually means x0 does not fit grad
            return _gradient_row(grad, point)
        except (ValueError, TypeError, IndexError) as error:
            if "grad returned" in str(error) or "grad must" in str(error):
                raise
            raise ValueError(f"grad cannot be evaluated at x0 of shape {x.shape} (is x0 of "
                             f"the right dimension?): {error}") from None

    def bad(point: np.ndarray, fx: float | None) -> bool:
        square = float(point @ point)  # inf or nan when an entry is
        if not (math.isfinite(square) and square <= bound * bound):
            return True
        return fx is not None and not math.isfinite(fx)

    def norm(vector: np.ndarray) -> float:
        return math.sqrt(float(vector @ vector)) if np.all(np.isfinite(vector)) else math.nan

    points = [x.copy()]
    with np.errstate(all="ignore"):
        fx = value(x) if f is not None else None
        values = [fx] if f is not None else None
        g = gradient(x)
        norms = [norm(g)]
        steps: list[float] = []
        previous = x.copy()
        gamma = rule.step if isinstance(rule, ConstantStep) else rule.initial
        status = "max_steps"
        rejected = 0
        if not np.all(np.isfinite(g)) or (fx is not None and not math.isfinite(fx)):
            status = "diverged"
        elif norms[0] < tol:
            status = "converged"
        while status == "max_steps" and len(steps) < n_steps:
            velocity = momentum * (x - previous)
            if isinstance(rule, Backtracking):
                gamma = rule.initial
                target = rule.c * norms[-1] ** 2
                new = x - gamma * g
                f_new = value(new)
                for _ in range(rule.max_halvings):
                    if math.isfinite(f_new) and f_new <= fx - gamma * target:
                        break
                    gamma *= rule.shrink
                    new = x - gamma * g
                    f_new = value(new)
                if not (math.isfinite(f_new) and f_new <= fx):  # no decrease found: stay
                    new, f_new = x.copy(), fx
                steps.append(gamma)
            elif isinstance(rule, BoldDriver):
                new = x - gamma * g + velocity
                f_new = value(new)
                steps.append(gamma)
                if math.isfinite(f_new) and f_new <= fx:
                    gamma *= rule.grow
                else:  # undo the step, shrink, and forget the velocity
                    gamma *= rule.shrink
                    rejected += 1
                    previous = x
                    points.append(x.copy())
                    values.append(fx)  # type: ignore[union-attr]
                    norms.append(norms[-1])
                    continue
            else:
                new = x - gamma * g + velocity
                f_new = value(new) if f is not None else None
                steps.append(gamma)
            previous, x = x, new
            points.append(x.copy())
            if values is not None:
                values.append(f_new)
            if bad(x, f_new):
                norms.append(math.nan)
                status = "diverged"
                break
            fx = f_new
            g = gradient(x)
            norms.append(norm(g))
            if not math.isfinite(norms[-1]):
                status = "diverged"
            elif norms[-1] < tol:
                status = "converged"

    return Trajectory(
        points=np.array(points, dtype=float).reshape(-1, n),
        values=None if values is None else np.array(values, dtype=float),
        step_sizes=np.array(steps, dtype=float),
        gradient_norms=np.array(norms, dtype=float),
        status=status, n_steps=len(steps),
        n_function_evaluations=counts["f"], n_gradient_evaluations=counts["grad"],
        n_rejected=rejected, momentum=momentum, tol=tol, divergence_bound=bound)
