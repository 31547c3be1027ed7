"""TODO"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from .._validation import check_array, check_choice, check_integer, shown
from .jacobians import JACOBIAN_METHODS, shape_text, numerical_jacobian

__all__ = ["IDENTITIES", "Identity", "IdentityCheck", "LayoutComparison", "compare_layouts",
           "verify_identity"]


#: Largest condition number of a random matrix that is inverted in an identity check.
MAX_CONDITION = 30.0


#: Relative tolerance of :func:`verify_identity` per method of the left side, and the power of
#: κ (the largest condition number of the matrices that are inverted, at least 1) it is
#: multiplied by. The complex step is exact up to rounding, which grows like ε·κ (measured:
#: below 1.3e-15·κ for sizes up to 5); finite differences add a truncation error whose
#: derivatives grow faster with κ (measured: below 1e-9·κ for central differences).
BASE_TOLERANCE: dict[str, tuple[float, int]] = {
    "complex-step": (1e-12, 1), "central": (1e-7, 2), "forward": (1e-4, 2)}


def _random_invertible(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random n×n matrix with condition number ≤ MAX_CONDITION and singular values ≥ 0.2."""
    for _ in range(1000):
        matrix = rng.standard_normal((n, n))
        singular = np.linalg.svd(matrix, compute_uv=False)
        if singular[-1] >= 0.2 and singular[0] / singular[-1] <= MAX_CONDITION:
            return matrix
    return matrix + 2.0 * n * np.eye(n)  # pragma: no cover - practically never reached


def _cond(matrix: np.ndarray) -> float:
    return float(np.linalg.cond(matrix)) if matrix.size else 1.0


def _row(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=float).reshape(1, -1)


# f(X) = X A X, used by the identities about a matrix function f of X; its derivative tensor
# ∂f_kl/∂X_ij = δ_ki (A X)_jl + (X A)_ki δ_lj.
def _f(inputs: dict[str, np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    A = inputs["A"]
    return lambda X: X @ A @ X


def _df(inputs: dict[str, np.ndarray]) -> np.ndarray:
    X, A = inputs["X"], inputs["A"]
    n = X.shape[0]
    eye = np.eye(n)
    return (np.einsum("ki,jl->klij", eye, A @ X) + np.einsum("ki,lj->klij", X @ A, eye))


def _inputs_vectors(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"a": rng.standard_normal(n), "x": rng.standard_normal(n)}


def _inputs_aXb(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    m, n = d["m"], d["n"]
    return {"a": rng.standard_normal(m), "X": rng.standard_normal((m, n)),
            "b": rng.standard_normal(n)}


def _inputs_xBx(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"x": rng.standard_normal(n), "B": rng.standard_normal((n, n))}


def _inputs_wls(symmetric: bool) -> Callable[..., dict[str, np.ndarray]]:
    def make(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
        m, k = d["m"], d["k"]
        W = rng.standard_normal((m, m))
        if symmetric:
            W = (W + W.T) / 2.0
        return {"x": rng.standard_normal(m), "A": rng.standard_normal((m, k)),
                "s": rng.standard_normal(k), "W": W}
    return make


def _inputs_aXinvb(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"a": rng.standard_normal(n), "X": _random_invertible(rng, n),
            "b": rng.standard_normal(n)}


def _inputs_fX(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"X": _random_invertible(rng, n), "A": _random_invertible(rng, n)}


def _wls_value(i: dict[str, np.ndarray]) -> Callable[[np.ndarray], Any]:
    x, A, W = i["x"], i["A"], i["W"]
    return lambda s: (x - A @ s) @ W @ (x - A @ s)


@dataclass(frozen=True)
class Identity:
    """One gradient identity of the slides, checkable on random inputs.

    Attributes
    ----------
    name : str
        The key in :data:`IDENTITIES`.
    latex : str
        The identity in LaTeX.
    layout : str
        The layout under which it holds (what the left side's entries are).
    sizes : tuple of str
        The names of the dimensions it needs (e.g. ``("m", "n")`` for a ∈ R^m, X ∈ R^{m×n}).
    shapes : str
        The shapes of the inputs, in words.
    requires : str
        Extra conditions ("W symmetric", "X invertible", ...), or "".
    make_inputs : callable
        ``make_inputs(rng, dims) -> dict`` of random inputs for a dict of dimensions.
    left : callable
        ``left(inputs, method) -> ndarray``: the derivative computed NUMERICALLY with
        :func:`numerical_jacobian` of the scalar, vector or matrix function.
    right : callable
        ``right(inputs) -> ndarray``: the closed form.
    conditioned : callable
        ``conditioned(inputs) -> list of matrices`` that are inverted; their largest condition
        number scales the tolerance.
    """

    name: str
    latex: str
    layout: str
    sizes: tuple[str, ...]
    shapes: str
    requires: str
    make_inputs: Callable[[np.random.Generator, Mapping[str, int]], dict[str, np.ndarray]]
    left: Callable[[dict[str, np.ndarray], str], np.ndarray] = field(repr=False)
    right: Callable[[dict[str, np.ndarray]], np.ndarray] = field(repr=False)
    conditioned: Callable[[dict[str, np.ndarray]], list[np.ndarray]] = field(
        default=lambda inputs: [], repr=False)


_ROW = "numerator layout: a 1×n row, entry j = ∂/∂x_j"


_G = "G_ij = ∂/∂X_ij (the gradient has the shape of X)"


_TENSOR = "tensor layout: shape (output shape) + (input shape), entry [k, l, i, j] = ∂f_kl/∂X_ij"


_F_TEXT = "f(X) = X A X with a fixed random A (any differentiable f works)"


_ENTRIES = [
    Identity(
        "aT x", r"\frac{\partial \mathbf{a}^\top \mathbf{x}}{\partial \mathbf{x}} = "
                r"\mathbf{a}^\top", _ROW, ("n",), "a, x ∈ R^n", "",
        _inputs_vectors,
        lambda i, m: _row(numerical_jacobian(lambda x: i["a"] @ x, i["x"], method=m)),
        lambda i: _row(i["a"])),
    Identity(
        "xT a", r"\frac{\partial \mathbf{x}^\top \mathbf{a}}{\partial \mathbf{x}} = "
                r"\mathbf{a}^\top", _ROW, ("n",), "a, x ∈ R^n", "",
        _inputs_vectors,
        lambda i, m: _row(numerical_jacobian(lambda x: x @ i["a"], i["x"], method=m)),
        lambda i: _row(i["a"])),
    Identity(
        "aT X b", r"\frac{\partial \mathbf{a}^\top \mathbf{X} \mathbf{b}}{\partial \mathbf{X}}"
                  r" = \mathbf{a} \mathbf{b}^\top", _G, ("m", "n"),
        "a ∈ R^m, X ∈ R^{m×n}, b ∈ R^n", "",
        _inputs_aXb,
        lambda i, m: numerical_jacobian(lambda X: i["a"] @ X @ i["b"], i["X"], method=m),
        lambda i: np.outer(i["a"], i["b"])),
    Identity(
        "xT B x", r"\frac{\partial \mathbf{x}^\top \mathbf{B} \mathbf{x}}{\partial \mathbf{x}}"
                  r" = \mathbf{x}^\top (\mathbf{B} + \mathbf{B}^\top)", _ROW, ("n",),
        "x ∈ R^n, B ∈ R^{n×n}", "any B (2xᵀB only for symmetric B)",
        _inputs_xBx,
        lambda i, m: _row(numerical_jacobian(lambda x: x @ i["B"] @ x, i["x"], method=m)),
        lambda i: _row(i["x"] @ (i["B"] + i["B"].T))),
    Identity(
        "(x-As)T W (x-As)",
        r"\frac{\partial}{\partial \mathbf{s}} (\mathbf{x} - \mathbf{A}\mathbf{s})^\top "
        r"\mathbf{W} (\mathbf{x} - \mathbf{A}\mathbf{s}) = -2 (\mathbf{x} - "
        r"\mathbf{A}\mathbf{s})^\top \mathbf{W} \mathbf{A}", _ROW, ("m", "k"),
        "x ∈ R^m, A ∈ R^{m×k}, s ∈ R^k, W ∈ R^{m×m}", "W symmetric",
        _inputs_wls(symmetric=True),
        lambda i, m: _row(numerical_jacobian(_wls_value(i), i["s"], method=m)),
        lambda i: _row(-2.0 * (i["x"] - i["A"] @ i["s"]) @ i["W"] @ i["A"])),
    Identity(
        "(x-As)T W (x-As), any W",
        r"\frac{\partial}{\partial \mathbf{s}} (\mathbf{x} - \mathbf{A}\mathbf{s})^\top "
        r"\mathbf{W} (\mathbf{x} - \mathbf{A}\mathbf{s}) = -(\mathbf{x} - "
        r"\mathbf{A}\mathbf{s})^\top (\mathbf{W} + \mathbf{W}^\top) \mathbf{A}", _ROW,
        ("m", "k"), "x ∈ R^m, A ∈ R^{m×k}, s ∈ R^k, W ∈ R^{m×m}", "",
        _inputs_wls(symmetric=False),
        lambda i, m: _row(numerical_jacobian(_wls_value(i), i["s"], method=m)),
        lambda i: _row(-(i["x"] - i["A"] @ i["s"]) @ (i["W"] + i["W"].T) @ i["A"])),
    Identity(
        "aT X^-1 b",
        r"\frac{\partial \mathbf{a}^\top \mathbf{X}^{-1} \mathbf{b}}{\partial \mathbf{X}} = "
        r"-\mathbf{X}^{-\top} \mathbf{a} \mathbf{b}^\top \mathbf{X}^{-\top}", _G, ("n",),
        "a, b ∈ R^n, X ∈ R^{n×n}", "X invertible",
        _inputs_aXinvb,
        lambda i, m: numerical_jacobian(lambda X: i["a"] @ np.linalg.inv(X) @ i["b"], i["X"],
                                        method=m),
        lambda i: -np.linalg.inv(i["X"]).T @ np.outer(i["a"], i["b"]) @ np.linalg.inv(i["X"]).T,
        lambda i: [i["X"]]),
    Identity(
        "tr f(X)",
        r"\frac{\partial}{\partial \mathbf{X}} \operatorname{tr}(\mathbf{f}(\mathbf{X})) = "
        r"\operatorname{tr}\left(\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}"
        r"\right)", _G + "; tr sums the two output axes of ∂f/∂X", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: np.trace(_f(i)(X)), i["X"], method=m),
        lambda i: np.einsum("kkij->ij", _df(i))),
    Identity(
        "det f(X)",
        r"\frac{\partial}{\partial \mathbf{X}} \det(\mathbf{f}(\mathbf{X})) = "
        r"\det(\mathbf{f}(\mathbf{X})) \operatorname{tr}\left(\mathbf{f}(\mathbf{X})^{-1} "
        r"\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right)",
        _G + "; entry ij: det(f) tr(f⁻¹ ∂f/∂X_ij)", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "f(X) invertible",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: np.linalg.det(_f(i)(X)), i["X"], method=m),
        lambda i: (np.linalg.det(_f(i)(i["X"]))
                   * np.einsum("lk,klij->ij", np.linalg.inv(_f(i)(i["X"])), _df(i))),
        lambda i: [_f(i)(i["X"])]),
    Identity(
        "f(X)^-1",
        r"\frac{\partial}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^{-1} = "
        r"-\mathbf{f}(\mathbf{X})^{-1} \frac{\partial \mathbf{f}(\mathbf{X})}{\partial "
        r"\mathbf{X}} \mathbf{f}(\mathbf{X})^{-1}",
        _TENSOR + "; slice ij: −f⁻¹ (∂f/∂X_ij) f⁻¹", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "f(X) invertible",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: np.linalg.inv(_f(i)(X)), i["X"], method=m),
        lambda i: -np.einsum("ka,abij,bl->klij", np.linalg.inv(_f(i)(i["X"])), _df(i),
                             np.linalg.inv(_f(i)(i["X"]))),
        lambda i: [_f(i)(i["X"])]),
    Identity(
        "f(X)T",
        r"\frac{\partial}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^\top = "
        r"\left(\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right)^\top",
        _TENSOR + "; the transpose swaps the two output axes", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: _f(i)(X).T, i["X"], method=m),
        lambda i: _df(i).transpose(1, 0, 2, 3)),
]


#: The slides' "useful identities for computing gradients" (and ∂xᵀa/∂x = aᵀ), by name.
IDENTITIES: dict[str, Identity] = {entry.name: entry for entry in _ENTRIES}


@dataclass(frozen=True)
class IdentityCheck:
    """The result of :func:`verify_identity`.

    Attributes
    ----------
    name : str
        The identity.
    left : numpy.ndarray
        The left side, computed numerically.
    right : numpy.ndarray
        The right side, from the closed form.
    error : float
        max |left − right| / max(max |right|, max |left|) (0 if both are 0).
    tolerance : float
        The relative tolerance used: the method's base tolerance times κ (complex step) or
        κ² (finite differences), κ ≥ 1 the largest condition number of the matrices that
        are inverted (see :data:`BASE_TOLERANCE`).
    condition : float
        That κ.
    holds : bool
        ``error <= tolerance``.
    """

    name: str
    left: np.ndarray
    right: np.ndarray
    error: float
    tolerance: float
    condition: float
    holds: bool


def _dims(entry: Identity, size: Any) -> dict[str, int]:
    if isinstance(size, Mapping):
        dims = {}
        for name in entry.sizes:
            if name not in size:
                raise ValueError(f"size must give the dimensions {', '.join(entry.sizes)} of "
                                 f"{entry.name!r}, missing {name!r}")
            dims[name] = _check_size(size[name], f"size[{name!r}]")
        return dims
    n = _check_size(size, "size")
    return {name: n for name in entry.sizes}


def _check_size(value: Any, name: str) -> int:
    from .._validation import check_integer

    return check_integer(value, name, minimum=1, maximum=50)


def _entry(name: Any, table: Mapping[str, Any] = IDENTITIES) -> Any:
    """``table[name]``, or a ``ValueError`` that lists the names ``table`` knows."""
    if not isinstance(name, str) or name not in table:
        raise ValueError(f"name must be one of {', '.join(repr(k) for k in table)}, "
                         f"got {shown(name)}")
    return table[name]


def _relative_error(left: np.ndarray, right: np.ndarray) -> float:
    if left.shape != right.shape:
        return math.inf
    scale = max(float(np.max(np.abs(right), initial=0.0)),
                float(np.max(np.abs(left), initial=0.0)))
    difference = float(np.max(np.abs(left - right), initial=0.0))
    return 0.0 if difference == 0.0 else difference / scale


def _prepare(entry: Identity, size: Any, rng: Any,
             inputs: Mapping[str, Any] | None) -> dict[str, np.ndarray]:
    if rng is None:
        rng = np.random.default_rng(0)
    elif isinstance(rng, numbers.Integral) and not isinstance(rng, (bool, np.bool_)):
        rng = np.random.default_rng(check_integer(rng, "rng", minimum=0))
    elif not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, an integer seed or None, got "
                        f"{type(rng).__name__} {shown(rng)}")
    generated = entry.make_inputs(rng, _dims(entry, size))
    if inputs is not None:
        if not isinstance(inputs, Mapping):
            raise TypeError(f"inputs must be a dict of arrays, got {type(inputs).__name__}")
        for key, value in inputs.items():
            if key not in generated:
                raise ValueError(f"inputs may only set {', '.join(generated)}, got {key!r}")
            array = check_array(value, f"inputs[{key!r}]")
            if array.shape != generated[key].shape:
                raise ValueError(f"inputs[{key!r}] must have shape "
                                 f"{shape_text(generated[key].shape)} for this size, got "
                                 f"shape {shape_text(array.shape)}")
            generated[key] = array
    return generated


def verify_identity(name: str, size: int | Mapping[str, int] = 3,
                    rng: np.random.Generator | int | None = None, *,
                    inputs: Mapping[str, Any] | None = None,
                    method: str = "auto") -> IdentityCheck:
    """Check an identity of :data:`IDENTITIES` on random inputs: numerical left vs closed form.

    Parameters
    ----------
    name : str
        A key of :data:`IDENTITIES`.
    size : int or dict of str to int
        One size for every dimension of the identity, or one per dimension name (see
        ``IDENTITIES[name].sizes``), each from 1 to 50.
    rng : numpy.random.Generator, int or None
        The random generator (or a seed; None means seed 0).
    inputs : dict, optional
        Inputs to use instead of random ones (e.g. a non-symmetric W), by name.
    method : str
        The method of :func:`numerical_jacobian` for the left side.

    Returns
    -------
    IdentityCheck

    Examples
    --------
    >>> import numpy as np
    >>> check = verify_identity("aT X^-1 b", 4, np.random.default_rng(1))
    >>> check.holds, check.left.shape
    (True, (4, 4))
    >>> W = np.array([[1.0, 2.0], [0.0, 1.0]])                 # not symmetric
    >>> verify_identity("(x-As)T W (x-As)", 2, 0, inputs={"W": W}).holds
    False
    >>> verify_identity("(x-As)T W (x-As), any W", 2, 0, inputs={"W": W}).holds
    True
    """
    entry = _entry(name)
    method = check_choice(method, "method", JACOBIAN_METHODS)
    values = _prepare(entry, size, rng, inputs)
    matrices = entry.conditioned(values)
    for matrix in matrices:
        if np.linalg.matrix_rank(matrix) < matrix.shape[0]:
            raise ValueError(f"{entry.name!r} needs invertible matrices ({entry.requires}); "
                             "the inputs give a singular one")
    condition = max([1.0, *(_cond(m) for m in matrices)])
    with np.errstate(all="ignore"):
        left = np.asarray(entry.left(values, method), dtype=float)
        right = np.asarray(entry.right(values), dtype=float)
    base, power = BASE_TOLERANCE["complex-step" if method == "auto" else method]
    tolerance = base * condition ** power
    error = _relative_error(left, right)
    return IdentityCheck(entry.name, left, right, error, tolerance, condition,
                         bool(error <= tolerance))


@dataclass(frozen=True)
class LayoutComparison:
    """The result of :func:`compare_layouts`.

    Attributes
    ----------
    name : str
        The identity.
    numerical : numpy.ndarray
        The derivative computed numerically (the slides' layout).
    formulas : dict of str to numpy.ndarray
        Each candidate formula (first the right one) evaluated on the same inputs.
    errors : dict of str to float
        The relative error of each formula against ``numerical`` (inf for a wrong shape).
    correct : str
        The formula that holds.
    """

    name: str
    numerical: np.ndarray
    formulas: dict[str, np.ndarray]
    errors: dict[str, float]
    correct: str


_LAYOUT_CANDIDATES: dict[str, tuple[str, dict[str, Callable[[dict[str, np.ndarray]],
                                                              np.ndarray]]]] = {
    "xT B x": ("xT B x", {
        "x^T (B + B^T)": lambda i: _row(i["x"] @ (i["B"] + i["B"].T)),
        "2 x^T B (only for symmetric B)": lambda i: _row(2.0 * i["x"] @ i["B"]),
        "2 B x (column-layout shortcut, read as a row)": lambda i: _row(2.0 * i["B"] @ i["x"]),
        "(B + B^T) x (column-layout formula, read as a row)":
            lambda i: _row((i["B"] + i["B"].T) @ i["x"]),
    }),
    "(x-As)T W (x-As)": ("(x-As)T W (x-As), any W", {
        "-(x - As)^T (W + W^T) A": lambda i: _row(-(i["x"] - i["A"] @ i["s"])
                                                  @ (i["W"] + i["W"].T) @ i["A"]),
        "-2 (x - As)^T W A (only for symmetric W)":
            lambda i: _row(-2.0 * (i["x"] - i["A"] @ i["s"]) @ i["W"] @ i["A"]),
    }),
    "aT X b": ("aT X b", {
        "a b^T (G_ij = ∂/∂X_ij)": lambda i: np.outer(i["a"], i["b"]),
        "b a^T (G_ij = ∂/∂X_ji, the other layout)": lambda i: np.outer(i["b"], i["a"]),
    }),
    "aT X^-1 b": ("aT X^-1 b", {
        "-X^-T a b^T X^-T (G_ij = ∂/∂X_ij)":
            lambda i: -np.linalg.inv(i["X"]).T @ np.outer(i["a"], i["b"])
            @ np.linalg.inv(i["X"]).T,
        "-X^-1 b a^T X^-1 (G_ij = ∂/∂X_ji, the other layout)":
            lambda i: -np.linalg.inv(i["X"]) @ np.outer(i["b"], i["a"]) @ np.linalg.inv(i["X"]),
    }),
}


def compare_layouts(name: str, size: int | Mapping[str, int] = 3,
                    rng: np.random.Generator | int | None = None, *,
                    inputs: Mapping[str, Any] | None = None) -> LayoutComparison:
    """What goes wrong with the formula of another layout, or of the symmetric case.

    For ``"xT B x"`` the inputs have a non-symmetric B, and the candidates are xᵀ(B + Bᵀ)
    (right for any B), 2xᵀB (right only for symmetric B), 2Bx (the column-layout shortcut,
    also right only for symmetric B) and (B + Bᵀ)x (the column-layout formula: read as a row,
    right for any B);
    for ``"(x-As)T W (x-As)"`` a non-symmetric W with −(x − As)ᵀ(W + Wᵀ)A against
    −2(x − As)ᵀWA; for ``"aT X b"`` and ``"aT X^-1 b"`` the formula of G_ij = ∂/∂X_ij against
    its transpose (the layout G_ij = ∂/∂X_ji). Each is compared with the numerical derivative.

    Parameters
    ----------
    name : {"xT B x", "(x-As)T W (x-As)", "aT X b", "aT X^-1 b"}
        The identity.
    size, rng, inputs
        As in :func:`verify_identity` (use a size ≥ 2: for n = 1 every matrix is symmetric).

    Returns
    -------
    LayoutComparison

    Examples
    --------
    >>> c = compare_layouts("xT B x", 3, 0)
    >>> {k: bool(v < 1e-8) for k, v in c.errors.items()}
    {'x^T (B + B^T)': True, '2 x^T B (only for symmetric B)': False, '2 B x (column-layout shortcut, read as a row)': False, '(B + B^T) x (column-layout formula, read as a row)': True}
    """
    key, candidates = _entry(name, _LAYOUT_CANDIDATES)
    entry = IDENTITIES[key]
    values = _prepare(entry, size, rng, inputs)
    with np.errstate(all="ignore"):
        numerical = np.asarray(entry.left(values, "auto"), dtype=float)
        formulas = {label: np.asarray(make(values), dtype=float)
                    for label, make in candidates.items()}
    errors = {label: _relative_error(numerical, value) for label, value in formulas.items()}
    return LayoutComparison(name, numerical, formulas, errors, next(iter(candidates)))
