"""``check_gradient`` and ``check_jacobian``: row-vector gradients and m×n Jacobians in the
slides' layout, with transposed layouts, shapes, signs and factors diagnosed."""

from __future__ import annotations

import itertools
import numbers
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array, shown
from ._common import (
    _MIN_POINTS,
    DEFAULT_POINTS,
    FALLBACK_POINTS,
    Verdict,
    _all_close,
    _BadReturn,
    _check_variable,
    _close,
    _diagnose_scalar_factor,
    _format_factor,
    _format_point,
    _join,
    _missing_answer,
    _read_expression_answer,
    _report,
    _symbolically_equal,
    _unify_symbols,
)

__all__ = ['check_gradient', 'check_jacobian']

#: Seed of the sample points of :func:`check_gradient` and :func:`check_jacobian`: each
#: coordinate is drawn from :data:`DEFAULT_POINTS` (then from :data:`FALLBACK_POINTS`).
MATRIX_SEED = 20240
#: How many sample points :func:`check_gradient` and :func:`check_jacobian` use.
MATRIX_POINTS = 8
_MATRIX_CANDIDATES = 64
#: Added to the sample points (when none are given): irrational coordinates, so that an answer
#: that differs from the reference by a term vanishing at the dyadic points (such as sin(4πx))
#: is caught.
MATRIX_EXTRA: tuple[float, ...] = (0.5 + 2 ** 0.5 / 10, -(1.0 + 3 ** 0.5 / 10),
                                   1.5 + 5 ** 0.5 / 10, -(0.25 + np.pi / 20))


def _check_variables_list(variables: Any) -> tuple[str, ...]:
    """Names (or SymPy symbols) of the variables, as a tuple of names."""
    if isinstance(variables, (str, sympy.Symbol)):
        variables = (variables,)
    if not isinstance(variables, Sequence) or isinstance(variables, (bytes, sympy.Basic)):
        raise TypeError(f"variables must be a list of names such as ['x1', 'x2'], got "
                        f"{type(variables).__name__} {shown(variables)}")
    names = tuple(v.name if isinstance(v, sympy.Symbol) else
                  _check_variable(v, "variables: each variable") for v in variables)
    if not names:
        raise ValueError("variables must name at least one variable")
    if len(set(names)) != len(names):
        raise ValueError(f"variables must not repeat a name, got {shown(names)}")
    return names


def _reference_components(f: Any, names: tuple[str, ...], symbols: list[sympy.Symbol],
                          *, vector: bool) -> list[sympy.Expr]:
    """The teacher's f (one expression, or the components of a vector function) in real
    symbols named ``names``."""
    from ..maths.parser import as_expression

    if vector:
        if isinstance(f, sympy.MatrixBase):
            items = list(f)
        elif isinstance(f, (str, sympy.Expr)):
            items = [f]
        elif isinstance(f, Sequence) and not isinstance(f, bytes):
            items = list(f)
        else:
            raise TypeError(f"f must be a list of expressions (or formula strings) or a SymPy "
                            f"Matrix, got {type(f).__name__} {shown(f)}")
        if not items:
            raise ValueError("f must have at least one component")
    else:
        if not isinstance(f, (str, sympy.Expr)):
            raise TypeError(f"f must be one expression or formula string (a scalar function; "
                            f"for a vector function use check_jacobian), got "
                            f"{type(f).__name__} {shown(f)}")
        items = [f]
    components = []
    for item in items:
        expr = _unify_symbols(as_expression(item, variables=names), symbols)
        others = sorted(str(s) for s in expr.free_symbols if s not in set(symbols))
        if others:
            raise ValueError(f"f must depend on {', '.join(names)} only, but it also contains "
                             f"{', '.join(others)}; substitute numbers for them first")
        components.append(expr)
    return components


def _evaluate_many(expr: sympy.Expr, names: tuple[str, ...], points: np.ndarray) -> np.ndarray:
    """``expr`` at each row of ``points`` (shape (P, n)), NaN where undefined, no warnings."""
    from ..maths.parser import to_numpy_function

    function = to_numpy_function(expr, variables=names)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = np.asarray(function(*points.T), dtype=float)
    values = np.array(np.broadcast_to(values, points.shape[:1]), dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


@dataclass
class _MatrixSamples:
    points: np.ndarray     # (P, n)
    reference: np.ndarray  # (P, m, n)


def _matrix_samples(components: list[sympy.Expr], reference: sympy.Matrix,
                    names: tuple[str, ...], points: Any) -> _MatrixSamples:
    """Sample points where every f_i and every entry of the reference is finite."""
    n = len(names)

    def evaluate(candidates: np.ndarray) -> _MatrixSamples:
        keep = np.ones(candidates.shape[0], dtype=bool)
        for expr in components:
            keep &= np.isfinite(_evaluate_many(expr, names, candidates))
        values = np.empty((candidates.shape[0],) + reference.shape)
        for (i, j), entry in np.ndenumerate(np.array(reference.tolist(), dtype=object)):
            values[:, i, j] = _evaluate_many(entry, names, candidates)
        keep &= np.all(np.isfinite(values), axis=(1, 2))
        return _MatrixSamples(candidates[keep], values[keep])

    if points is not None:
        array = check_array(points, "points")
        if array.ndim == 1:
            array = array.reshape(-1, 1) if n == 1 else array.reshape(1, -1)
        if array.ndim != 2 or array.shape[1] != n:
            raise ValueError(f"points must have shape (number of points, {n}) (one column per "
                             f"variable {', '.join(names)}), got shape {np.shape(points)}")
        chosen = evaluate(array)
        if chosen.points.shape[0] == 0:
            raise ValueError("points must contain at least one point where f and its "
                             "derivative are finite")
        return chosen
    rng = np.random.default_rng(MATRIX_SEED)
    chosen = evaluate(rng.choice(np.array(DEFAULT_POINTS), size=(_MATRIX_CANDIDATES, n)))
    if chosen.points.shape[0] < _MIN_POINTS:
        more = evaluate(rng.choice(np.array(FALLBACK_POINTS), size=(_MATRIX_CANDIDATES, n)))
        chosen = _MatrixSamples(np.concatenate([chosen.points, more.points]),
                                np.concatenate([chosen.reference, more.reference]))
    if chosen.points.shape[0] < 3:
        raise ValueError("could not find enough sample points in [-10, 10]^n where f and its "
                         "derivative are finite; pass points=[...] inside the domain")
    extra = evaluate(np.array([[MATRIX_EXTRA[(k + j) % len(MATRIX_EXTRA)] for j in range(n)]
                               for k in range(len(MATRIX_EXTRA))]))
    return _MatrixSamples(np.concatenate([chosen.points[:MATRIX_POINTS], extra.points]),
                          np.concatenate([chosen.reference[:MATRIX_POINTS], extra.reference]))


def _exact_gap(entries: list[list[sympy.Expr]], reference: sympy.Matrix,
               symbols: list[sympy.Symbol], pts: np.ndarray) -> float:
    """The largest |answer − reference| over the entries SymPy cannot prove equal, evaluated
    with 30 significant digits at ``pts``, relative to max(1, |reference|): far above 1e-20
    means a formula that agrees to floating-point tolerance but is not equal (a small extra
    term, a rounded number)."""
    largest = 0.0
    for (i, j), expr in np.ndenumerate(np.array(reference.tolist(), dtype=object)):
        if _symbolically_equal(entries[i][j], expr):
            continue
        difference = entries[i][j] - expr
        for point in pts:
            subs = {s: sympy.Rational(float(v)) for s, v in zip(symbols, point)}
            try:
                value = complex(difference.evalf(30, subs=subs))
                scale = max(1.0, abs(complex(expr.evalf(30, subs=subs))))
            except (TypeError, ValueError):
                continue
            if np.isfinite(value.real) and np.isfinite(scale):
                largest = max(largest, abs(value) / scale)
    return largest


#: Message and hint for a formula that agrees only to rounding (shared with check_hessian).
ROUNDED = ("agrees with the {what} to 1e-8 at the sample points but is not equal to it: is "
           "there a small extra term or a rounded number?",
           "write exact numbers (1/3, not 0.333; exp(x), not 2.718^x) and only the terms the "
           "derivative has.")


@dataclass
class _MatrixAnswer:
    """A matrix answer: entries (expressions), a function, or a problem to report."""

    entries: list[list[sympy.Expr]] | None = None
    function: Callable[..., Any] | None = None
    flat: bool = False
    problem: str | None = None
    hint: str | None = None


def _is_list(item: Any) -> bool:
    return isinstance(item, (list, tuple, np.ndarray, sympy.MatrixBase))


def _read_matrix_answer(answer: Any, symbols: list[sympy.Symbol], what: str,
                        forms: str, extra: Sequence[sympy.Symbol] = (),
                        expected: str | None = None) -> _MatrixAnswer:
    """Read a gradient/Jacobian answer: a Matrix, (nested) list, array or a function.

    Entries may also contain the ``extra`` symbols (the caller says what is wrong with them);
    ``expected`` says what shape ``what`` has ("a 3×2 matrix (...)"), for a single formula."""
    names = [s.name for s in symbols]
    missing = _missing_answer(answer, what)
    if missing:
        return _MatrixAnswer(problem=missing, hint=f"give it as {forms}.")
    if isinstance(answer, sympy.Lambda):
        if len(answer.variables) != len(symbols):
            return _MatrixAnswer(problem=f"your Lambda takes {len(answer.variables)} "
                                         f"argument(s), but {what} is a function of "
                                         f"{', '.join(names)}.",
                                 hint=f"give it as {forms}.")
        answer = answer(*symbols)
    if isinstance(answer, sympy.MatrixBase):
        rows = answer.tolist()
    elif isinstance(answer, np.ndarray):
        if answer.ndim > 2:
            return _MatrixAnswer(problem=f"your answer is an array with {answer.ndim} axes "
                                         f"(shape {answer.shape}); {what} is a matrix.",
                                 hint=f"give it as {forms}.")
        rows = answer.tolist() if answer.ndim == 2 else [answer.tolist()] \
            if answer.ndim == 1 else [[answer.item()]]
        flat = answer.ndim == 1
        return _read_rows(rows, symbols, what, forms, flat, extra)
    elif isinstance(answer, (list, tuple)):
        if not answer:
            return _MatrixAnswer(problem="your answer is an empty list.",
                                 hint=f"give it as {forms}.")
        if not any(_is_list(item) for item in answer):
            return _read_rows([list(answer)], symbols, what, forms, True, extra)
        if all(_is_list(item) for item in answer):
            rows = [list(item) for item in answer]
        else:
            return _MatrixAnswer(problem="your list mixes single entries and lists.",
                                 hint=f"give it as {forms}.")
    elif isinstance(answer, (str, sympy.Expr, numbers.Number)) \
            and not isinstance(answer, (bool, np.bool_)):
        if len(symbols) == 1:
            return _read_rows([[answer]], symbols, what, forms, True, extra)
        return _MatrixAnswer(problem=f"your answer is a single formula, but {what} is "
                                     f"{expected}." if expected else
                                     f"your answer is a single formula, but {what} has one "
                                     f"entry per variable ({', '.join(names)}).",
                             hint=f"give it as {forms}.")
    elif callable(answer) and not isinstance(answer, sympy.Basic):
        return _MatrixAnswer(function=answer)
    else:
        return _MatrixAnswer(problem=f"your answer is a {type(answer).__name__}, not "
                                     f"{what}.", hint=f"give it as {forms}.")
    return _read_rows(rows, symbols, what, forms, False, extra)


def _read_rows(rows: list[list[Any]], symbols: list[sympy.Symbol], what: str, forms: str,
               flat: bool, extra: Sequence[sympy.Symbol] = ()) -> _MatrixAnswer:
    if len({len(row) for row in rows}) > 1:
        return _MatrixAnswer(problem="the rows of your answer have different lengths.",
                             hint=f"give it as {forms}.")
    entries: list[list[sympy.Expr]] = []
    for i, row in enumerate(rows):
        entries.append([])
        for j, item in enumerate(row):
            label = f"entry ({i + 1}, {j + 1})" if not flat else f"entry {j + 1}"
            if _is_list(item):
                return _MatrixAnswer(problem=f"the {label} of your answer is itself a list: "
                                             f"{what} is a matrix of formulas.",
                                     hint=f"give it as {forms}.")
            if callable(item) and not isinstance(item, sympy.Basic):
                return _MatrixAnswer(problem=f"the {label} of your answer is a function; give "
                                             "formulas as entries, or one function that "
                                             "returns the whole array.",
                                     hint=f"give it as {forms}.")
            read = _read_expression_answer(item, [*symbols, *extra], what=f"the {label}")
            if read.problem:
                return _MatrixAnswer(problem=f"in {label}: {read.problem}", hint=read.hint)
            entries[-1].append(read.expr)
    return _MatrixAnswer(entries=entries, flat=flat)


def _takes_separate_arguments(function: Callable[..., Any], n: int) -> bool:
    """Whether ``function`` takes the n > 1 coordinates as separate arguments: it has exactly
    n positional parameters without a default (``lambda x1, x2: ...``)."""
    import inspect

    if n == 1:
        return False
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return False
    required = [p for p in parameters if p.default is p.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) == n


def _call_matrix_function(function: Callable[..., Any], point: np.ndarray,
                          separate: bool) -> np.ndarray:
    """A student's function at one point, as a 2-d float array (raises _BadReturn)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = function(*point) if separate else function(point.copy())
    if value is None:
        raise _BadReturn("it returned None (did you forget `return`?)")
    if isinstance(value, sympy.MatrixBase):
        value = value.tolist()
    try:
        array = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise _BadReturn(f"it returned {type(value).__name__} {shown(value)}, not an array "
                         "of numbers") from None
    if np.any(array.imag != 0):
        raise _BadReturn("it returned complex numbers, not real ones")
    array = array.real
    if array.ndim > 2:
        raise _BadReturn(f"it returned an array of shape {array.shape}, not a matrix")
    return array


def _article(number: int) -> str:
    """"an" before a number read with a vowel sound (8, 11, 18, 80...), else "a"."""
    return "an" if str(number).startswith("8") or number in (11, 18) else "a"


def _shape_name(shape: tuple[int, ...]) -> str:
    return "×".join(str(s) for s in shape)


def _point_text(names: tuple[str, ...], point: np.ndarray) -> str:
    if len(names) == 1:
        return f"{names[0]} = {_format_point(point[0])}"
    return (f"({', '.join(names)}) = ("
            + ", ".join(_format_point(v) for v in point) + ")")


def _evaluate_answer_matrix(entries: list[list[sympy.Expr]], names: tuple[str, ...],
                            pts: np.ndarray) -> np.ndarray:
    """Values (P, r, c) of an answer given as formulas, NaN where undefined."""
    shape = (len(entries), len(entries[0]) if entries else 0)
    values = np.empty((pts.shape[0],) + shape)
    for i, row in enumerate(entries):
        for j, expr in enumerate(row):
            values[:, i, j] = _evaluate_many(expr, names, pts)
    return values


def _call_function_answer(function: Callable[..., Any], names: tuple[str, ...], pts: np.ndarray,
                          forms: str, returns: str
                          ) -> tuple[list[np.ndarray | None], str | None, str | None]:
    """Call a function answer at every sample point: its arrays (``None`` where it raised,
    all of one shape), or an empty list, a problem and a hint."""
    separate = _takes_separate_arguments(function, len(names))
    results: list[np.ndarray | None] = []
    first_error = ""
    for point in pts:
        try:
            results.append(_call_matrix_function(function, point, separate))
        except _BadReturn as exc:
            return [], (f"your function cannot be checked at {_point_text(names, point)}: "
                        f"{exc}"), f"it should return {returns} for one point."
        except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
            results.append(None)
            first_error = first_error or (f"at {_point_text(names, point)}: "
                                          f"{type(exc).__name__}: {exc}")
    good = [v for v in results if v is not None]
    if not good:
        call = ("with the coordinates as separate arguments" if separate
                else "with the point as one array")
        return [], f"your function raised an error: {first_error}", \
            f"it is called {call}; fix it and run the cell again."
    if len({v.shape for v in good}) > 1:
        return [], ("your function returns arrays of different shapes at different "
                    "points."), f"give it as {forms}."
    return results, None, None


def _declared_shape(answer: Any, jacobian_column: bool) -> tuple[int, int] | None:
    """The shape a list, array or Matrix answer has, read without parsing a single entry
    (so that a wrong shape of any size is refused at once); ``None`` when only reading the
    entries can tell (a function, a formula, rows of different lengths, ...).

    ``jacobian_column``: a flat list is the column of a Jacobian with one variable.

    Examples
    --------
    >>> _declared_shape(["1", "2", "3"], False), _declared_shape([["1"], ["2"]], False)
    ((1, 3), (2, 1))
    """
    if isinstance(answer, sympy.MatrixBase):
        return tuple(answer.shape)
    if isinstance(answer, np.ndarray):
        if answer.ndim == 1:
            return (answer.shape[0], 1) if jacobian_column else (1, answer.shape[0])
        return tuple(answer.shape) if answer.ndim == 2 else None
    if isinstance(answer, (list, tuple)) and answer:
        nested = [_is_list(item) for item in answer]
        if not any(nested):
            return (len(answer), 1) if jacobian_column else (1, len(answer))
        if all(nested):
            lengths = {len(item) for item in answer}
            return (len(answer), lengths.pop()) if len(lengths) == 1 else None
    return None


def _shape_problem(got: tuple[int, ...], m: int, n: int, gradient_kind: bool,
                   forms: str) -> tuple[str, str]:
    """Message and hint for an answer whose shape is neither m×n nor its transpose."""
    if gradient_kind:
        return (f"your gradient has shape {_shape_name(got)}, but f has {n} "
                f"variable{'s' if n > 1 else ''}, so its gradient is a 1×{n} row (one entry "
                f"per variable).", f"give it as {forms}.")
    return (f"your Jacobian has shape {_shape_name(got)}, but f has {m} "
            f"component{'s' if m > 1 else ''} and {n} variable{'s' if n > 1 else ''}, so its "
            f"Jacobian is {m}×{n}.", "one row per component f_i, one column per variable x_j.")


@dataclass
class _Case:
    """What the table of slips of :func:`_matrix_check` looks at."""

    a: np.ndarray                  # the answer at the sample points, (P, m, n)
    r: np.ndarray                  # the reference there
    names: tuple[str, ...]
    gradient_kind: bool
    slips: dict[str, np.ndarray]   # values (P, m, n) of the typical slips of this exercise

    @property
    def finite(self) -> bool:
        return bool(np.all(np.isfinite(self.a)))

    @property
    def name(self) -> str:
        return "gradient" if self.gradient_kind else "Jacobian"

    def is_slip(self, key: str) -> bool:
        """The answer equals the slip ``key`` (which itself differs from the reference)."""
        value = self.slips.get(key)
        return (value is not None and self.finite and not _all_close(value, self.r)
                and _all_close(self.a, value))

    def permutation(self, axis: int) -> tuple[int, ...] | None:
        """A non-trivial reordering of the rows (axis 1) or columns (axis 2) of the
        reference that gives the answer, if any (at most 6 rows or columns)."""
        size = self.r.shape[axis]
        if not self.finite or size < 2 or size > 6:
            return None
        for order in itertools.permutations(range(size)):
            if order == tuple(range(size)):
                continue
            moved = np.take(self.r, order, axis=axis)
            if not _all_close(moved, self.r) and _all_close(self.a, moved):
                return order
        return None

    def relation(self) -> Any:
        return _diagnose_scalar_factor(self.a, self.r, offset=False) if self.finite else None


def _order_message(case: _Case, axis: int) -> str:
    order = case.permutation(axis)
    assert order is not None
    if axis == 2:
        misplaced = [f"in the place of the derivative with respect to {case.names[j]} you "
                     f"wrote the one with respect to {case.names[k]}"
                     for j, k in enumerate(order) if j != k]
        return (f"your {case.name} has the right derivatives in the wrong order: "
                f"{'; '.join(misplaced)}.")
    misplaced = [f"row {i + 1} holds the derivatives of f_{k + 1}"
                 for i, k in enumerate(order) if i != k]
    return (f"your Jacobian has the right rows in the wrong order: {'; '.join(misplaced)}.")


def _line_orders(case: _Case, axis: int) -> dict[int, tuple[int, ...]] | None:
    """For a Jacobian whose wrong rows (axis 1) or columns (axis 2) each hold the right
    derivatives in another order: {index of the line: the order}; else ``None``."""
    if case.gradient_kind or not case.finite:
        return None
    size = case.r.shape[3 - axis]
    if size < 2 or size > 6:
        return None
    orders: dict[int, tuple[int, ...]] = {}
    for line in range(case.r.shape[axis]):
        a = np.take(case.a, [line], axis=axis)
        r = np.take(case.r, [line], axis=axis)
        if _all_close(a, r):
            continue
        for order in itertools.permutations(range(size)):
            moved = np.take(r, order, axis=3 - axis)
            if order != tuple(range(size)) and _all_close(a, moved):
                orders[line] = order
                break
        else:
            return None
    return orders or None


def _line_order_message(case: _Case, axis: int) -> str:
    orders = _line_orders(case, axis)
    assert orders is not None
    parts = []
    for line, order in orders.items():
        if axis == 1:
            swapped = [f"in the place of ∂f_{line + 1}/∂{case.names[j]} you wrote "
                       f"∂f_{line + 1}/∂{case.names[k]}" for j, k in enumerate(order) if j != k]
            parts.append(f"row {line + 1} has the right derivatives in the wrong order "
                         f"({'; '.join(swapped)})")
        else:
            swapped = [f"in row {i + 1} you wrote the derivative of f_{k + 1}"
                       for i, k in enumerate(order) if i != k]
            parts.append(f"column {line + 1} (the derivatives with respect to "
                         f"{case.names[line]}) has the right entries in the wrong rows "
                         f"({'; '.join(swapped)})")
    return f"in your Jacobian {'; '.join(parts)}; the other entries are right."


_SYMMETRY = ("B is not symmetric (B ≠ Bᵀ), so the two terms of the product rule for xᵀBx — "
             "one for each x — are different")
_QUADRATIC_HINT = ("differentiate xᵀBx with the product rule, once for each of the two x's, "
                   "write both terms as rows (a scalar equals its transpose), and add them.")
_CHAIN_HINT = ("chain rule: df/d(s, t) = ∂f/∂x · ∂x/∂(s, t), the 1×k row of ∂f/∂x_i (at "
               "x(s, t)) times the k×n matrix whose row i holds the derivatives of x_i.")

#: The typical slips of a gradient or Jacobian, tried in this order after the shape: (test,
#: message, hint). The first whose test holds is reported.
_DIAGNOSES: list[tuple[Callable[[_Case], bool], Callable[[_Case], str], str]] = [
    (lambda c: c.is_slip("xT B"),
     lambda c: (f"your row is xᵀB: one of the two terms of the product rule. {_SYMMETRY}: "
                "you dropped the term that involves Bᵀ."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("xT BT"),
     lambda c: (f"your row is (Bx)ᵀ = xᵀBᵀ: one of the two terms of the product rule. "
                f"{_SYMMETRY}: you dropped the term that involves B itself."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("2 xT B"),
     lambda c: (f"your row is 2xᵀB, the shortcut that holds only for a symmetric B. "
                f"{_SYMMETRY}, and cannot be merged into twice one of them."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("2 B x"),
     lambda c: (f"your row is 2Bx read as a row: the column-layout shortcut, which also holds "
                f"only for a symmetric B. {_SYMMETRY}, and cannot be merged into twice one of "
                "them."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("outer"),
     lambda c: ("this is ∂f/∂x only (the derivatives of f with respect to its own variables, "
                "at x(s, t)): the chain rule multiplies it by the matrix ∂x/∂(s, t)."),
     _CHAIN_HINT),
    (lambda c: c.is_slip("outer times inner transposed"),
     lambda c: ("you multiplied ∂f/∂x by the transpose of ∂x/∂(s, t): in ∂x/∂(s, t), row i "
                "holds the derivatives of x_i, column j the derivatives with respect to the "
                "j-th parameter."),
     _CHAIN_HINT),
    (lambda c: not c.gradient_kind and c.r.shape[1] == c.r.shape[2] > 1 and c.finite
     and not _all_close(np.swapaxes(c.r, 1, 2), c.r)
     and _all_close(c.a, np.swapaxes(c.r, 1, 2)),
     lambda c: ("your matrix is the transpose of the Jacobian: row i should hold the "
                "derivatives of f_i, but yours holds the derivatives with respect to x_i."),
     "entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column per "
     "variable x_j."),
    (lambda c: c.permutation(2) is not None,
     lambda c: _order_message(c, 2),
     "entry j of a row is the derivative with respect to the j-th variable, in the order the "
     "variables are listed."),
    (lambda c: not c.gradient_kind and c.permutation(1) is not None,
     lambda c: _order_message(c, 1),
     "row i of the Jacobian is the gradient of the i-th component f_i."),
    (lambda c: _line_orders(c, 1) is not None,
     lambda c: _line_order_message(c, 1),
     "entry (i, j) is ∂f_i/∂x_j: in every row, column j holds the derivative with respect to "
     "the j-th variable, in the order the variables are listed."),
    (lambda c: _line_orders(c, 2) is not None,
     lambda c: _line_order_message(c, 2),
     "entry (i, j) is ∂f_i/∂x_j: row i holds the derivatives of the i-th component f_i."),
    (lambda c: getattr(c.relation(), "kind", None) == "sign",
     lambda c: f"your {c.name} has the wrong sign: every entry is the negative of the right one.",
     "check each sign: a minus in front of a term stays, and an inner derivative (chain rule) "
     "can be negative."),
    (lambda c: getattr(c.relation(), "kind", None) == "factor",
     lambda c: (f"every entry of your {c.name} is off by the same constant factor of "
                f"{_format_factor(c.relation().value)}: it is "
                f"{_format_factor(c.relation().value)} times the {c.name}."),
     "check the constant factors: the power rule brings the exponent down as a factor (a "
     "square gives a 2), and the chain rule multiplies by the inner derivative."),
]


def _matrix_check(answer: Any, components: list[sympy.Expr], reference: sympy.Matrix,
                  names: tuple[str, ...], symbols: list[sympy.Symbol], points: Any, *,
                  kind: str, slips: Callable[[np.ndarray], dict[str, np.ndarray]] | None = None,
                  outer: Sequence[str] = ()) -> Verdict:
    """The shared logic of check_gradient (kind "gradient") and check_jacobian.

    ``slips(points)`` gives the values (P, m, n) of the typical slips of the exercise (keys
    of :data:`_DIAGNOSES`); ``outer`` names variables the answer must not contain (those of f
    in a chain-rule exercise)."""
    m, n = reference.shape
    gradient_kind = kind == "gradient"
    what = "your gradient" if gradient_kind else "your Jacobian"
    forms = ("a list [df/dx1, ..., df/dxn] of formulas (strings or SymPy expressions), a "
             "1×n sympy.Matrix, or a function of the point returning an array"
             if gradient_kind else
             "a list of rows [[df1/dx1, ..., df1/dxn], ...] of formulas, an m×n sympy.Matrix, "
             "or a function of the point returning an m×n array")
    # ---- the shape first, before any entry is read (a long list is refused at once)
    declared = _declared_shape(answer, not gradient_kind and n == 1 and m > 1)
    if declared is not None and declared not in {(m, n), (n, m)}:
        return _report(False, *_shape_problem(declared, m, n, gradient_kind, forms))
    samples = _matrix_samples(components, reference, names, points)
    pts, r = samples.points, samples.reference
    extra = [sympy.Symbol(v, real=True) for v in outer]
    expected = (f"a 1×{n} row (one entry per variable {', '.join(names)})" if gradient_kind
                else f"{_article(m)} {m}×{n} matrix (one row per component, one column per "
                     "variable)")
    read = _read_matrix_answer(answer, symbols, "the gradient" if gradient_kind
                               else "the Jacobian", forms, extra=extra, expected=expected)
    if read.problem:
        return _report(False, read.problem, read.hint)

    if read.entries is not None:
        left = sorted({s.name for row in read.entries for e in row for s in e.free_symbols}
                      & set(outer))
        if left:
            return _report(False, f"your answer still contains {_join(left)}: the "
                                  f"{what[5:]} is a function of {', '.join(names)} only.",
                           f"substitute {'each of ' if len(left) > 1 else ''}{_join(left)} by "
                           f"its formula in "
                           f"{', '.join(names)}.")
        if read.flat and not gradient_kind and n == 1 and m > 1:
            read.entries = [[e] for e in read.entries[0]]   # a flat list of m derivatives
        try:
            a = _evaluate_answer_matrix(read.entries, names, pts)
        except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
            return _report(False, f"{what} could not be evaluated as a function of "
                                  f"{', '.join(names)}: {exc}",
                           "write it with the functions sin, cos, exp, log, sqrt, ... only.")
    else:
        results, problem, hint = _call_function_answer(read.function, names, pts, forms,
                                                       "an array of real numbers")
        if problem:
            return _report(False, problem, hint)
        shape = next(v for v in results if v is not None).shape
        if len(shape) == 0:
            shape2 = (1, 1)
        elif len(shape) == 1:
            shape2 = (shape[0], 1) if (not gradient_kind and n == 1 and m > 1) \
                else (1, shape[0])
        else:
            shape2 = shape
        if shape2 not in {(m, n), (n, m)}:
            return _report(False, *_shape_problem(shape2, m, n, gradient_kind, forms))
        a = np.full((pts.shape[0],) + shape2, np.nan)
        raised = np.array([v is None for v in results])
        for k, v in enumerate(results):
            if v is not None:
                a[k] = v.reshape(shape2)
        keep = ~raised
        pts, r, a = pts[keep], r[keep], a[keep]

    # ---- shape: the transposed layout (any other shape was refused above)
    got = a.shape[1:]
    if got != (m, n):
        if gradient_kind:
            message = (f"your gradient is a column ({_shape_name(got)}), but the slides write "
                       f"the gradient of a scalar function of {n} variables as a row "
                       f"(1×{n}): this is the transposed (column instead of row) layout.")
            hint = ("in the slides' (numerator) layout the gradient of a scalar function has "
                    "one row and one column per variable.")
        else:
            message = (f"your Jacobian has shape {_shape_name(got)}, but f maps R^{n} to "
                       f"R^{m}, so its Jacobian is {m}×{n}: you gave the transposed matrix.")
            hint = ("entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, "
                    "one column per variable x_j.")
        return _report(False, message, hint)

    correct = (f"that is the gradient, a 1×{n} row." if gradient_kind
               else f"that is the {m}×{n} Jacobian.")
    if read.entries is not None and all(   # the symbolic test first
            _symbolically_equal(read.entries[i][j], reference[i, j])
            for i in range(m) for j in range(n)):
        return _report(True, correct)
    wrong = ~_close(a, r)
    if not np.any(wrong):
        if read.entries is None or _exact_gap(read.entries, reference, symbols, pts) <= 1e-20:
            return _report(True, correct)
        return _report(False, f"{what} " + ROUNDED[0].format(what=what[5:]), ROUNDED[1])

    # ---- the table of typical slips, then which entries are wrong
    case = _Case(a, r, names, gradient_kind, slips(pts) if slips is not None else {})
    for test, message_of, hint in _DIAGNOSES:
        if test(case):
            return _report(False, message_of(case), hint)

    def entry_name(i: int, j: int) -> str:
        return f"∂f/∂{names[j]}" if gradient_kind else f"∂f_{i + 1}/∂{names[j]}"

    hint = ("differentiate with respect to one variable at a time, treating the other "
            "variables as constants." if gradient_kind else
            "row i is the gradient of f_i: differentiate f_i with respect to each variable in "
            "turn, treating the other variables as constants.")
    return _wrong_values_report(a, r, wrong, pts, names, entry_name, what, hint,
                                reference=reference)


_TERM_HINTS = {
    "term sign": ("check the sign of every term: a minus in front of a term stays, the "
                  "derivative of cos carries a minus, and an inner derivative can be negative."),
    "missing term": ("differentiate every term that contains the variable: with the other "
                     "variables held constant, a term drops out only if it does not contain "
                     "this variable."),
}


def _terms(expr: sympy.Expr, limit: int = 16) -> list[sympy.Expr]:
    """The terms of ``expr`` as written and expanded (none if there are more than ``limit``)."""
    terms: list[sympy.Expr] = []
    for form in (expr, sympy.expand(expr)):
        for term in sympy.Add.make_args(form):
            if term not in terms:
                terms.append(term)
    return terms if 1 < len(terms) <= limit else []


def _entry_slip(answer: np.ndarray, reference: np.ndarray, expr: sympy.Expr | None,
                names: tuple[str, ...], pts: np.ndarray) -> str | None:
    """Which slip turns the reference values of one entry into the answer's: "sign",
    "factor <c>", "term sign" (one term with the wrong sign), "missing term", or ``None``."""
    if not np.all(np.isfinite(answer)):
        return None
    relation = _diagnose_scalar_factor(answer, reference, offset=False)
    if relation is not None:
        return "sign" if relation.kind == "sign" else f"factor {relation.value!r}"
    if expr is None:
        return None
    for term in _terms(expr):
        values = _evaluate_many(term, names, pts)
        if not np.all(np.isfinite(values)) or _all_close(values, 0 * values):
            continue
        if _all_close(answer, reference - 2 * values):
            return "term sign"
        if _all_close(answer, reference - values):
            return "missing term"
    return None


def _wrong_values_report(a: np.ndarray, r: np.ndarray, wrong: np.ndarray, pts: np.ndarray,
                         names: tuple[str, ...], entry_name: Callable[[int, int], str],
                         what: str, hint: str, *,
                         single_point: str = "the only sample point",
                         reference: sympy.Matrix | None = None) -> Verdict:
    """Print where a matrix answer has wrong values: one point named, how many sample points
    differ, which entries, and for each wrong entry a sign or factor slip, or (given the
    ``reference`` formulas) one term with the wrong sign or a missing term; return False.

    ``a`` and ``r`` are the answer and the reference at the sample points, shape (P, m, n);
    ``wrong`` marks the entries that differ.
    """
    bad_points = np.any(wrong, axis=(1, 2))
    index = int(np.argmax(bad_points))
    count = int(np.sum(bad_points))
    where = _point_text(names, pts[index])
    if pts.shape[0] == 1:
        rest = single_point
    elif count == 1:
        rest = f"the other {pts.shape[0] - 1} sample point" + \
            ("s agree" if pts.shape[0] > 2 else " agrees")
    else:
        rest = f"and at {count - 1} other of the {pts.shape[0]} sample points"
    bad_entries = [(int(i), int(j)) for i, j in np.argwhere(np.any(wrong, axis=0))]
    listed = _join([entry_name(i, j) for i, j in bad_entries])
    detail = f" Wrong entr{'y' if len(bad_entries) == 1 else 'ies'}: {listed}"
    detail += "; the other entries are right." if len(bad_entries) < wrong[0].size else "."
    specific_hint = None
    for i, j in bad_entries:
        expr = reference[i, j] if reference is not None else None
        slip = _entry_slip(a[:, i, j], r[:, i, j], expr, names, pts)
        if slip == "sign":
            detail += f" The entry {entry_name(i, j)} has the wrong sign."
        elif slip is not None and slip.startswith("factor"):
            detail += (f" The entry {entry_name(i, j)} is off by a factor of "
                       f"{_format_factor(float(slip.split()[1]))}.")
        elif slip == "term sign":
            detail += f" The entry {entry_name(i, j)} has one term with the wrong sign."
        elif slip == "missing term":
            detail += f" The entry {entry_name(i, j)} misses one of its terms."
        if slip in _TERM_HINTS and specific_hint is None:
            specific_hint = _TERM_HINTS[slip]
    verb = "is undefined" if not np.all(np.isfinite(a[index])) else "has wrong values"
    return _report(False, f"{what} {verb} at {where} ({rest}).{detail}", specific_hint or hint)


def _quadratic_form_slips(matrix: Any, components: list[sympy.Expr],
                          symbols: list[sympy.Symbol]
                          ) -> Callable[[np.ndarray], dict[str, np.ndarray]]:
    """The slips of ∂(xᵀBx)/∂x for the given B (after checking that f is xᵀBx)."""
    n = len(symbols)
    B = check_array(matrix, "quadratic_form", ndim=2)
    if B.shape != (n, n):
        raise ValueError(f"quadratic_form must be an {n}×{n} matrix B (one row and column per "
                         f"variable), got shape {B.shape}")
    x = sympy.Matrix(symbols)
    form = (x.T * sympy.Matrix(B.tolist()) * x)[0, 0]
    if sympy.simplify(sympy.nsimplify(form - components[0], rational=True)) != 0:
        raise ValueError("f must be the quadratic form xᵀBx of quadratic_form = B")

    def slips(pts: np.ndarray) -> dict[str, np.ndarray]:
        if np.allclose(B, B.T, rtol=0, atol=0):
            return {}   # the messages explain what a non-symmetric B changes
        rows = {"xT B": pts @ B, "xT BT": pts @ B.T, "2 xT B": 2 * pts @ B,
                "2 B x": 2 * pts @ B.T}
        return {key: value[:, None, :] for key, value in rows.items()}

    return slips


def _chain_reference(f: Any, inner: Any, names: tuple[str, ...],
                     symbols: list[sympy.Symbol]
                     ) -> tuple[sympy.Expr, tuple[str, ...],
                                Callable[[np.ndarray], dict[str, np.ndarray]]]:
    """f(x(s, t)) for ``inner`` = {"x1": "formula in s, t", ...}, the names of f's own
    variables, and the slips of its chain rule (∂f/∂x alone, ∂f/∂x times the transpose of
    ∂x/∂(s, t))."""
    from ..maths.parser import as_expression

    if not isinstance(inner, dict) or not inner:
        raise TypeError(f"inner must be a dict such as {{'x1': 's + t', 'x2': 's - t'}}, got "
                        f"{type(inner).__name__} {shown(inner)}")
    if not all(isinstance(k, str) and k.isidentifier() for k in inner):
        raise TypeError(f"inner must map names of f's variables (such as 'x1') to formulas, "
                        f"got the keys {shown(list(inner))}")
    outer = _check_variables_list(list(inner))
    if set(outer) & set(names):
        raise ValueError(f"inner must name the variables of f, not {', '.join(names)}")
    for key, value in inner.items():
        if not isinstance(value, (str, sympy.Expr)):
            raise TypeError(f"inner[{key!r}] must be a formula in {', '.join(names)} (a string "
                            f"or SymPy expression), got {type(value).__name__} {shown(value)}")
    outer_symbols = [sympy.Symbol(v, real=True) for v in outer]
    try:
        f_expr = _reference_components(f, outer, outer_symbols, vector=False)[0]
    except ValueError as exc:
        raise ValueError(f"with inner, f must be a formula in {', '.join(outer)} (the keys of "
                         f"inner): {exc}") from None
    x_of = _reference_components(list(inner.values()), names, symbols, vector=True)
    substitute = dict(zip(outer_symbols, x_of))
    composite = f_expr.xreplace(substitute)
    outer_gradient = [sympy.diff(f_expr, v).xreplace(substitute) for v in outer_symbols]
    inner_jacobian = sympy.Matrix([[sympy.diff(x, s) for s in symbols] for x in x_of])

    def slips(pts: np.ndarray) -> dict[str, np.ndarray]:
        if len(outer) != len(names):
            return {}
        g = np.stack([_evaluate_many(e, names, pts) for e in outer_gradient], axis=1)
        J = np.stack([np.stack([_evaluate_many(e, names, pts) for e in row], axis=1)
                      for row in inner_jacobian.tolist()], axis=1)          # (P, k, n)
        return {"outer": g[:, None, :],
                "outer times inner transposed": np.einsum("pk,pjk->pj", g, J)[:, None, :]}

    return composite, outer, slips


def check_gradient(answer: Any, f: sympy.Expr | str,
                   variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None,
                   quadratic_form: Any = None, inner: dict[str, Any] | None = None) -> Verdict:
    """Check a student's gradient of a scalar ``f``; print what is wrong, never the answer.

    The gradient is the ROW vector ∂f/∂x = [∂f/∂x_1, ..., ∂f/∂x_n] ∈ R^{1×n} (the slides'
    numerator layout). The answer is compared entry by entry with the exact gradient at
    deterministic sample points (relative tolerance 1e-8; each coordinate drawn with the
    fixed seed :data:`MATRIX_SEED` from :data:`DEFAULT_POINTS`, keeping
    :data:`MATRIX_POINTS` points where f and its gradient are finite, plus the irrational
    :data:`MATRIX_EXTRA` points, where a term such as sin(4πx) that vanishes at the dyadic
    points does not). A formula is first compared symbolically; one that agrees to 1e-8 but
    differs when evaluated with 30 digits (a small extra term, a rounded number) is refused
    as such. A wrong answer is
    diagnosed, in this order: a wrong shape (read before any entry, so a long list is
    refused at once); a placeholder, ``None``, an unreadable entry (with the parser's
    message) or a wrong type; a column n×1 (the transposed layout); the slips of the
    exercise (``quadratic_form``, ``inner``); the right entries in the wrong order; −∇f
    (sign); c·∇f (a constant factor such as 2 or 1/2); otherwise the point where it differs,
    how many of the sample points differ, and which entries are wrong, each with its slip
    (wrong sign, a factor, one term with the wrong sign, a missing term).

    Parameters
    ----------
    answer : list, sympy.Matrix, numpy.ndarray or callable
        A flat list ``["2*x1", "3"]`` (read as the row), a nested list or a SymPy Matrix
        (its shape counts: ``Matrix([[...]])`` is a row, ``Matrix([...])`` a column), or a
        function returning an array: called with the point as one array of n coordinates,
        or with n separate arguments if it takes n parameters. A returned 1-d array of n
        entries counts as the row.
    f : sympy.Expr or str
        The scalar function (of ``variables``; with ``inner``, of the variables of f).
    variables : sequence of str
        The variable names, in order (default ``("x1", "x2")``).
    points : array_like, optional
        Sample points, shape (P, n).
    quadratic_form : array_like, optional
        The n×n matrix B when f = xᵀBx: then xᵀB, xᵀBᵀ, 2xᵀB and 2Bx read as a row are
        recognised (for a non-symmetric B each drops or merges a product-rule term).
    inner : dict, optional
        A chain-rule exercise: f is a function of the keys (``{"x1": "s + t", "x2": "s - t"}``),
        each a formula in ``variables``, and the answer is the gradient of f(x(s, t)).
        ∂f/∂x alone, ∂f/∂x times the transpose of ∂x/∂(s, t), and an answer still in x1, x2
        are recognised.

    Returns
    -------
    Verdict
        Whether the answer is right (shows nothing in a notebook).

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``variables``, ``points``, ``quadratic_form`` or ``inner`` is invalid (a
        problem of the exercise).

    Examples
    --------
    >>> check_gradient(["2*x1*x2", "x1^2"], "x1^2*x2", ["x1", "x2"])
    Correct: that is the gradient, a 1×2 row.
    True
    >>> check_gradient(sympy.Matrix(["2*x1*x2", "x1^2"]), "x1^2*x2", ["x1", "x2"])
    Not yet: your gradient is a column (2×1), but the slides write the gradient of a scalar function of 2 variables as a row (1×2): this is the transposed (column instead of row) layout.
    Hint: in the slides' (numerator) layout the gradient of a scalar function has one row and one column per variable.
    False
    >>> check_gradient(["x1*x2", "x1^2/2"], "x1^2*x2", ["x1", "x2"])
    Not yet: every entry of your gradient is off by the same constant factor of 1/2: it is 1/2 times the gradient.
    Hint: check the constant factors: the power rule brings the exponent down as a factor (a square gives a 2), and the chain rule multiplies by the inner derivative.
    False
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    slips = None
    outer: tuple[str, ...] = ()
    if inner is not None:
        if quadratic_form is not None:
            raise ValueError("give quadratic_form or inner, not both")
        f, outer, slips = _chain_reference(f, inner, names, symbols)
    components = _reference_components(f, names, symbols, vector=False)
    if quadratic_form is not None:
        slips = _quadratic_form_slips(quadratic_form, components, symbols)
    reference = sympy.Matrix([[sympy.diff(components[0], s) for s in symbols]])
    return _matrix_check(answer, components, reference, names, symbols, points,
                         kind="gradient", slips=slips, outer=outer)


def check_jacobian(answer: Any, f: Any, variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None) -> Verdict:
    """Check a student's Jacobian of f = (f_1, ..., f_m); print what is wrong, never the answer.

    The Jacobian of f: R^n → R^m is the m×n matrix with entry (i, j) = ∂f_i/∂x_j (row i is
    the gradient of f_i). Compared as in :func:`check_gradient`. Diagnosed, in this order: a
    placeholder, ``None``, an unreadable entry or a wrong type; the n×m transpose or another
    wrong shape; for a square Jacobian, the transposed matrix; the rows or the columns in
    the wrong order, or the entries of some rows (columns) in the wrong order; a sign error;
    a constant
    factor; otherwise the point where it differs, how many sample points differ and which
    entries ∂f_i/∂x_j are wrong.

    Parameters
    ----------
    answer : list of rows, sympy.Matrix, numpy.ndarray or callable
        ``[["x2", "x1"], ["1", "2"]]``, an m×n Matrix, or a function of the point (one array,
        or n separate arguments) returning an m×n array. For n = 1 a flat list of m
        entries is read as the column.
    f : sequence of (sympy.Expr or str) or sympy.Matrix
        The components f_1, ..., f_m.
    variables : sequence of str
        The variable names, in order.
    points : array_like, optional
        Sample points, shape (P, n).

    Returns
    -------
    bool
        Whether the answer is right.

    Examples
    --------
    >>> check_jacobian([["x2", "x1"], ["1", "2"], ["0", "2*x2"]], ["x1*x2", "x1 + 2*x2", "x2^2"])
    Correct: that is the 3×2 Jacobian.
    True
    >>> check_jacobian([["x2", "1", "0"], ["x1", "2", "2*x2"]], ["x1*x2", "x1 + 2*x2", "x2^2"])
    Not yet: your Jacobian has shape 2×3, but f maps R^2 to R^3, so its Jacobian is 3×2: you gave the transposed matrix.
    Hint: entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column per variable x_j.
    False
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    components = _reference_components(f, names, symbols, vector=True)
    reference = sympy.Matrix([[sympy.diff(c, s) for s in symbols] for c in components])
    return _matrix_check(answer, components, reference, names, symbols, points,
                         kind="jacobian")
