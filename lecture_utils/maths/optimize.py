"""Gradient descent: step-size rules, the iteration and its result (layer 1: numbers only).

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

The model problem :class:`~lecture_utils.maths.quadratic.Quadratic` and its rate formulas
live in :mod:`lecture_utils.maths.quadratic`.

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

import inspect
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .._validation import shown, check_array, check_callable, check_real_number
from .landscapes import Landscape
from .quadratic import Quadratic

__all__ = [
    "Trajectory", "ConstantStep", "BoldDriver", "Backtracking", "gradient_descent", "STATUSES",
]

#: The possible values of :attr:`Trajectory.status`.
STATUSES = ("converged", "diverged", "max_steps")


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
        if grow < 1:
            raise ValueError(f"grow must be ≥ 1 (the factor after a successful step), got {grow:g}")
        object.__setattr__(self, "grow", grow)
        object.__setattr__(self, "shrink", _check_fraction(self.shrink, "shrink",
                                                           " (the factor after a failed step)"))


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
        object.__setattr__(self, "shrink", _check_fraction(self.shrink, "shrink", ""))
        object.__setattr__(self, "c", _check_fraction(self.c, "c",
                                                      " (the Armijo constant, e.g. 1e-4)"))


StepRule = ConstantStep | BoldDriver | Backtracking


def _check_fraction(value: Any, name: str, role: str) -> float:
    """``value`` as a number strictly between 0 and 1, or a named error saying its ``role``."""
    number = float(check_real_number(value, name))
    if not 0 < number < 1:
        raise ValueError(f"{name} must be between 0 and 1{role}, got {number:g}")
    return number


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


def _fast_methods(grad: Callable[[np.ndarray], Any], f: Callable[[np.ndarray], Any] | None,
                  n: int) -> tuple[Callable[[np.ndarray], Any], Callable[[np.ndarray], Any] | None]:
    """The same functions without per-call checks when they are a :class:`Quadratic`'s or a
    :class:`Landscape`'s own methods (the iteration already runs under ``np.errstate`` and
    checks every shape): the same numbers, a fraction of the time per step."""
    owner, method = getattr(grad, "__self__", None), getattr(grad, "__func__", None)
    if isinstance(owner, Quadratic) and method is Quadratic.gradient and owner.n == n:
        raw_gradient, value_methods = owner._gradient_of, (Quadratic.value, Quadratic.__call__)
        raw_value: Any = owner._value_of
    elif isinstance(owner, Landscape) and method is Landscape.gradient and owner.n == n:
        raw_gradient, value_methods = owner._gradient, (Landscape.value, Landscape.__call__)
        raw_value = owner._value
    else:
        return grad, f
    same_f = getattr(f, "__self__", None) is owner and getattr(f, "__func__", None) in value_methods
    return raw_gradient, (raw_value if same_f else f)


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
    rule, x, n_steps, tol, momentum, bound = _settings(grad, x0, step, n_steps, f, tol,
                                                       momentum, divergence_bound)
    calls = _Calls(*_fast_methods(grad, f, x.size), x0_shape=x.shape)
    with np.errstate(all="ignore"):
        run = _Run.start(x, calls, rule, tol)
        while run.status == "max_steps" and len(run.steps) < n_steps:
            proposal = _propose(rule, run, calls, momentum)
            if proposal is None:  # the bold driver undid the step
                run.stay()
            else:
                run.move(*proposal, calls, tol, bound)
    return run.trajectory(calls, momentum=momentum, tol=tol, bound=bound)


def _takes_a_point(func: Any, name: str) -> Callable[[np.ndarray], Any]:
    """``func`` if it is callable with one point; else a named ``TypeError``."""
    func = check_callable(func, name)
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # a builtin without a signature: the first call tells
        return func
    try:
        signature.bind(np.zeros(1))
    except TypeError:
        raise TypeError(f"{name} must take one argument, the point x (e.g. {name}=q.{name}), "
                        f"but its signature is {signature}") from None
    return func


def _settings(grad: Any, x0: Any, step: Any, n_steps: Any, f: Any, tol: Any, momentum: Any,
              divergence_bound: Any) -> tuple[StepRule, np.ndarray, int, float, float, float]:
    """The arguments of :func:`gradient_descent`, checked: (rule, x0, n_steps, tol, α, bound)."""
    _takes_a_point(grad, "grad")
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
        _takes_a_point(f, "f")
    elif rule.needs_function:
        raise ValueError(f"the step rule {type(rule).__name__} needs the objective: pass "
                         "f=... (e.g. f=q.value)")
    if isinstance(rule, Backtracking) and momentum:
        raise ValueError("momentum must be 0 with Backtracking (the line search guarantees a "
                         "decrease of f only for the plain gradient step)")
    return rule, x, int(n_steps), tol, momentum, bound


class _Calls:
    """f and ∇f with call counts; a failure of the first call (at x0) names the function and
    x0 (usually x0 does not fit it)."""

    def __init__(self, grad: Callable[[np.ndarray], Any], f: Callable[[np.ndarray], Any] | None,
                 *, x0_shape: tuple[int, ...]):
        self.grad, self.f, self.x0_shape = grad, f, x0_shape
        self.n_f = self.n_grad = 0

    def _first(self, name: str, evaluate: Callable[[], Any]) -> Any:
        try:
            return evaluate()
        except (ValueError, TypeError, IndexError) as error:
            if f"{name} returned" in str(error) or f"{name} must" in str(error):
                raise
            raise ValueError(f"{name} cannot be evaluated at x0 of shape {self.x0_shape} (is "
                             f"x0 of the right dimension?): {error}") from None

    def value(self, point: np.ndarray) -> float:
        self.n_f += 1
        if self.n_f > 1:
            return _value(self.f, point)  # type: ignore[arg-type]
        return self._first("f", lambda: _value(self.f, point))  # type: ignore[arg-type]

    def gradient(self, point: np.ndarray) -> np.ndarray:
        self.n_grad += 1
        if self.n_grad > 1:
            return _gradient_row(self.grad, point)
        return self._first("grad", lambda: _gradient_row(self.grad, point))


def _norm(vector: np.ndarray) -> float:
    """‖v‖, or NaN when an entry is not finite."""
    square = float(vector @ vector)
    if math.isfinite(square):  # every entry finite (the usual case: no array test needed)
        return math.sqrt(square)
    return math.sqrt(square) if np.all(np.isfinite(vector)) else math.nan


def _status(gradient_norm: float, tol: float) -> str:
    """The stopping test after a step: ∇f no longer finite, ‖∇f‖ < tol, or go on."""
    if not math.isfinite(gradient_norm):
        return "diverged"
    return "converged" if gradient_norm < tol else "max_steps"


def _escaped(point: np.ndarray, fx: float | None, bound: float) -> bool:
    """The divergence test: ‖x‖ beyond ``bound``, or x or f(x) not finite."""
    square = float(point @ point)  # inf or nan when an entry is
    if not (math.isfinite(square) and square <= bound * bound):
        return True
    return fx is not None and not math.isfinite(fx)


@dataclass
class _Run:
    """The state of a run of :func:`gradient_descent` (current point, ∇f, f, γ) and its history."""

    x: np.ndarray
    fx: float | None
    g: np.ndarray
    gamma: float
    previous: np.ndarray
    points: list[np.ndarray]
    values: list[float | None] | None
    norms: list[float]
    steps: list[float] = field(default_factory=list)
    rejected: int = 0
    status: str = "max_steps"

    @classmethod
    def start(cls, x: np.ndarray, calls: _Calls, rule: StepRule, tol: float) -> "_Run":
        fx = calls.value(x) if calls.f is not None else None
        g = calls.gradient(x)
        gamma = rule.step if isinstance(rule, ConstantStep) else rule.initial
        run = cls(x=x, fx=fx, g=g, gamma=gamma, previous=x.copy(), points=[x.copy()],
                  values=None if calls.f is None else [fx], norms=[_norm(g)])
        if not np.all(np.isfinite(g)) or (fx is not None and not math.isfinite(fx)):
            run.status = "diverged"
        elif run.norms[0] < tol:
            run.status = "converged"
        return run

    def stay(self) -> None:
        """A rejected step: the point repeats and the velocity is forgotten."""
        self.rejected += 1
        self.previous = self.x
        self.points.append(self.x.copy())
        self.values.append(self.fx)  # type: ignore[union-attr]
        self.norms.append(self.norms[-1])

    def move(self, new: np.ndarray, f_new: float | None, calls: _Calls, tol: float,
             bound: float) -> None:
        """Go to ``new`` and apply the stopping tests."""
        self.previous, self.x = self.x, new
        self.points.append(new.copy())
        if self.values is not None:
            self.values.append(f_new)
        if _escaped(new, f_new, bound):
            self.norms.append(math.nan)
            self.status = "diverged"
            return
        self.fx = f_new
        self.g = calls.gradient(new)
        self.norms.append(_norm(self.g))
        self.status = _status(self.norms[-1], tol)

    def trajectory(self, calls: _Calls, *, momentum: float, tol: float,
                   bound: float) -> Trajectory:
        return Trajectory(
            points=np.array(self.points, dtype=float).reshape(-1, self.x.size),
            values=None if self.values is None else np.array(self.values, dtype=float),
            step_sizes=np.array(self.steps, dtype=float),
            gradient_norms=np.array(self.norms, dtype=float),
            status=self.status, n_steps=len(self.steps),
            n_function_evaluations=calls.n_f, n_gradient_evaluations=calls.n_grad,
            n_rejected=self.rejected, momentum=momentum, tol=tol, divergence_bound=bound)


def _propose(rule: StepRule, run: _Run, calls: _Calls,
             momentum: float) -> tuple[np.ndarray, float | None] | None:
    """The next point and f there, or ``None`` when the bold driver rejects the step."""
    if isinstance(rule, Backtracking):
        return _armijo(rule, run, calls)
    new = run.x - run.gamma * run.g + momentum * (run.x - run.previous)
    run.steps.append(run.gamma)
    if isinstance(rule, BoldDriver):
        f_new = calls.value(new)
        if math.isfinite(f_new) and f_new <= run.fx:  # type: ignore[operator]
            run.gamma *= rule.grow
            return new, f_new
        run.gamma *= rule.shrink
        return None
    return new, (calls.value(new) if calls.f is not None else None)


def _armijo(rule: Backtracking, run: _Run, calls: _Calls) -> tuple[np.ndarray, float | None]:
    """Backtracking from γ = rule.initial until f decreases enough (else stay at x)."""
    gamma = rule.initial
    target = rule.c * run.norms[-1] ** 2
    new = run.x - gamma * run.g
    f_new = calls.value(new)
    for _ in range(rule.max_halvings):
        if math.isfinite(f_new) and f_new <= run.fx - gamma * target:  # type: ignore[operator]
            break
        gamma *= rule.shrink
        new = run.x - gamma * run.g
        f_new = calls.value(new)
    if not (math.isfinite(f_new) and f_new <= run.fx):  # type: ignore[operator]
        new, f_new = run.x.copy(), run.fx
    run.gamma = gamma
    run.steps.append(gamma)
    return new, f_new
