"""Newton's method and preconditioning (layer 1: numbers only, no drawing).

Newton's method replaces f near x_k by its second-order Taylor model
f(x_k) + ∇f(x_k) d + ½ dᵀ H(x_k) d and jumps to the model's stationary point:
solve H(x_k) d = −∇f(x_k)ᵀ, then x_{k+1} = x_k + d. When H(x_k) is positive definite the
model has a unique minimiser and d points downhill; on a quadratic ½xᵀAx − bx + c the model
*is* f, so one step from anywhere lands on x* = A⁻¹bᵀ. Near a minimiser where the Hessian is
positive definite and Lipschitz continuous (e.g. f three times continuously differentiable),
started close enough, the error is squared at every step, ‖e_{k+1}‖ ≤ C‖e_k‖² (quadratic
convergence), instead of multiplied by a factor ρ < 1 (linear convergence of gradient descent).
With a Hessian that is only continuous, the convergence is merely superlinear.

Its price: a Hessian evaluation and an n × n solve per step (a Cholesky factorisation, about
n³/6 multiply-adds = n³/3 flops, :func:`step_costs`), and the step needs H(x_k) positive
definite: for a singular H there is no unique step, and for an indefinite (negative definite)
one the model's stationary point is a saddle (a maximum) of the model — :func:`newton_step`
refuses all these cases with a ``ValueError`` that says so.

:func:`precondition` is the bridge back to gradient descent: with x = P y, gradient descent
on g(y) = f(Py) is gradient descent on f with the matrix PPᵀ in front of the gradient. The
Cholesky choice P = L⁻ᵀ (A = LLᵀ) makes the Hessian of g the identity (κ = 1, one step of
size 1 is Newton's step); the diagonal (Jacobi) choice P = diag(1/√a_ii) is cheap and
often lowers κ.

Examples
--------
>>> from lecture_utils.maths.optimize import Quadratic
>>> q = Quadratic([[2, 1], [1, 20]], [5, 3])          # the slides' example
>>> np.allclose(newton_step(q.gradient, q.hessian, [-3, -1]), q.minimizer)
True
>>> run = newtons_method(q.gradient, q.hessian, [-3, -1], f=q.value)
>>> run.status, run.n_steps
('converged', 1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .._validation import check_array, check_callable, check_choice, check_integer, \
    check_real_number, shown
from .optimize import Quadratic, Trajectory

__all__ = ["newton_step", "newtons_method", "NewtonTrajectory", "step_costs", "precondition",
           "SINGULAR_TOLERANCE"]

#: A Hessian whose smallest |eigenvalue| is below this times its largest is called singular.
SINGULAR_TOLERANCE = 1e-12


def _point(x: Any, name: str = "x") -> np.ndarray:
    point = check_array(x, name)
    if point.ndim == 2 and point.shape[0] == 1:
        point = point.reshape(-1)
    if point.ndim != 1 or point.size == 0:
        raise ValueError(f"{name} must be a point, shape (n,), got shape {point.shape}")
    return point


def _gradient_at(gradient: Callable[[np.ndarray], Any], x: np.ndarray,
                 name: str = "x") -> np.ndarray:
    try:
        with np.errstate(all="ignore"):
            g = np.asarray(gradient(x.copy()), dtype=float)
    except (TypeError, ValueError, IndexError) as error:
        raise ValueError(f"gradient cannot be evaluated at {name} of shape {x.shape} (is "
                         f"{name} of the right dimension?): {error}") from None
    n = x.size
    if g.shape not in ((n,), (1, n)):
        raise ValueError(f"gradient returned shape {g.shape}; expected ({n},) or the row "
                         f"(1, {n}) for a point of shape ({n},)")
    return g.reshape(n)


def _hessian_at(hessian: Callable[[np.ndarray], Any], x: np.ndarray) -> np.ndarray:
    try:
        with np.errstate(all="ignore"):
            H = np.asarray(hessian(x.copy()), dtype=float)
    except (TypeError, ValueError, IndexError) as error:
        raise ValueError(f"hessian cannot be evaluated at x of shape {x.shape}: {error}") \
            from None
    n = x.size
    if H.shape != (n, n):
        raise ValueError(f"hessian returned shape {H.shape}; expected ({n}, {n}) for a point "
                         f"of shape ({n},)")
    return H


def _newton_direction(g: np.ndarray, H: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Solve H d = −gᵀ after checking that H is finite, symmetric and positive definite."""
    where = f"at x = {np.round(x, 6).tolist()}"
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
        raise ValueError(f"gradient or hessian is not finite {where}: no Newton step")
    scale = max(float(np.max(np.abs(H))), 1e-300)
    if not np.allclose(H, H.T, rtol=1e-8, atol=1e-10 * scale):
        raise ValueError(f"hessian returned a matrix that is not symmetric {where}: a Hessian "
                         "of a twice continuously differentiable f is symmetric")
    H = (H + H.T) / 2
    eigenvalues = np.linalg.eigvalsh(H)
    largest = float(np.max(np.abs(eigenvalues)))
    if largest == 0.0 or float(np.min(np.abs(eigenvalues))) <= SINGULAR_TOLERANCE * largest:
        raise ValueError(
            f"hessian is singular {where} (eigenvalues {_shown_values(eigenvalues)}): H d = −∇fᵀ "
            "has no unique solution, so there is no Newton step; use a gradient step or add "
            "μI to H (a damped Newton step)")
    if eigenvalues[0] < 0:
        kind = "negative definite" if eigenvalues[-1] < 0 else "indefinite"
        target = "a maximum" if eigenvalues[-1] < 0 else "a saddle point"
        raise ValueError(
            f"hessian is {kind} {where} (eigenvalues {_shown_values(eigenvalues)}): the "
            f"quadratic model's stationary point is {target}, not a minimum, and the Newton "
            "step would head for it; Newton's method needs a positive definite Hessian (use a "
            "gradient step here, or add μI to H with μ > −λmin)")
    return -np.linalg.solve(H, g)


def _shown_values(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.4g}" for v in values) + "]"


def newton_step(gradient: Callable[[np.ndarray], Any], hessian: Callable[[np.ndarray], Any],
                x: Any) -> np.ndarray:
    """One Newton step: x − H(x)⁻¹∇f(x)ᵀ.

    Parameters
    ----------
    gradient : callable
        ∇f: takes a point of shape (n,), returns shape (n,) or the row (1, n).
    hessian : callable
        The Hessian: takes a point of shape (n,), returns an (n, n) symmetric matrix.
    x : array_like, shape (n,)
        The current point.

    Returns
    -------
    ndarray, shape (n,)
        The next point.

    Raises
    ------
    ValueError
        If the Hessian at ``x`` is singular (no unique step) or not positive definite (the
        step would head for a saddle point or a maximum of the quadratic model); the message
        gives its eigenvalues.

    Examples
    --------
    >>> newton_step(lambda x: 2 * x - 2, lambda x: 2 * np.eye(1), [5.0])   # f = (x − 1)²
    array([1.])
    >>> newton_step(lambda x: np.array([2 * x[0], -2 * x[1]]),
    ...             lambda x: np.diag([2.0, -2.0]), [1.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: hessian is indefinite at x = [1.0, 1.0] (eigenvalues [-2, 2]): the quadratic model's stationary point is a saddle point, not a minimum, and the Newton step would head for it; Newton's method needs a positive definite Hessian (use a gradient step here, or add μI to H with μ > −λmin)
    """
    check_callable(gradient, "gradient")
    check_callable(hessian, "hessian")
    point = _point(x)
    g = _gradient_at(gradient, point)
    H = _hessian_at(hessian, point)
    with np.errstate(all="ignore"):
        return point + _newton_direction(g, H, point)


@dataclass
class NewtonTrajectory(Trajectory):
    """A :class:`~lecture_utils.maths.optimize.Trajectory` of Newton's method, which also
    counts the Hessian evaluations (one per step) and the n × n solves."""

    n_hessian_evaluations: int = 0


def newtons_method(gradient: Callable[[np.ndarray], Any], hessian: Callable[[np.ndarray], Any],
                   x0: Any, n_steps: int = 50, f: Callable[[np.ndarray], Any] | None = None,
                   tol: float = 1e-10, divergence_bound: float = 1e8) -> NewtonTrajectory:
    """Run x_{k+1} = x_k − H(x_k)⁻¹∇f(x_k)ᵀ from ``x0`` (the pure Newton step, no damping).

    Stops with ``"converged"`` when ‖∇f(x_k)‖ < ``tol``, ``"diverged"`` when ‖x_k‖ exceeds
    ``divergence_bound`` or a value is not finite, ``"max_steps"`` otherwise. A singular or
    indefinite Hessian on the way raises the ``ValueError`` of :func:`newton_step`.

    Parameters
    ----------
    gradient, hessian : callable
        ∇f (shape (n,) or (1, n)) and the Hessian (shape (n, n)) at a point of shape (n,).
    x0 : array_like, shape (n,)
        The start.
    n_steps : int
        The most iterations (0 to 10000).
    f : callable, optional
        The objective (records :attr:`Trajectory.values`).
    tol, divergence_bound : float
        The stopping tests.

    Returns
    -------
    NewtonTrajectory
        ``step_sizes`` are all 1 (the full Newton step).

    Examples
    --------
    >>> from lecture_utils.maths.landscapes import ROSENBROCK
    >>> run = newtons_method(ROSENBROCK.gradient, ROSENBROCK.hessian, [-1.2, 1.0])
    >>> run.status, run.n_steps, bool(np.allclose(run.final, [1, 1]))
    ('converged', 7, True)
    """
    check_callable(gradient, "gradient")
    check_callable(hessian, "hessian")
    x = _point(x0, "x0")
    n_steps = check_integer(n_steps, "n_steps", minimum=0, maximum=10_000)
    if f is not None:
        check_callable(f, "f")
    tol = float(check_real_number(tol, "tol", nonnegative=True))
    bound = float(check_real_number(divergence_bound, "divergence_bound", positive=True))

    def value(point: np.ndarray) -> float:
        try:
            raw = f(point.copy())  # type: ignore[misc]
        except (TypeError, ValueError, IndexError) as error:
            raise TypeError(f"f cannot be evaluated at a point of shape {point.shape} (x0 has "
                            f"shape {x.shape}): {error}") from None
        try:
            return float(np.asarray(raw, dtype=float).reshape(()))
        except (TypeError, ValueError):
            raise TypeError(f"f must return one number for one point, got "
                            f"{type(raw).__name__} {shown(raw)}") from None

    points, values, norms = [x.copy()], [], []
    counts = {"g": 0, "H": 0}
    status = "max_steps"
    def gradient_status(point: np.ndarray, name: str = "x") -> tuple[np.ndarray, str]:
        """∇f at ``point`` (counted and recorded) and the run's status after it."""
        g = _gradient_at(gradient, point, name)
        counts["g"] += 1
        norms.append(float(np.linalg.norm(g)))
        if not math.isfinite(norms[-1]):
            return g, "diverged"
        return g, "converged" if norms[-1] < tol else "max_steps"

    with np.errstate(all="ignore"):
        if f is not None:
            values.append(value(x))
        g, status = gradient_status(x, "x0")
        while status == "max_steps" and len(points) <= n_steps:
            H = _hessian_at(hessian, x)
            counts["H"] += 1
            x = x + _newton_direction(g, H, x)
            points.append(x.copy())
            if f is not None:
                values.append(value(x))
            if not (np.all(np.isfinite(x)) and float(np.linalg.norm(x)) <= bound) or \
                    (values and not math.isfinite(values[-1])):
                norms.append(math.nan)
                status = "diverged"
                break
            g, status = gradient_status(x)
    steps = len(points) - 1
    return NewtonTrajectory(
        points=np.array(points, dtype=float).reshape(-1, x.size),
        values=np.array(values, dtype=float) if f is not None else None,
        step_sizes=np.ones(steps), gradient_norms=np.array(norms, dtype=float), status=status,
        n_steps=steps, n_function_evaluations=len(values), n_gradient_evaluations=counts["g"],
        tol=tol, divergence_bound=bound, n_hessian_evaluations=counts["H"])


def step_costs(n: int) -> dict[str, dict[str, float]]:
    """What one step costs in dimension ``n``, counted honestly (leading terms).

    Per method: ``gradient`` and ``hessian`` evaluations, and ``flops`` of the linear algebra
    of the step itself, counted in multiply-adds (one multiply-add = 2 flops): gradient descent
    n (x − γg), heavy ball 2n, Newton a Cholesky factorisation Σⱼ j(n − j) ≈ n³/6 (n³/3 flops)
    plus two triangular solves 2·n²/2 = n² plus the update n. A
    Hessian evaluation is n(n + 1)/2 second derivatives (by symmetry), each as costly as a
    few function evaluations: not counted in ``flops``.

    Examples
    --------
    >>> costs = step_costs(1000)
    >>> costs["Newton"]["hessian"], round(costs["Newton"]["flops"] / costs["gradient descent"]["flops"])
    (1, 167668)
    """
    n = check_integer(n, "n", minimum=1, maximum=10 ** 9)
    return {
        "gradient descent": {"gradient": 1, "hessian": 0, "flops": float(n)},
        "heavy ball": {"gradient": 1, "hessian": 0, "flops": 2.0 * n},
        "Newton": {"gradient": 1, "hessian": 1, "flops": n ** 3 / 6 + n * n + n},
    }


def precondition(quadratic: Quadratic, kind: str = "cholesky") -> tuple[Quadratic, np.ndarray]:
    """The quadratic in new variables y with x = P y: g(y) = f(P y).

    g has the Hessian PᵀAP and the linear term b P; a minimiser y* gives x* = P y*.

    Parameters
    ----------
    quadratic : Quadratic
        f(x) = ½xᵀAx − bx + c with A positive definite.
    kind : {"cholesky", "diagonal"}
        ``"cholesky"``: P = L⁻ᵀ with A = LLᵀ, so PᵀAP = I (κ = 1); ``"diagonal"`` (Jacobi):
        P = diag(1/√a_ii), so PᵀAP has ones on its diagonal.

    Returns
    -------
    (Quadratic, ndarray)
        g and P.

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> g, P = precondition(q, "cholesky")
    >>> np.allclose(g.A, np.eye(2)), np.allclose(P @ g.minimizer, q.minimizer)
    (True, True)
    >>> round(precondition(q, "diagonal")[0].condition_number, 3), round(q.condition_number, 3)
    (1.376, 10.313)
    """
    if not isinstance(quadratic, Quadratic):
        raise TypeError(f"quadratic must be a Quadratic (e.g. Quadratic([[2, 1], [1, 20]], "
                        f"[5, 3])), got {type(quadratic).__name__} {shown(quadratic)}")
    kind = check_choice(kind, "kind", ("cholesky", "diagonal"))
    A = quadratic.A
    if quadratic.eigenvalues[0] <= 0:
        raise ValueError("quadratic must have a positive definite A to be preconditioned, its "
                         f"smallest eigenvalue is {quadratic.eigenvalues[0]:.4g}")
    if kind == "cholesky":
        L = np.linalg.cholesky(A)
        P = np.linalg.inv(L).T
    else:
        P = np.diag(1.0 / np.sqrt(np.diag(A)))
    A_new = P.T @ A @ P
    return Quadratic((A_new + A_new.T) / 2, quadratic.b @ P, quadratic.c), P

