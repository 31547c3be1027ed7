"""``check_gradient`` and ``check_jacobian``: row-vector gradients and m×n Jacobians in the
slides' layout, with transposed layouts, shapes, signs and factors diagnosed."""

from __future__ import annotations

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


def _check_variables_list(variables: Any) -> tuple[str, ...]:
    """Names (or SymPy symbols) of the variables, as a tuple of names."""
    if isinstance(variables, (str, sympy.Symbol)):
        variables = (variables,)
    if not isinstance(variables, Sequence) or isinstance(variables, (bytes, sympy.Basic)):
        raise TypeError(f"variables must be a list of names such as ['x1', 'x2'], got "
                        f"{type(variables).__name__} {shown(variables)}")
    names = tuple(v.name if isinstance(v, sympy.Symbol) else _check_variable(v)
                  for v in variables)
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
    return _MatrixSamples(chosen.points[:MATRIX_POINTS], chosen.reference[:MATRIX_POINTS])


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
                        forms: str) -> _MatrixAnswer:
    """Read a gradient/Jacobian answer: a Matrix, (nested) list, array or a function."""
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
        return _read_rows(rows, symbols, what, forms, flat)
    elif isinstance(answer, (list, tuple)):
        if not answer:
            return _MatrixAnswer(problem="your answer is an empty list.",
                                 hint=f"give it as {forms}.")
        if not any(_is_list(item) for item in answer):
            return _read_rows([list(answer)], symbols, what, forms, True)
        if all(_is_list(item) for item in answer):
            rows = [list(item) for item in answer]
        else:
            return _MatrixAnswer(problem="your list mixes single entries and lists.",
                                 hint=f"give it as {forms}.")
    elif isinstance(answer, (str, sympy.Expr, numbers.Number)) \
            and not isinstance(answer, (bool, np.bool_)):
        if len(symbols) == 1:
            return _read_rows([[answer]], symbols, what, forms, True)
        return _MatrixAnswer(problem=f"your answer is a single formula, but {what} has one "
                                     f"entry per variable ({', '.join(names)}).",
                             hint=f"give it as {forms}.")
    elif callable(answer) and not isinstance(answer, sympy.Basic):
        return _MatrixAnswer(function=answer)
    else:
        return _MatrixAnswer(problem=f"your answer is a {type(answer).__name__}, not "
                                     f"{what}.", hint=f"give it as {forms}.")
    return _read_rows(rows, symbols, what, forms, False)


def _read_rows(rows: list[list[Any]], symbols: list[sympy.Symbol], what: str, forms: str,
               flat: bool) -> _MatrixAnswer:
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
            read = _read_expression_answer(item, symbols, what=f"the {label}")
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


def _matrix_check(answer: Any, components: list[sympy.Expr], reference: sympy.Matrix,
                  names: tuple[str, ...], symbols: list[sympy.Symbol], points: Any, *,
                  kind: str) -> bool:
    """The shared logic of check_gradient (kind "gradient") and check_jacobian."""
    m, n = reference.shape
    gradient_kind = kind == "gradient"
    what = "your gradient" if gradient_kind else "your Jacobian"
    forms = ("a list [df/dx1, ..., df/dxn] of formulas (strings or SymPy expressions), a "
             "1×n sympy.Matrix, or a function of the point returning an array"
             if gradient_kind else
             "a list of rows [[df1/dx1, ..., df1/dxn], ...] of formulas, an m×n sympy.Matrix, "
             "or a function of the point returning an m×n array")
    samples = _matrix_samples(components, reference, names, points)
    pts, r = samples.points, samples.reference
    read = _read_matrix_answer(answer, symbols, "the gradient" if gradient_kind
                               else "the Jacobian", forms)
    if read.problem:
        return _report(False, read.problem, read.hint)

    if read.entries is not None:
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
        a = np.full((pts.shape[0],) + shape2, np.nan)
        raised = np.array([v is None for v in results])
        for k, v in enumerate(results):
            if v is not None:
                a[k] = v.reshape(shape2)
        keep = ~raised
        pts, r, a = pts[keep], r[keep], a[keep]

    # ---- shape
    got = a.shape[1:]
    if got != (m, n):
        if got == (n, m):
            entries_right = _all_close(np.swapaxes(a, 1, 2), r)
            if gradient_kind:
                message = (f"your gradient is a column ({_shape_name(got)}), but the slides "
                           f"write the gradient of a scalar function of {n} variables as a "
                           f"row (1×{n}): this is the transposed (column instead of row) "
                           f"layout.")
                hint = ("∂f/∂x = [∂f/∂x1, ..., ∂f/∂xn] is a 1×n row (numerator layout): give a "
                        "flat list, a sympy.Matrix with one row, or transpose your column "
                        "with .T.")
            else:
                message = (f"your Jacobian has shape {_shape_name(got)}, but f maps R^{n} to "
                           f"R^{m}, so its Jacobian is {m}×{n}: you gave the transposed "
                           f"matrix.")
                hint = ("entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component "
                        "f_i, one column per variable x_j.")
            message += (" Its entries are right." if entries_right
                        else " Some of its entries are wrong as well.")
            return _report(False, message, hint)
        if gradient_kind:
            return _report(False, f"your gradient has shape {_shape_name(got)}, but f has {n} "
                                  f"variable{'s' if n > 1 else ''}, so its gradient is a "
                                  f"1×{n} row (one entry per variable).",
                           f"give it as {forms}.")
        return _report(False, f"your Jacobian has shape {_shape_name(got)}, but f has {m} "
                              f"component{'s' if m > 1 else ''} and {n} "
                              f"variable{'s' if n > 1 else ''}, so its Jacobian is {m}×{n}.",
                       "one row per component f_i, one column per variable x_j.")

    correct = (f"that is the gradient, a 1×{n} row." if gradient_kind
               else f"that is the {m}×{n} Jacobian.")
    wrong = ~_close(a, r)
    if not np.any(wrong):
        return _report(True, correct)
    if read.entries is not None and all(   # e.g. cancellation in floating point
            _symbolically_equal(read.entries[i][j], reference[i, j])
            for i, j in np.argwhere(np.any(wrong, axis=0))):
        return _report(True, correct)

    # ---- whole-answer slips
    if not gradient_kind and m == n and m > 1 and np.all(np.isfinite(a)):
        transposed = np.swapaxes(r, 1, 2)
        if not _all_close(transposed, r) and _all_close(a, transposed):
            return _report(False, "your matrix is the transpose of the Jacobian: row i should "
                                  "hold the derivatives of f_i, but yours holds the "
                                  "derivatives with respect to x_i.",
                           "entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component "
                           "f_i, one column per variable x_j.")
    if np.all(np.isfinite(a)):
        relation = _diagnose_scalar_factor(a, r, offset=False)
        if relation is not None:
            name = "gradient" if gradient_kind else "Jacobian"
            if relation.kind == "sign":
                return _report(False, f"your {name} has the wrong sign: every entry is the "
                                      f"negative of the right one.",
                               "check each sign: a minus in front of a term stays, and an "
                               "inner derivative (chain rule) can be negative.")
            factor = _format_factor(relation.value)
            return _report(False, f"every entry of your {name} is off by the same constant "
                                  f"factor of {factor}: it is {factor} times the {name}.",
                           "check the constant factors: the power rule brings the exponent "
                           "down as a factor (a square gives a 2), and the chain rule "
                           "multiplies by the inner derivative.")

    # ---- wrong values: name one point, how many points differ and which entries
    def entry_name(i: int, j: int) -> str:
        return f"∂f/∂{names[j]}" if gradient_kind else f"∂f_{i + 1}/∂{names[j]}"

    hint = ("differentiate with respect to one variable at a time, treating the other "
            "variables as constants." if gradient_kind else
            "row i is the gradient of f_i: differentiate f_i with respect to each variable in "
            "turn, treating the other variables as constants.")
    return _wrong_values_report(a, r, wrong, pts, names, entry_name, what, hint)


def _wrong_values_report(a: np.ndarray, r: np.ndarray, wrong: np.ndarray, pts: np.ndarray,
                         names: tuple[str, ...], entry_name: Callable[[int, int], str],
                         what: str, hint: str, *,
                         single_point: str = "the only sample point") -> bool:
    """Print where a matrix answer has wrong values: one point named, how many sample points
    differ, which entries (and a sign or factor of the first one); return False.

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
    i0, j0 = bad_entries[0]
    column_a, column_r = a[:, i0, j0], r[:, i0, j0]
    if np.all(np.isfinite(column_a)):
        relation = _diagnose_scalar_factor(column_a, column_r, offset=False)
        if relation is not None and relation.kind == "sign":
            detail += f" The entry {entry_name(i0, j0)} has the wrong sign."
        elif relation is not None:
            detail += (f" The entry {entry_name(i0, j0)} is off by a factor of "
                       f"{_format_factor(relation.value)}.")
    verb = "is undefined" if not np.all(np.isfinite(a[index])) else "has wrong values"
    return _report(False, f"{what} {verb} at {where} ({rest}).{detail}", hint)


def check_gradient(answer: Any, f: sympy.Expr | str,
                   variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None) -> Verdict:
    """Check a student's gradient of a scalar ``f``; print what is wrong, never the answer.

    The gradient is the ROW vector ∂f/∂x = [∂f/∂x_1, ..., ∂f/∂x_n] ∈ R^{1×n} (the slides'
    numerator layout). The answer is compared entry by entry with the exact gradient at
    deterministic sample points (relative tolerance 1e-8; each coordinate drawn with the
    fixed seed :data:`MATRIX_SEED` from :data:`DEFAULT_POINTS`, keeping
    :data:`MATRIX_POINTS` points where f and its gradient are finite). A wrong answer is
    diagnosed, in this order: a placeholder, ``None``, an unreadable entry (with the
    parser's message) or a wrong type; a column n×1 (the transposed layout) or another
    wrong shape; −∇f (sign); c·∇f (a constant factor such as 2 or 1/2); otherwise the
    point where it differs, how many of the sample points differ, and which entries are
    wrong (with a sign or factor slip of that entry).

    Parameters
    ----------
    answer : list, sympy.Matrix, numpy.ndarray or callable
        A flat list ``["2*x1", "3"]`` (read as the row), a nested list or a SymPy Matrix
        (its shape counts: ``Matrix([[...]])`` is a row, ``Matrix([...])`` a column), or a
        function returning an array: called with the point as one array of n coordinates,
        or with n separate arguments if it takes n parameters. A returned 1-d array of n
        entries counts as the row.
    f : sympy.Expr or str
        The scalar function.
    variables : sequence of str
        The variable names, in order (default ``("x1", "x2")``).
    points : array_like, optional
        Sample points, shape (P, n).

    Returns
    -------
    bool
        Whether the answer is right.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``variables`` or ``points`` is invalid (a problem of the exercise).

    Examples
    --------
    >>> check_gradient(["2*x1*x2", "x1^2"], "x1^2*x2", ["x1", "x2"])
    Correct: that is the gradient, a 1×2 row.
    True
    >>> check_gradient(sympy.Matrix(["2*x1*x2", "x1^2"]), "x1^2*x2", ["x1", "x2"])
    Not yet: your gradient is a column (2×1), but the slides write the gradient of a scalar function of 2 variables as a row (1×2): this is the transposed (column instead of row) layout. Its entries are right.
    Hint: ∂f/∂x = [∂f/∂x1, ..., ∂f/∂xn] is a 1×n row (numerator layout): give a flat list, a sympy.Matrix with one row, or transpose your column with .T.
    False
    >>> check_gradient(["x1*x2", "x1^2/2"], "x1^2*x2", ["x1", "x2"])
    Not yet: every entry of your gradient is off by the same constant factor of 1/2: it is 1/2 times the gradient.
    Hint: check the constant factors: the power rule brings the exponent down as a factor (a square gives a 2), and the chain rule multiplies by the inner derivative.
    False
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    components = _reference_components(f, names, symbols, vector=False)
    reference = sympy.Matrix([[sympy.diff(components[0], s) for s in symbols]])
    return _matrix_check(answer, components, reference, names, symbols, points,
                         kind="gradient")


def check_jacobian(answer: Any, f: Any, variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None) -> Verdict:
    """Check a student's Jacobian of f = (f_1, ..., f_m); print what is wrong, never the answer.

    The Jacobian of f: R^n → R^m is the m×n matrix with entry (i, j) = ∂f_i/∂x_j (row i is
    the gradient of f_i). Compared as in :func:`check_gradient`. Diagnosed, in this order: a
    placeholder, ``None``, an unreadable entry or a wrong type; the n×m transpose or another
    wrong shape; for a square Jacobian, the transposed matrix; a sign error; a constant
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
    Not yet: your Jacobian has shape 2×3, but f maps R^2 to R^3, so its Jacobian is 3×2: you gave the transposed matrix. Its entries are right.
    Hint: entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column per variable x_j.
    False
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    components = _reference_components(f, names, symbols, vector=True)
    reference = sympy.Matrix([[sympy.diff(c, s) for s in symbols] for c in components])
    return _matrix_check(answer, components, reference, names, symbols, points,
                         kind="jacobian")
