"""Tests of lecture_utils.maths.jacobians: Jacobians of any shape, Approach 2, identities."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.maths.identities import (
    BASE_TOLERANCE,
    IDENTITIES,
    IdentityCheck,
    compare_layouts,
    verify_identity,
)
from lecture_utils.maths.jacobians import (
    flatten_jacobian,
    gradient,
    hessian,
    jacobian,
    numerical_jacobian,
    unflatten_jacobian,
)
from lecture_utils.maths.finite_differences import default_step
from lecture_utils.maths.parser import to_numpy_function

EPS = float(np.finfo(float).eps)


# ============================================= numerical_jacobian vs symbolic Jacobian ====

@st.composite
def polynomial_maps(draw):
    """(n, m, components, point): each component a list of monomials (coefficient in
    -3..3, exponents of x_1..x_n with total degree ≤ 3)."""
    n = draw(st.integers(1, 4))
    m = draw(st.integers(1, 4))
    components = []
    for _ in range(m):
        monomials = []
        for _ in range(draw(st.integers(1, 4))):
            exponents = [0] * n
            for k in draw(st.lists(st.integers(0, n - 1), max_size=3)):   # degree ≤ 3
                exponents[k] += 1
            monomials.append((draw(st.integers(-3, 3)), tuple(exponents)))
        components.append(monomials)
    point = np.array(draw(st.lists(st.floats(-2, 2, allow_nan=False), min_size=n,
                                   max_size=n)))
    return n, m, components, point


def _numpy_map(components):
    def f(x):
        return np.array([sum(c * np.prod([x[k] ** p for k, p in enumerate(e)]) + 0 * x[0]
                             for c, e in comp) for comp in components])
    return f


def _sympy_map(components, symbols):
    return [sympy.Add(*(c * sympy.Mul(*(s**p for s, p in zip(symbols, e))) for c, e in comp))
            for comp in components]


@settings(max_examples=40, deadline=None)
@given(polynomial_maps(), st.sampled_from(["auto", "central", "complex-step"]))
def test_numerical_jacobian_matches_the_symbolic_jacobian(data, method):
    n, m, components, point = data
    names = [f"x{k + 1}" for k in range(n)]
    symbols = sympy.symbols(names)
    J = jacobian(_sympy_map(components, symbols), names)
    assert J.shape == (m, n)
    exact = np.array([[to_numpy_function(J[i, j], names)(*point) for j in range(n)]
                      for i in range(m)], dtype=float)
    approx = numerical_jacobian(_numpy_map(components), point, method=method)
    assert approx.shape == (m, n)
    # scale: a bound of |f| and of its derivatives up to order 3 near the point
    radius = max(1.0, float(np.max(np.abs(point))))
    scale = sum(abs(c) for comp in components for c, _ in comp) * 6 * (2 * radius) ** 3 + 1
    if method == "central":
        h = float(np.max(default_step("central", point)))
        tolerance = 4 * (h**2 + EPS / h) * scale
    else:                                    # the complex step: rounding only
        tolerance = 100 * EPS * scale
    assert np.max(np.abs(approx - exact)) <= tolerance


def test_the_complex_step_is_far_more_accurate_than_central_differences():
    f = lambda x: np.array([np.exp(x[0]) * np.sin(x[1]), x[0] ** 3 * x[1]])  # noqa: E731
    x = np.array([0.7, -1.3])
    exact = np.array([[np.exp(0.7) * np.sin(-1.3), np.exp(0.7) * np.cos(-1.3)],
                      [3 * 0.7**2 * -1.3, 0.7**3]])
    complex_error = np.max(np.abs(numerical_jacobian(f, x, method="complex-step") - exact))
    central_error = np.max(np.abs(numerical_jacobian(f, x, method="central") - exact))
    forward_error = np.max(np.abs(numerical_jacobian(f, x, method="forward") - exact))
    assert complex_error < 1e-14 < 1e-12 < central_error < 1e-8 < forward_error < 1e-6
    assert np.array_equal(numerical_jacobian(f, x), numerical_jacobian(f, x,
                                                                       method="complex-step"))


def test_auto_falls_back_to_central_differences_for_non_analytic_functions():
    x = np.array([1.5, -2.0])
    for f in (np.abs, lambda v: np.abs(v) ** 2, lambda v: np.real(v) * 2.0,
              lambda v: np.array([float(v[0]) * 3.0, float(v[1])])):
        J = numerical_jacobian(f, x)
        expected = numerical_jacobian(f, x, method="central")
        assert np.array_equal(J, expected)
    assert np.allclose(numerical_jacobian(np.abs, x), np.diag([1.0, -1.0]), atol=1e-9)
    with pytest.raises(ValueError, match="not complex-step compatible"):
        numerical_jacobian(np.abs, x, method="complex-step")


def test_explicit_step():
    f = lambda x: x**2  # noqa: E731
    assert numerical_jacobian(f, np.array([1.0]), method="forward", h=0.5)[0, 0] == 2.5
    assert numerical_jacobian(f, np.array([1.0]), method="central", h=0.5)[0, 0] == 2.0
    assert numerical_jacobian(f, 3.0, method="central").shape == ()


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_vector_by_matrix_has_the_slides_structure(M, N, seed):
    """f(A) = A x: df/dA ∈ R^{M×(M×N)}, ∂f_i/∂A_iq = x_q, zero rows ∂f_i/∂A_k≠i."""
    rng = np.random.default_rng(seed)
    A, x = rng.standard_normal((M, N)), rng.standard_normal(N)
    J = numerical_jacobian(lambda B: B @ x, A)
    assert J.shape == (M, M, N)
    for i in range(M):
        for k in range(M):
            expected = x if k == i else np.zeros(N)
            assert np.allclose(J[i, k], expected, rtol=0, atol=1e-13)
    # ∂f_i/∂A as a 1×(MN) row: [0ᵀ ... xᵀ ... 0ᵀ] (the slides' stacking, C order)
    flat = flatten_jacobian(J, (M,), (M, N))
    for i in range(M):
        row = np.zeros(M * N)
        row[i * N:(i + 1) * N] = x
        assert np.allclose(flat[i], row, rtol=0, atol=1e-13)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_matrix_by_matrix_matches_the_slides_case_table(M, N, seed):
    """K = RᵀR: dK/dR has shape (N, N) + (M, N) and the slides' four cases."""
    R = np.random.default_rng(seed).standard_normal((M, N))
    J = numerical_jacobian(lambda S: S.T @ S, R)
    assert J.shape == (N, N, M, N)
    expected = np.zeros((N, N, M, N))
    for p in range(N):
        for q in range(N):
            for i in range(M):
                for j in range(N):
                    if j == p and p != q:
                        expected[p, q, i, j] = R[i, q]
                    elif j == q and p != q:
                        expected[p, q, i, j] = R[i, p]
                    elif j == p and p == q:
                        expected[p, q, i, j] = 2 * R[i, q]
    assert np.allclose(J, expected, rtol=0, atol=1e-12)
    central = numerical_jacobian(lambda S: S.T @ S, R, method="central")
    assert np.allclose(central, expected, rtol=0, atol=1e-8)


def test_approach_1_and_approach_2_agree():
    """A(x) ∈ R^{4×2}, x ∈ R^3: the 4×2×3 tensor and the flattened 8×3 gradient."""
    def A(x):
        return np.array([[x[0] * x[1], x[2] ** 2], [np.sin(x[0]), x[1]],
                         [x[0] + x[2], x[0] * x[1] * x[2]], [np.exp(x[2]), 1.0 + 0 * x[0]]])

    x = np.array([0.3, -1.2, 0.8])
    tensor = numerical_jacobian(A, x)                               # Approach 1
    matrix = numerical_jacobian(lambda v: A(v).ravel(), x)          # Approach 2
    assert tensor.shape == (4, 2, 3) and matrix.shape == (8, 3)
    assert np.array_equal(flatten_jacobian(tensor, (4, 2), (3,)), matrix)
    assert np.array_equal(unflatten_jacobian(matrix, (4, 2), (3,)), tensor)
    assert np.allclose(tensor[1, 0], [np.cos(0.3), 0, 0])           # row 2·1 + 0 = 2
    assert np.allclose(matrix[2], [np.cos(0.3), 0, 0])


def test_scalar_of_a_matrix_has_the_shape_of_the_matrix():
    X = np.arange(6.0).reshape(2, 3)
    G = numerical_jacobian(lambda Y: np.sum(Y**2), X)
    assert G.shape == (2, 3) and np.allclose(G, 2 * X)


# ================================================================ flatten / unflatten ====

_shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)


@settings(max_examples=30, deadline=None)
@given(_shapes, _shapes, st.integers(0, 2**32 - 1))
def test_flatten_unflatten_round_trip(out_shape, in_shape, seed):
    J = np.random.default_rng(seed).standard_normal(out_shape + in_shape)
    M = flatten_jacobian(J, out_shape, in_shape)
    assert M.shape == (math.prod(out_shape), math.prod(in_shape))
    assert np.array_equal(unflatten_jacobian(M, out_shape, in_shape), J)
    assert np.array_equal(flatten_jacobian(unflatten_jacobian(M, out_shape, in_shape),
                                           out_shape, in_shape), M)
    # row-major: entry [i..., j...] sits at row ravel(i), column ravel(j)
    if J.size:
        index = tuple(s - 1 for s in out_shape + in_shape)
        row = np.ravel_multi_index(index[:len(out_shape)], out_shape) if out_shape else 0
        col = np.ravel_multi_index(index[len(out_shape):], in_shape) if in_shape else 0
        assert M[row, col] == J[index]


def test_flatten_and_unflatten_name_both_shapes():
    with pytest.raises(ValueError, match=r"J must have shape .*\(4, 2, 3\).*output_shape "
                                         r"\(4, 2\), input_shape \(3,\).*got shape \(8, 3\)"):
        flatten_jacobian(np.zeros((8, 3)), (4, 2), (3,))
    with pytest.raises(ValueError, match=r"M must have shape .*\(8, 3\).*output_shape \(4, 2\)"
                                         r", input_shape \(3,\).*got shape \(4, 2, 3\)"):
        unflatten_jacobian(np.zeros((4, 2, 3)), (4, 2), (3,))
    with pytest.raises(TypeError, match="output_shape"):
        flatten_jacobian(np.zeros(3), "3", (3,))
    with pytest.raises(TypeError, match="input_shape"):
        unflatten_jacobian(np.zeros((1, 3)), (1,), (3.0,))
    assert flatten_jacobian(np.zeros((2, 3)), 2, 3).shape == (2, 3)


# ==================================================================== named errors ====

def test_numerical_jacobian_names_bad_arguments():
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        numerical_jacobian(np.sum, [1.0, np.nan])
    with pytest.raises(TypeError, match="X must be"):
        numerical_jacobian(np.sum, "1, 2")
    with pytest.raises(TypeError, match="f must be a function"):
        numerical_jacobian(3, [1.0])
    with pytest.raises(ValueError, match="method must be one of"):
        numerical_jacobian(np.sum, [1.0], method="backward")
    with pytest.raises(ValueError, match="h must be a positive"):
        numerical_jacobian(np.sum, [1.0], h=0.0)
    with pytest.raises(ValueError, match=r"f must be finite.*X has shape \(2,\).*f\(X\) has "
                                         r"shape \(2,\)"):
        numerical_jacobian(lambda x: np.log(x), np.array([1.0, -1.0]))
    with pytest.raises(ValueError, match=r"f\(X\) has shape \(1,\).*has shape \(2,\).*X has "
                                         r"shape \(2,\)"):
        numerical_jacobian(lambda x: x[x > 1.0], np.array([1.0, 2.0]), method="central")
    with pytest.raises(ValueError, match="f could not be evaluated at X"):
        numerical_jacobian(lambda x: 1 / 0, np.array([1.0]))
    with pytest.raises(TypeError, match="f must return numbers"):
        numerical_jacobian(lambda x: "a", np.array([1.0]))


def test_numerical_jacobian_does_not_warn_near_a_pole():
    with pytest.raises(ValueError, match="f must be finite"):
        numerical_jacobian(lambda x: 1.0 / x, np.array([0.0]), method="central")


# ======================================================================== symbolic ====

def test_gradient_is_a_row_and_jacobian_and_hessian_have_the_slides_shapes():
    g = gradient("x1^2*x2 + sin(x3)", ["x1", "x2", "x3"])
    x1, x2, x3 = sympy.symbols("x1 x2 x3")
    assert g.shape == (1, 3)
    assert g == sympy.Matrix([[2 * x1 * x2, x1**2, sympy.cos(x3)]])
    J = jacobian(["x1*x2", "x1 + x3", "x2^2", "x3"], ["x1", "x2", "x3"])
    assert J.shape == (4, 3) and J[0, :] == sympy.Matrix([[x2, x1, 0]])
    H = hessian("x1^2*x2 + x2^3", ["x1", "x2"])
    assert H == sympy.Matrix([[2 * x2, 2 * x1], [2 * x1, 6 * x2]]) and H == H.T
    assert jacobian("x1*x2", ["x1", "x2"]) == gradient("x1*x2", ["x1", "x2"])
    assert jacobian(sympy.Matrix(["x1", "x2^2"]), ["x1", "x2"]).shape == (2, 2)


def test_symbolic_accepts_symbols_with_assumptions_and_parameters():
    x = sympy.Symbol("x", real=True)
    a = sympy.Symbol("a")
    assert gradient(a * x**2, ["x"]) == sympy.Matrix([[2 * a * x]])         # its own x
    plain = sympy.Symbol("x")
    assert gradient(a * x**2, [plain]) == sympy.Matrix([[2 * a * plain]])  # the given x
    assert gradient("x^2", [x]) == sympy.Matrix([[2 * x]])
    assert gradient(x**3, ["x"])[0, 0] == 3 * x**2


def test_symbolic_names_bad_arguments():
    with pytest.raises(TypeError, match="variables"):
        gradient("x^2", "x")
    with pytest.raises(ValueError, match="repeat"):
        gradient("x^2", ["x", "x"])
    with pytest.raises(ValueError, match="unknown name 'y'"):
        gradient("x*y", ["x"])
    with pytest.raises(TypeError, match="expr must be"):
        gradient([1, 2], ["x"])
    with pytest.raises(ValueError, match="at least one"):
        jacobian([], ["x"])


# ====================================================================== identities ====

def test_the_catalogue_has_every_identity_of_the_slides():
    assert set(IDENTITIES) == {"aT x", "xT a", "aT X b", "xT B x", "(x-As)T W (x-As)",
                               "(x-As)T W (x-As), any W", "aT X^-1 b", "tr f(X)", "det f(X)",
                               "f(X)^-1", "f(X)T"}
    for name, entry in IDENTITIES.items():
        assert entry.name == name and entry.latex.count("frac") >= 1
        assert entry.layout and entry.shapes and entry.sizes
    assert "symmetric" in IDENTITIES["(x-As)T W (x-As)"].requires
    assert "ij" in IDENTITIES["aT X b"].layout


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(IDENTITIES)), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_every_identity_holds_on_random_inputs(name, size, seed):
    check = verify_identity(name, size, np.random.default_rng(seed))
    assert isinstance(check, IdentityCheck) and check.name == name
    assert check.left.shape == check.right.shape
    assert check.condition >= 1.0
    assert check.tolerance == BASE_TOLERANCE["complex-step"][0] * check.condition
    assert check.error <= check.tolerance and check.holds


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["aT X b", "(x-As)T W (x-As)", "(x-As)T W (x-As), any W"]),
       st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_identities_with_rectangular_sizes(name, first, second, seed):
    dims = dict(zip(IDENTITIES[name].sizes, (first, second)))
    check = verify_identity(name, dims, seed)
    assert check.holds
    assert check.left.shape == ((first, second) if name == "aT X b" else (1, second))


@pytest.mark.parametrize("name", ["aT X^-1 b", "det f(X)", "f(X)^-1", "xT B x"])
def test_identities_hold_with_central_differences_too(name):
    check = verify_identity(name, 4, 7, method="central")
    base, power = BASE_TOLERANCE["central"]
    assert check.holds and check.tolerance == base * check.condition ** power


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_weighted_least_squares_needs_a_symmetric_w(m, k, seed):
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((m, m))
    W[0, 1] += 1.0 + abs(W[1, 0] - W[0, 1])        # certainly not symmetric
    dims = {"m": m, "k": k}
    symmetric_formula = verify_identity("(x-As)T W (x-As)", dims, rng, inputs={"W": W})
    general_formula = verify_identity("(x-As)T W (x-As), any W", dims, rng, inputs={"W": W})
    assert general_formula.holds
    if symmetric_formula.error > 1e-6:   # unless (x − As)ᵀ(W − Wᵀ)A happens to vanish
        assert not symmetric_formula.holds
    # with a symmetric W both agree
    S = (W + W.T) / 2
    assert verify_identity("(x-As)T W (x-As)", dims, seed, inputs={"W": S}).holds
    assert verify_identity("(x-As)T W (x-As), any W", dims, seed, inputs={"W": S}).holds


def test_weighted_least_squares_fails_with_2w_for_a_fixed_non_symmetric_w():
    W = np.array([[2.0, 1.0], [-1.0, 3.0]])
    inputs = {"W": W, "x": np.array([1.0, 2.0]), "A": np.array([[1.0, 0.0], [0.0, 1.0]]),
              "s": np.array([0.0, 0.0])}
    wrong = verify_identity("(x-As)T W (x-As)", 2, 0, inputs=inputs)
    right = verify_identity("(x-As)T W (x-As), any W", 2, 0, inputs=inputs)
    assert not wrong.holds and wrong.error > 0.1
    assert right.holds
    assert np.allclose(right.left, [[-4.0, -12.0]])          # −xᵀ(W + Wᵀ) = −[4, 12]
    comparison = compare_layouts("(x-As)T W (x-As)", 2, 0, inputs=inputs)
    assert comparison.correct == "-(x - As)^T (W + W^T) A"
    assert comparison.errors[comparison.correct] < 1e-12
    assert comparison.errors["-2 (x - As)^T W A (only for symmetric W)"] > 0.1


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_quadratic_form_needs_b_plus_b_transpose(n, seed):
    comparison = compare_layouts("xT B x", n, seed)
    right, symmetric_only = "x^T (B + B^T)", "2 x^T B (only for symmetric B)"
    assert comparison.correct == right
    assert comparison.errors[right] < 1e-12
    assert comparison.numerical.shape == (1, n)
    assert not np.allclose(comparison.formulas[right], comparison.formulas[symmetric_only])
    assert comparison.errors[symmetric_only] > 1e-6
    # the column-layout formula read as a row is right; its symmetric shortcut 2Bx is not
    column_formula = "(B + B^T) x (column-layout formula, read as a row)"
    column_shortcut = "2 B x (column-layout shortcut, read as a row)"
    assert comparison.errors[column_formula] < 1e-12
    assert comparison.errors[column_shortcut] > 1e-6


def test_layout_of_matrix_gradients():
    for name in ("aT X b", "aT X^-1 b"):
        comparison = compare_layouts(name, 3, 1)
        labels = list(comparison.formulas)
        assert comparison.errors[labels[0]] < 1e-12
        assert comparison.errors[labels[1]] > 1e-3        # the transpose: the other layout
    B = np.array([[1.0, 2.0], [2.0, 5.0]])                   # symmetric: 2xᵀB is right too
    comparison = compare_layouts("xT B x", 2, 0, inputs={"B": B})
    assert all(error < 1e-12 for error in comparison.errors.values())   # every shortcut holds


def test_identity_arguments_are_checked():
    with pytest.raises(ValueError, match="name must be one of"):
        verify_identity("xT x", 3)
    with pytest.raises(ValueError, match="size must be an integer from 1"):
        verify_identity("aT x", 0)
    with pytest.raises(ValueError, match="missing 'k'"):
        verify_identity("(x-As)T W (x-As)", {"m": 2})
    with pytest.raises(ValueError, match=r"inputs\['W'\] must have shape \(2, 2\)"):
        verify_identity("(x-As)T W (x-As)", 2, inputs={"W": np.eye(3)})
    with pytest.raises(ValueError, match="inputs may only set"):
        verify_identity("aT x", 2, inputs={"W": np.eye(2)})
    with pytest.raises(ValueError, match="singular"):
        verify_identity("aT X^-1 b", 2, inputs={"X": np.ones((2, 2))})
    with pytest.raises(TypeError, match="rng must be"):
        verify_identity("aT x", 2, rng="seed")
    with pytest.raises(ValueError, match="name must be one of"):
        compare_layouts("tr f(X)")
    # the same seed gives the same inputs
    assert np.array_equal(verify_identity("aT X b", 3, 5).left, verify_identity("aT X b", 3,
                                                                                 5).left)


def test_auto_does_not_trust_a_complex_step_of_a_non_analytic_function():
    x = np.array([1.0, -2.0, 0.5])
    for f in (lambda v: np.vdot(v, v), lambda v: v.conj() @ v):
        # the complex step silently gives 0 here: vdot conjugates its first argument
        assert np.allclose(numerical_jacobian(f, x, method="complex-step"), 0.0)
        assert np.allclose(numerical_jacobian(f, x), 2 * x, atol=1e-9)
