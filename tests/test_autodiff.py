"""Automatic differentiation from scratch (lecture_utils.maths.autodiff): reverse mode (Value)
and forward mode (Dual) agree with SymPy on random expression trees and with each other, and
count the work the slides' cost argument is about."""

from __future__ import annotations

import math

import numpy as np
import pytest
from autodiff_examples import mml_graph
import sympy as sp
from hypothesis import assume, given, settings, strategies as st

from lecture_utils.maths import autodiff as ad
from lecture_utils.maths.autodiff import (
    Dual, Value, forward_mode_gradient, reverse_mode_gradient, topological_order,
)

SYMBOLS = sp.symbols("x y z", real=True)
NAMES = ("x", "y", "z")

# --- random expression trees over the supported operations --------------------------------
LEAVES = st.one_of(st.sampled_from(NAMES),
                   st.sampled_from([-2.0, -0.5, 1.0, 1.5, 3.0]).map(lambda c: ("const", c)))


def _extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.tuples(st.sampled_from(["exp", "log", "sin", "cos", "tanh", "sqrt", "neg"]), children),
        st.tuples(st.just("pow"), children, st.integers(-3, 4)),
    )


TREES = st.recursive(LEAVES, _extend, max_leaves=10)
POINTS = st.tuples(*[st.floats(-2.0, 2.0, allow_nan=False).filter(lambda v: abs(v) > 0.05)] * 3)

SYMPY = {"exp": sp.exp, "log": sp.log, "sin": sp.sin, "cos": sp.cos, "tanh": sp.tanh,
         "sqrt": sp.sqrt}
MODULE = {name: getattr(ad, name) for name in SYMPY}


def build(tree, env, functions, constant=lambda c: c):
    """The tree evaluated with the variables ``env`` and the unary ``functions``."""
    if isinstance(tree, str):
        return env[tree]
    op = tree[0]
    if op == "const":
        return constant(tree[1])
    if op in ("+", "-", "*", "/"):
        a, b = build(tree[1], env, functions, constant), build(tree[2], env, functions, constant)
        return {"+": a + b, "-": a - b, "*": a * b}[op] if op != "/" else a / b
    if op == "neg":
        return -build(tree[1], env, functions, constant)
    if op == "pow":
        return build(tree[1], env, functions, constant) ** tree[2]
    return functions[op](build(tree[1], env, functions, constant))


def _sympy(tree):
    return build(tree, dict(zip(NAMES, SYMBOLS)), SYMPY, constant=sp.Float)


@settings(max_examples=250, deadline=None)
@given(TREES, POINTS)
def test_reverse_mode_agrees_with_sympy_on_random_expressions(tree, point):
    inputs = [Value(v, label=n) for n, v in zip(NAMES, point)]
    try:
        out = build(tree, dict(zip(NAMES, inputs)), MODULE, constant=Value)
    except ValueError:            # outside a domain (log, sqrt, 1/0, overflow): no derivative
        assume(False)
    assume(isinstance(out, Value) and abs(out.data) < 1e6)
    out.backward()
    expression = _sympy(tree)
    subs = dict(zip(SYMBOLS, point))
    assert math.isclose(out.data, float(expression.evalf(30, subs=subs)), rel_tol=1e-9,
                        abs_tol=1e-9)
    for symbol, variable in zip(SYMBOLS, inputs):
        exact = float(sp.diff(expression, symbol).evalf(30, subs=subs))
        assume(abs(exact) < 1e6)
        assert math.isclose(variable.grad, exact, rel_tol=1e-6, abs_tol=1e-6), (tree, symbol)


@settings(max_examples=120, deadline=None)
@given(TREES, POINTS)
def test_forward_mode_equals_reverse_mode(tree, point):
    f = lambda v: build(tree, dict(zip(NAMES, v)), MODULE, constant=type(v[0]))  # noqa: E731
    try:
        reverse = reverse_mode_gradient(f, point)
        forward = forward_mode_gradient(f, point)
    except ValueError:
        assume(False)
    assume(np.all(np.abs(reverse.gradient) < 1e8))
    assert np.allclose(forward.gradient, reverse.gradient, rtol=1e-9, atol=1e-9)
    assert forward.value == pytest.approx(reverse.value, rel=1e-12, abs=1e-12)
    assert forward.passes == 3 and reverse.passes == 1


def mml_example(module):
    """MML eq. (5.109): f(x) = sqrt(x² + exp(x²)) + cos(x² + exp(x²)), as in eqs. (5.110–5.114)."""
    def f(v):
        a = v[0] ** 2
        b = module.exp(a)
        c = a + b
        return module.sqrt(c) + module.cos(c)
    return f


@pytest.mark.parametrize("x0", [-1.3, 0.2, 0.7, 1.1])
def test_the_books_example_agrees_with_sympy_and_finite_differences(x0):
    x = sp.Symbol("x", real=True)
    f_sym = sp.sqrt(x**2 + sp.exp(x**2)) + sp.cos(x**2 + sp.exp(x**2))
    exact = float(sp.diff(f_sym, x).subs(x, x0))
    f = mml_example(ad)
    reverse = reverse_mode_gradient(f, [x0]).gradient[0]
    forward = forward_mode_gradient(f, [x0]).gradient[0]
    h = 1e-6
    central = (f([x0 + h]) - f([x0 - h])) / (2 * h)
    assert reverse == pytest.approx(exact, rel=1e-12)
    assert forward == pytest.approx(exact, rel=1e-12)
    assert central == pytest.approx(exact, rel=1e-6)


def test_the_books_graph_has_its_six_nodes_and_adjoints():
    nodes = mml_graph(0.7)
    x, a, b, c, d, e, f = (nodes[k] for k in "xabcdef")
    assert [n.label for n in topological_order(f)] in (list("xabcdef"), list("xabced f".replace(" ", "")))
    # the adjoints of MML eq. (5.120ff): ∂f/∂d = ∂f/∂e = 1, ∂f/∂c = 1/(2√c) − sin c, ...
    assert d.grad == e.grad == 1.0
    assert c.grad == pytest.approx(1 / (2 * math.sqrt(c.data)) - math.sin(c.data))
    assert b.grad == pytest.approx(c.grad)
    assert a.grad == pytest.approx(c.grad * (1 + b.data))
    assert x.grad == pytest.approx(a.grad * 2 * x.data)


@pytest.mark.parametrize("n", [2, 50, 120])
def test_cost_forward_mode_needs_n_passes_reverse_mode_one(n):
    f = lambda v: sum((ad.sin(v[i]) * v[i + 1] for i in range(n - 1)), ad.exp(v[0]))  # noqa: E731
    x = np.linspace(-1, 1, n)
    forward, reverse = forward_mode_gradient(f, x), reverse_mode_gradient(f, x)
    m = reverse.operations                        # operations in one evaluation of f
    assert m == 1 + 3 * (n - 1)                   # exp, then sin, ·, + per term
    assert forward.passes == n and forward.operations == n * m
    assert reverse.passes == 1 and reverse.adjoint_updates <= 2 * m
    assert np.allclose(forward.gradient, reverse.gradient, rtol=1e-12)
    # the same rule for both modes: one per operation plus one multiply-add per edge
    assert reverse.adjoint_updates == 1 + 5 * (n - 1) and reverse.tangent_updates == 0
    assert forward.tangent_updates == n * reverse.adjoint_updates and forward.adjoint_updates == 0
    assert forward.cost == n * reverse.cost       # each forward pass costs the whole reverse run


def test_a_dual_counts_one_tangent_update_per_input_of_an_operation():
    x, y = Dual(1.0, 1.0), Dual(2.0)
    Dual.tangent_updates = 0
    _ = x * y + (x / y - 3.0)                     # ·, /, − with a constant, + : 2 edges each
    assert Dual.tangent_updates == 8
    _ = -(x ** 2).sin()                           # ^2, sin, negation: 1 edge each
    assert Dual.tangent_updates == 11


def test_a_shared_node_collects_its_adjoint_from_every_use():
    x = Value(3.0)
    y = x * x + x                                  # dy/dx = 2x + 1
    y.backward()
    assert x.grad == 7.0
    y.backward()                                   # a second backward pass starts again from 0
    assert x.grad == 7.0


def test_a_deep_graph_needs_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0


@pytest.mark.parametrize("name", sorted(ad.RULES))
def test_every_rule_is_the_derivative_sympy_gives(name):
    x = sp.Symbol("x", positive=True)
    function, derivative = ad.RULES[name]
    for a in (0.3, 1.1, 2.7):
        assert function(a) == pytest.approx(float(SYMPY[name](x).subs(x, a)), rel=1e-14)
        assert derivative(a) == pytest.approx(float(sp.diff(SYMPY[name](x), x).subs(x, a)),
                                              rel=1e-14)


def test_dual_numbers_follow_the_rules():
    u = Dual(0.5, 1.0)
    for name, (function, derivative) in ad.RULES.items():
        out = getattr(u, name)()
        assert out.value == function(0.5) and out.dot == derivative(0.5), name
    assert (1 / u).dot == pytest.approx(-4.0) and (u ** -2).dot == pytest.approx(-16.0)
    assert (3 - u).dot == -1.0 and (-u).value == -0.5


@pytest.mark.parametrize("call, name, error", [
    (lambda: Value("x"), "data", TypeError),
    (lambda: Value(float("nan")), "data", ValueError),
    (lambda: Value(1.0, label=3), "label", TypeError),
    (lambda: Value(-1.0).log(), "log", ValueError),
    (lambda: Value(0.0).sqrt(), "sqrt", ValueError),
    (lambda: Value(1.0) / 0, "division", ValueError),
    (lambda: Value(2.0) ** 0.5, "exponent", TypeError),
    (lambda: Value(0.0) ** -1, "not defined", ValueError),
    (lambda: Value(800.0).exp(), "exp", ValueError),
    (lambda: Dual(1.0, "a"), "dot", TypeError),
    (lambda: Value(1.0) + "2", "other", TypeError),
    (lambda: forward_mode_gradient(3, [1.0]), "f", TypeError),
    (lambda: reverse_mode_gradient(lambda v: v[0], [[1.0]]), "x", ValueError),
    (lambda: reverse_mode_gradient(lambda v: [v[0]], [1.0]), "f must return", TypeError),
    (lambda: topological_order(1.0), "output", TypeError),
    (lambda: forward_mode_gradient(lambda: 0, [1.0]), "f must take", TypeError),
    (lambda: reverse_mode_gradient(lambda v: math.sin(v[0]), [1.0]), "f must", TypeError),
    (lambda: forward_mode_gradient(lambda v: v[0], np.ones(3000)), "x must have 1 to 2000", ValueError),
])
def test_bad_input_gets_a_named_error(call, name, error):
    with pytest.raises(error, match=name):
        call()


def test_the_graph_figure_shows_every_node_value_adjoint_and_local_derivative():
    from lecture_utils.figures.backprop import draw_computation_graph

    x = Value(0.7, label="x")
    a = (x ** 2).named("a")
    b = a.exp().named("b")
    c = (a + b).named("c")
    f = (c.sqrt().named("d") + c.cos().named("e")).named("f")
    f.backward()
    drawing = draw_computation_graph(f)
    assert [n.label for n in drawing.nodes] == list("xabcdef") and len(drawing.boxes) == 7
    labels = sorted(float(t.get_text()) for t in drawing.edge_labels)
    locals_ = sorted(float(f"{local:.3g}") for n in drawing.nodes for local in n.local)
    assert len(labels) == 8 and labels == locals_
    texts = [t.get_text() for t in drawing.ax.texts]
    assert any("∂f/∂x = -1.87" in t and "x = 0.7" in t for t in texts)
    square = (x * x).named("s")                     # one arrow for both uses of x
    square.backward()
    assert [t.get_text() for t in draw_computation_graph(square).edge_labels] == ["1.4"]
