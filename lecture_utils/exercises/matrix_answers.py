"""Matrix answers, shared by the checkers of gradients, Jacobians and Hessians: reading a
list, array, Matrix or function answer (its shape first, before any entry), choosing the
sample points, evaluating, and reporting which entries are wrong with their slips."""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array, shown
from ..maths.jacobians import component_list
from .common import (
    DEFAULT_POINTS,
    FALLBACK_POINTS,
    BadReturn,
    Verdict,
    all_close,
    check_variable,
    choose_samples,
    diagnose_scalar_factor,
    evaluate_expression,
    exact_size,
    format_factor,
    format_point,
    join,
    read_expression_answer,
    report,
    symbolically_equal,
    unify_symbols,
    unwrap_answer,
)

__all__: list[str] = []

#: Seed of the sample points of :func:`check_gradient` and :func:`check_jacobian`: each
#: coordinate is drawn from :data:`DEFAULT_POINTS` (then from :data:`FALLBACK_POINTS`).
MATRIX_SEED = 20240
#: How many sample points :func:`check_gradient` and :func:`check_jacobian` use.
MATRIX_POINTS = 8
_MATRIX_CANDIDATES = 64
#: The most components of a vector function (and variables) a checker accepts.
MAX_COMPONENTS = 20
#: Added to the sample points (when none are given): irrational coordinates, so that an answer
#: that differs from the reference by a term vanishing at the dyadic points (such as sin(4πx))
#: is caught.
MATRIX_EXTRA: tuple[float, ...] = (0.5 + 2 ** 0.5 / 10, -(1.0 + 3 ** 0.5 / 10),
                                   1.5 + 5 ** 0.5 / 10, -(0.25 + np.pi / 20))


def check_variables_list(variables: Any) -> tuple[str, ...]:
    """Names (or SymPy symbols) of the variables, as a tuple of names."""
    if isinstance(variables, (str, sympy.Symbol)):
        variables = (variables,)
    if not isinstance(variables, Sequence) or isinstance(variables, (bytes, sympy.Basic)):
        raise TypeError(f"variables must be a list of names such as ['x1', 'x2'], got "
                        f"{type(variables).__name__} {shown(variables)}")
    if len(variables) > MAX_COMPONENTS:
        raise ValueError(f"variables must name at most {MAX_COMPONENTS} variables (an exercise "
                         f"done by hand), got {len(variables)}")
    names = tuple(v.name if isinstance(v, sympy.Symbol) else
                  check_variable(v, "variables: each variable") for v in variables)
    if not names:
        raise ValueError("variables must name at least one variable")
    if len(set(names)) != len(names):
        raise ValueError(f"variables must not repeat a name, got {shown(names)}")
    return names


def reference_components(f: Any, names: tuple[str, ...], symbols: list[sympy.Symbol],
                          *, vector: bool) -> list[sympy.Expr]:
    """The teacher's f (one expression, or the components of a vector function) in real
    symbols named ``names``."""
    from ..maths.parser import as_expression

    if vector:
        # the length is checked before any component is parsed: no hang on a long list
        items = component_list(f, "f", most=MAX_COMPONENTS)
    else:
        if not isinstance(f, (str, sympy.Expr)):
            raise TypeError(f"f must be one expression or formula string (a scalar function; "
                            f"for a vector function use check_jacobian), got "
                            f"{type(f).__name__} {shown(f)}")
        items = [f]
    components = []
    for item in items:
        expr = unify_symbols(as_expression(item, variables=names), symbols)
        others = sorted(str(s) for s in expr.free_symbols if s not in set(symbols))
        if others:
            raise ValueError(f"f must depend on {', '.join(names)} only, but it also contains "
                             f"{', '.join(others)}; substitute numbers for them first")
        components.append(expr)
    return components


@dataclass
class MatrixSamples:
    points: np.ndarray     # (P, n)
    reference: np.ndarray  # (P, m, n)


def matrix_samples(components: list[sympy.Expr], reference: sympy.Matrix,
                    names: tuple[str, ...], points: Any) -> MatrixSamples:
    """Sample points where every f_i and every entry of the reference is finite."""
    n = len(names)
    if points is not None:
        array = check_array(points, "points")
        if array.ndim == 1:
            array = array.reshape(-1, 1) if n == 1 else array.reshape(1, -1)
        if array.ndim != 2 or array.shape[1] != n:
            raise ValueError(f"points must have shape (number of points, {n}) (one column per "
                             f"variable {', '.join(names)}), got shape {np.shape(points)}")
        points = array
    rng = np.random.default_rng(MATRIX_SEED)
    samples = choose_samples(
        [*components, *reference], names, points,
        defaults=rng.choice(np.array(DEFAULT_POINTS), size=(_MATRIX_CANDIDATES, n)),
        fallback=rng.choice(np.array(FALLBACK_POINTS), size=(_MATRIX_CANDIDATES, n)),
        extra=np.array([[MATRIX_EXTRA[(k + j) % len(MATRIX_EXTRA)] for j in range(n)]
                        for k in range(len(MATRIX_EXTRA))]),
        count=MATRIX_POINTS, where="[-10, 10]^n")
    return MatrixSamples(samples.points, samples.values[:, len(components):].reshape(
        (len(samples),) + reference.shape))


def exact_gap(entries: list[list[sympy.Expr]], reference: sympy.Matrix,
               symbols: list[sympy.Symbol], pts: np.ndarray) -> float:
    """The largest |answer − reference| over the entries SymPy cannot prove equal, evaluated
    with 30 significant digits at ``pts``, relative to max(1, |reference|): far above 1e-20
    means a formula that agrees to floating-point tolerance but is not equal (a small extra
    term, a rounded number)."""
    largest = 0.0
    for (i, j), expr in np.ndenumerate(np.array(reference.tolist(), dtype=object)):
        if symbolically_equal(entries[i][j], expr):
            continue
        for point in pts:
            gap, size = (exact_size(e, symbols, point) for e in (entries[i][j] - expr, expr))
            if gap is not None and size is not None:
                largest = max(largest, gap / max(1.0, size))
    return largest


#: Message and hint for a formula that agrees only to rounding (shared with check_hessian).
ROUNDED = ("agrees with the {what} to 1e-8 at the sample points but is not equal to it: is "
           "there a small extra term or a rounded number?",
           "write exact numbers (1/3, not 0.333; exp(x), not 2.718^x) and only the terms the "
           "derivative has.")


@dataclass
class MatrixAnswer:
    """A matrix answer: entries (expressions), a function, or a problem to report."""

    entries: list[list[sympy.Expr]] | None = None
    function: Callable[..., Any] | None = None
    flat: bool = False
    problem: str | None = None
    hint: str | None = None


def is_list(item: Any) -> bool:
    return isinstance(item, (list, tuple, np.ndarray, sympy.MatrixBase))


def read_matrix_answer(answer: Any, symbols: list[sympy.Symbol], what: str,
                        forms: str, extra: Sequence[sympy.Symbol] = (),
                        expected: str | None = None) -> MatrixAnswer:
    """Read a gradient/Jacobian answer: a Matrix, (nested) list, array or a function.

    Entries may also contain the ``extra`` symbols (the caller says what is wrong with them);
    ``expected`` says what shape ``what`` has ("a 3×2 matrix (...)"), for a single formula."""
    names = [s.name for s in symbols]
    answer, problem, hint = unwrap_answer(answer, symbols, what, forms)
    if problem:
        return MatrixAnswer(problem=problem, hint=hint)
    if isinstance(answer, sympy.MatrixBase):
        rows = answer.tolist()
    elif isinstance(answer, np.ndarray):
        if answer.ndim > 2:
            return MatrixAnswer(problem=f"your answer is an array with {answer.ndim} axes "
                                         f"(shape {answer.shape}); {what} is a matrix.",
                                 hint=f"give it as {forms}.")
        rows = answer.tolist() if answer.ndim == 2 else [answer.tolist()] \
            if answer.ndim == 1 else [[answer.item()]]
        flat = answer.ndim == 1
        return read_rows(rows, symbols, what, forms, flat, extra)
    elif isinstance(answer, (list, tuple)):
        if not answer:
            return MatrixAnswer(problem="your answer is an empty list.",
                                 hint=f"give it as {forms}.")
        if not any(is_list(item) for item in answer):
            return read_rows([list(answer)], symbols, what, forms, True, extra)
        if all(is_list(item) for item in answer):
            rows = [list(item) for item in answer]
        else:
            return MatrixAnswer(problem="your list mixes single entries and lists.",
                                 hint=f"give it as {forms}.")
    elif isinstance(answer, (str, sympy.Expr, numbers.Number)) \
            and not isinstance(answer, (bool, np.bool_)):
        if len(symbols) == 1:
            return read_rows([[answer]], symbols, what, forms, True, extra)
        return MatrixAnswer(problem=f"your answer is a single formula, but {what} is "
                                     f"{expected}." if expected else
                                     f"your answer is a single formula, but {what} has one "
                                     f"entry per variable ({', '.join(names)}).",
                             hint=f"give it as {forms}.")
    elif callable(answer) and not isinstance(answer, sympy.Basic):
        return MatrixAnswer(function=answer)
    else:
        return MatrixAnswer(problem=f"your answer is a {type(answer).__name__}, not "
                                     f"{what}.", hint=f"give it as {forms}.")
    return read_rows(rows, symbols, what, forms, False, extra)


def read_rows(rows: list[list[Any]], symbols: list[sympy.Symbol], what: str, forms: str,
               flat: bool, extra: Sequence[sympy.Symbol] = ()) -> MatrixAnswer:
    if len({len(row) for row in rows}) > 1:
        return MatrixAnswer(problem="the rows of your answer have different lengths.",
                             hint=f"give it as {forms}.")
    entries: list[list[sympy.Expr]] = []
    for i, row in enumerate(rows):
        entries.append([])
        for j, item in enumerate(row):
            label = f"entry ({i + 1}, {j + 1})" if not flat else f"entry {j + 1}"
            if is_list(item):
                return MatrixAnswer(problem=f"the {label} of your answer is itself a list: "
                                             f"{what} is a matrix of formulas.",
                                     hint=f"give it as {forms}.")
            if callable(item) and not isinstance(item, sympy.Basic):
                return MatrixAnswer(problem=f"the {label} of your answer is a function; give "
                                             "formulas as entries, or one function that "
                                             "returns the whole array.",
                                     hint=f"give it as {forms}.")
            read = read_expression_answer(item, [*symbols, *extra], what=f"the {label}")
            if read.problem:
                return MatrixAnswer(problem=f"in {label}: {read.problem}", hint=read.hint)
            entries[-1].append(read.expr)
    return MatrixAnswer(entries=entries, flat=flat)


def takes_separate_arguments(function: Callable[..., Any], n: int) -> bool:
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


def call_matrix_function(function: Callable[..., Any], point: np.ndarray,
                          separate: bool) -> np.ndarray:
    """A student's function at one point, as a 2-d float array (raises BadReturn)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = function(*point) if separate else function(point.copy())
    if value is None:
        raise BadReturn("it returned None (did you forget `return`?)")
    if isinstance(value, sympy.MatrixBase):
        value = value.tolist()
    try:
        array = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise BadReturn(f"it returned {type(value).__name__} {shown(value)}, not an array "
                         "of numbers") from None
    if np.any(array.imag != 0):
        raise BadReturn("it returned complex numbers, not real ones")
    array = array.real
    if array.ndim > 2:
        raise BadReturn(f"it returned an array of shape {array.shape}, not a matrix")
    return array


def article(number: int) -> str:
    """"an" before a number read with a vowel sound (8, 11, 18, 80...), else "a"."""
    return "an" if str(number).startswith("8") or number in (11, 18) else "a"


def point_text(names: tuple[str, ...], point: np.ndarray) -> str:
    if len(names) == 1:
        return f"{names[0]} = {format_point(point[0])}"
    return (f"({', '.join(names)}) = ("
            + ", ".join(format_point(v) for v in point) + ")")


def evaluate_answer_matrix(entries: list[list[sympy.Expr]], names: tuple[str, ...],
                            pts: np.ndarray) -> np.ndarray:
    """Values (P, r, c) of an answer given as formulas, NaN where undefined."""
    shape = (len(entries), len(entries[0]) if entries else 0)
    values = np.empty((pts.shape[0],) + shape)
    for i, row in enumerate(entries):
        for j, expr in enumerate(row):
            values[:, i, j] = evaluate_expression(expr, names, pts)
    return values


def call_function_answer(function: Callable[..., Any], names: tuple[str, ...], pts: np.ndarray,
                          forms: str, returns: str
                          ) -> tuple[list[np.ndarray | None], str | None, str | None]:
    """Call a function answer at every sample point: its arrays (``None`` where it raised,
    all of one shape), or an empty list, a problem and a hint."""
    separate = takes_separate_arguments(function, len(names))
    results: list[np.ndarray | None] = []
    first_error = ""
    for point in pts:
        try:
            results.append(call_matrix_function(function, point, separate))
        except BadReturn as exc:
            return [], (f"your function cannot be checked at {point_text(names, point)}: "
                        f"{exc}"), f"it should return {returns} for one point."
        except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
            results.append(None)
            first_error = first_error or (f"at {point_text(names, point)}: "
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


def function_values(results: list[np.ndarray | None], column: bool
                    ) -> tuple[np.ndarray, np.ndarray]:
    """What a function answer returned (``None`` where it raised, the rest of one shape, as
    :func:`call_function_answer` gives them) as matrices (P', r, c): a number is 1×1, a flat
    array a row (a column when ``column``); and which of the P points they cover."""
    good = [v for v in results if v is not None]
    shape = good[0].shape
    shape2 = (1, 1) if not shape else shape if len(shape) > 1 else \
        (shape[0], 1) if column else (1, shape[0])
    return np.array([v.reshape(shape2) for v in good]), np.array([v is not None
                                                                   for v in results])


def declared_shape(answer: Any, jacobian_column: bool) -> tuple[int, int] | None:
    """The shape a list, array or Matrix answer has, read without parsing a single entry
    (so that a wrong shape of any size is refused at once); ``None`` when only reading the
    entries can tell (a function, a formula, rows of different lengths, ...).

    ``jacobian_column``: a flat list is the column of a Jacobian with one variable.

    Examples
    --------
    >>> declared_shape(["1", "2", "3"], False), declared_shape([["1"], ["2"]], False)
    ((1, 3), (2, 1))
    """
    if isinstance(answer, sympy.MatrixBase):
        return tuple(answer.shape)
    if isinstance(answer, np.ndarray):
        if answer.ndim == 1:
            return (answer.shape[0], 1) if jacobian_column else (1, answer.shape[0])
        return tuple(answer.shape) if answer.ndim == 2 else None
    if isinstance(answer, (list, tuple)) and answer:
        nested = [is_list(item) for item in answer]
        if not any(nested):
            return (len(answer), 1) if jacobian_column else (1, len(answer))
        if all(nested):
            lengths = {len(item) for item in answer}
            return (len(answer), lengths.pop()) if len(lengths) == 1 else None
    return None



TERM_HINTS = {
    "term sign": ("check the sign of every term: a minus in front of a term stays, the "
                  "derivative of cos carries a minus, and an inner derivative can be negative."),
    "missing term": ("differentiate every term that contains the variable: with the other "
                     "variables held constant, a term drops out only if it does not contain "
                     "this variable."),
}


def expression_terms(expr: sympy.Expr, limit: int = 16) -> list[sympy.Expr]:
    """The terms of ``expr`` as written and expanded (none if there are more than ``limit``)."""
    terms: list[sympy.Expr] = []
    for form in (expr, sympy.expand(expr)):
        for term in sympy.Add.make_args(form):
            if term not in terms:
                terms.append(term)
    return terms if 1 < len(terms) <= limit else []


def entry_slip(answer: np.ndarray, reference: np.ndarray, expr: sympy.Expr | None,
                names: tuple[str, ...], pts: np.ndarray) -> str | None:
    """Which slip turns the reference values of one entry into the answer's: "sign",
    "factor <c>", "term sign" (one term with the wrong sign), "missing term", or ``None``."""
    if not np.all(np.isfinite(answer)):
        return None
    relation = diagnose_scalar_factor(answer, reference, offset=False)
    if relation is not None:
        return "sign" if relation.kind == "sign" else f"factor {relation.value!r}"
    if expr is None:
        return None
    for term in expression_terms(expr):
        values = evaluate_expression(term, names, pts)
        if not np.all(np.isfinite(values)) or all_close(values, 0 * values):
            continue
        if all_close(answer, reference - 2 * values):
            return "term sign"
        if all_close(answer, reference - values):
            return "missing term"
    return None


def wrong_values_report(a: np.ndarray, r: np.ndarray, wrong: np.ndarray, pts: np.ndarray,
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
    where = point_text(names, pts[index])
    if pts.shape[0] == 1:
        rest = single_point
    elif count == 1:
        rest = f"the other {pts.shape[0] - 1} sample point" + \
            ("s agree" if pts.shape[0] > 2 else " agrees")
    else:
        rest = f"and at {count - 1} other of the {pts.shape[0]} sample points"
    bad_entries = [(int(i), int(j)) for i, j in np.argwhere(np.any(wrong, axis=0))]
    listed = join([entry_name(i, j) for i, j in bad_entries])
    detail = f" Wrong entr{'y' if len(bad_entries) == 1 else 'ies'}: {listed}"
    detail += "; the other entries are right." if len(bad_entries) < wrong[0].size else "."
    specific_hint = None
    for i, j in bad_entries:
        expr = reference[i, j] if reference is not None else None
        slip = entry_slip(a[:, i, j], r[:, i, j], expr, names, pts)
        if slip == "sign":
            detail += f" The entry {entry_name(i, j)} has the wrong sign."
        elif slip is not None and slip.startswith("factor"):
            detail += (f" The entry {entry_name(i, j)} is off by a factor of "
                       f"{format_factor(float(slip.split()[1]))}.")
        elif slip == "term sign":
            detail += f" The entry {entry_name(i, j)} has one term with the wrong sign."
        elif slip == "missing term":
            detail += f" The entry {entry_name(i, j)} misses one of its terms."
        if slip in TERM_HINTS and specific_hint is None:
            specific_hint = TERM_HINTS[slip]
    verb = "is undefined" if not np.all(np.isfinite(a[index])) else "has wrong values"
    return report(False, f"{what} {verb} at {where} ({rest}).{detail}", specific_hint or hint)


