"""Tests for lecture_utils.maths.parser: the whitelist parser and its bridge to NumPy."""

from __future__ import annotations

import ast
import builtins
import math
import re
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lecture_utils.maths import parser as symbolic
from lecture_utils.maths.parser import (
    ALLOWED_CONSTANTS,
    ALLOWED_FUNCTIONS,
    FUNCTION_ALIASES,
    SYMPY_OUTPUT_FUNCTIONS,
    TIME_BUDGET,
    as_expression,
    parse_function,
    to_numpy_function,
)

x, y, x1, x2 = sympy.symbols("x y x1 x2")
XY = ("x", "y")
SLOW = settings(deadline=None, max_examples=150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
# refusals that are about cost or values, not about the grammar
VALUE_REFUSALS = ("not a real number", "number out of range", "number too large",
                  "number too complex", "too complicated", "undefined value",
                  "exponent too large", "power too large")


# ----------------------------------------------------------------------------- parsing

@pytest.mark.parametrize("text, variables, expected", [
    ("sin(x) + cos(x)", ("x",), sympy.sin(x) + sympy.cos(x)),
    ("x^2", ("x",), x**2),
    ("x**2", ("x",), x**2),
    ("2x", ("x",), 2 * x),
    ("-x^2", ("x",), -(x**2)),
    ("(-x)^2", ("x",), x**2),
    ("2^3^2", ("x",), sympy.Integer(512)),
    ("2^-1", ("x",), sympy.Rational(1, 2)),
    ("e^x", ("x",), sympy.exp(x)),
    ("E^x", ("x",), sympy.exp(x)),
    ("log(1+x)", ("x",), sympy.log(1 + x)),
    ("ln(x)", ("x",), sympy.log(x)),
    ("1/(1+x^2)", ("x",), 1 / (1 + x**2)),
    ("x1^2 + 2*x2", ("x1", "x2"), x1**2 + 2 * x2),
    ("3(x+1)", ("x",), 3 * x + 3),
    ("2sin(x)", ("x",), 2 * sympy.sin(x)),
    ("(x+1)(x-1)", ("x",), (x + 1) * (x - 1)),
    ("2pi*x", ("x",), 2 * sympy.pi * x),
    ("x*y/2", XY, x * y / 2),
    ("x - y - 1", XY, x - y - 1),
    ("8/2/2", ("x",), sympy.Integer(2)),
    ("sqrt(x) + abs(x) + Abs(x)", ("x",), sympy.sqrt(x) + 2 * sympy.Abs(x)),
    ("atan(x)+arctan(x)+asin(x)+arcsin(x)+acos(x)+arccos(x)", ("x",),
     2 * (sympy.atan(x) + sympy.asin(x) + sympy.acos(x))),
    ("sinh(x)*cosh(x)*tanh(x)*tan(x)*exp(x)", ("x",),
     sympy.sinh(x) * sympy.cosh(x) * sympy.tanh(x) * sympy.tan(x) * sympy.exp(x)),
    ("--x", ("x",), x),
    ("+x", ("x",), x),
    ("2*-3", ("x",), sympy.Integer(-6)),
    ("  x\t+\n1 ", ("x",), x + 1),
    ("sin(pi/2)", ("x",), sympy.Integer(1)),
    ("2e^x", ("x",), 2 * sympy.exp(x)),
    ("2 e", ("x",), 2 * sympy.E),
    ("2exp(x)", ("x",), 2 * sympy.exp(x)),
    ("42", (), sympy.Integer(42)),
])
def test_parse_examples(text, variables, expected):
    assert parse_function(text, variables) == expected


@pytest.mark.parametrize("text, expected", [
    ("0.1", sympy.Rational(1, 10)),
    (".5", sympy.Rational(1, 2)),
    ("5.", sympy.Integer(5)),
    ("1e-3", sympy.Rational(1, 1000)),
    ("2.5E+2", sympy.Integer(250)),
    ("1.25e1", sympy.Rational(25, 2)),
    ("007", sympy.Integer(7)),
    ("0e999", sympy.Integer(0)),
    ("1e300", sympy.Integer(10) ** 300),
])
def test_numbers_are_exact(text, expected):
    result = parse_function(text)
    assert result == expected and result.is_Rational


def test_parse_returns_plain_symbols_that_match_other_modules():
    expr = parse_function("x^3")
    assert expr.free_symbols == {sympy.Symbol("x")}
    assert sympy.diff(expr, sympy.Symbol("x")) == 3 * x**2


def test_str_of_parsed_expression_parses_back():
    for text in ["e^(-x^2/2)/sqrt(2pi)", "abs(x - 1/3)", "2^x * 3^(1/3)", "ln(x)/x"]:
        expr = parse_function(text)
        assert parse_function(str(expr)) == expr


def test_functions_that_sympy_writes_in_results_parse_back():
    for text in ["tan(x + pi/2)", "abs(2^x)", "abs(exp(x))"]:
        expr = parse_function(text)
        assert set(map(type, sympy.preorder_traversal(expr))) & {sympy.cot, sympy.re}
        assert parse_function(str(expr)) == expr
    assert parse_function("im(x) + re(x)") == sympy.im(x) + sympy.re(x)


def test_error_message_format():
    with pytest.raises(ValueError) as info:
        parse_function("x + foo(2)")
    message = str(info.value)
    assert message.startswith("text: unknown name 'foo' at position 4 in 'x + foo(2)'; allowed: "
                              "variables x; functions sin, cos, tan,")
    assert "constants pi, e" in message
    with pytest.raises(ValueError, match=r"^f: unknown name 'foo' at position 4"):
        parse_function("x + foo(2)", name="f")


# ----------------------------------------------------------------------------- hostile input

HOSTILE = [
    # (text, variables, fragment the message must contain)
    ("__import__('os')", ("x",), "character '_' at position 0"),
    ("x.real", ("x",), "'.' at position 1"),
    ("lambda: 1", ("x",), "unknown name 'lambda'"),
    ("'abc'", ("x",), "character \"'\" at position 0"),
    ('"x"', ("x",), "character '\"' at position 0"),
    ("x; import os", ("x",), "character ';' at position 1"),
    ("[1]", ("x",), "character '[' at position 0"),
    ("x if 1 else 2", ("x",), "unknown name 'if' at position 2"),
    ("os.system('ls')", ("x",), "unknown name 'os'"),
    ("().__class__", ("x",), "'.' at position 2"),
    ("exec", ("x",), "unknown name 'exec'"),
    ("eval(x)", ("x",), "unknown name 'eval'"),
    ("x**9**9**9**9", ("x",), "number too large: '9**9**9'"),
    ("9**9**9**9", ("x",), "number too large: '9**9**9'"),
    ("10^10^10", ("x",), "number too large: '10^10^10'"),
    ("2^(3^40)", ("x",), "number too large: '2^(3^40)'"),
    ("2^1000", ("x",), "number too large"),
    ("(2x)^1000", ("x",), "number too large"),
    ("1" * 1000, ("x",), "text too long: 1000 characters"),
    ("1" * 100, ("x",), "number out of range"),
    ("1" * 31, ("x",), "number out of range"),
    ("(" * 60 + "x" + ")" * 60, ("x",), "nesting too deep"),
    ("x+" * 250 + "x", ("x",), "text too long: 501 characters"),
    ("", ("x",), "empty text"),
    ("   ", ("x",), "empty text"),
    ("sin()", ("x",), "sin() without an argument at position 0"),
    ("sin(x, x)", ("x",), "character ',' at position 5"),
    ("sin x", ("x",), "function 'sin' without parentheses"),
    ("sin^2(x)", ("x",), "function 'sin' without parentheses"),
    ("(x+1", ("x",), "missing ')' for the '(' at position 0"),
    ("x+1)", ("x",), "unexpected ')' at position 3"),
    ("foo(x)", ("x",), "unknown name 'foo' at position 0"),
    ("x y", ("x",), "unknown name 'y' at position 2"),
    ("xy", XY, "unknown name 'xy' at position 0"),
    ("x y", XY, "missing operator between 'x' and 'y' at position 2"),
    ("x(x+1)", ("x",), "missing operator between 'x' and '('"),
    ("2 3", ("x",), "missing operator between '2' and '3'"),
    ("2^3x", ("x",), "ambiguous implicit multiplication before 'x'"),
    ("1/2x", ("x",), "ambiguous implicit multiplication before 'x'"),
    ("2..3", ("x",), "'.' at position 2"),
    ("1.2.3", ("x",), "'.' at position 3"),
    ("1e", ("x",), "incomplete exponent in the number '1e'"),
    ("1e+", ("x",), "incomplete exponent in the number '1e'"),
    ("1e999", ("x",), "number out of range: '1e999'"),
    ("1e-999", ("x",), "number out of range: '1e-999'"),
    ("x^", ("x",), "unexpected end of text at position 2"),
    ("*x", ("x",), "unexpected '*' at position 0"),
    ("()", ("x",), "empty parentheses '()' at position 0"),
    ("(x+1)^100000", ("x",), "exponent too large"),
    ("1/0", ("x",), "undefined value"),
    ("log(0)", ("x",), "undefined value"),
    ("sqrt(-1)", ("x",), "not a real number: 'sqrt(-1)'"),
    ("asin(9)", ("x",), "not a real number: 'asin(9)'"),
    ("exp(1000)", ("x",), "number out of range: 'exp(1000)'"),
    ("x = 1", ("x",), "character '=' at position 2"),
    ("|x|", ("x",), "character '|' at position 0"),
    ("x\\y", ("x",), "at position 1"),
    ("x\u00a0", ("x",), "at position 1"),
    ("\u0663", ("x",), "at position 0"),  # an Arabic-Indic digit
    ("x@y", XY, "character '@' at position 1"),
    ("x!", ("x",), "character '!' at position 1"),
    ("x&y|1#$", XY, "character '&' at position 1"),
    ("999^(1/7)*999^(1/11)*999^(1/13)", ("x",), "number too complex"),
    ("999^-1e-7", ("x",), "number too complex"),
    ("3^(-(2^(x+1e300)))", ("x",), "number too large: '2^(x+1e300)'"),
    ("tan(sqrt(3)^0.5/exp(-123456790))", ("x",), "number out of range: 'exp(-123456790)'"),
    ("e^(1e7*log(3))", ("x",), "number too large"),
    ("(x^2+x+1)^1000", ("x",), "power too large to expand"),
    ("(x+1)^1000", ("x",), "power too large to expand"),
    ("x^1000*x^1000", ("x",), "exponent too large: 'x^1000*x^1000' at position 0"),
    ("(x+1)^(x+123456789)", ("x",), "exponent too large"),
    ("log(tanh(acos(sqrt((13-2x-sin(e))^999))))", ("x",), "power too large to expand"),
    ("abs(sinh(atan((1e3-cos(123456789))^((123456789-x)*(log(1e3)-1)))))", ("x",),
     "exponent too large"),
    ("acos(cosh(sinh(-(-(x^10)^0.5)^999)))", ("x",), "power too large to expand"),
    ("log(tanh(x^1000))", ("x",), "too complicated"),
]


@pytest.mark.parametrize("text, variables, fragment", HOSTILE)
def test_hostile_input_is_refused_quickly_with_a_named_reason(text, variables, fragment):
    start = time.thread_time()  # CPU time: other processes on a busy machine do not count
    with pytest.raises(ValueError) as info:
        parse_function(text, variables)
    assert time.thread_time() - start < TIME_BUDGET + 0.5
    message = str(info.value)
    assert fragment in message
    assert re.search(r"; (allowed|write|expected|type)\b", message), message  # what to do


def test_non_string_text_is_a_type_error_naming_text():
    for bad in (3, None, b"x", sympy.Symbol("x")):
        with pytest.raises(TypeError, match="text must be a string"):
            parse_function(bad)


@pytest.mark.parametrize("variables", [
    "x", ("x", "x"), ("sin",), ("pi",), ("e",), ("ln",), ("x_1",), ("1x",), (1,), ("",),
    ("x y",), 3, None,
])
def test_bad_variables_are_refused(variables):
    with pytest.raises(ValueError, match="variables must"):
        parse_function("1", variables)


class _Forbidden(BaseException):
    """Raised by the sentinels below; a BaseException so that nothing converts it."""


def _forbid(name):
    def sentinel(*args, **kwargs):
        raise _Forbidden(name)
    return sentinel


def test_nothing_is_evaluated(monkeypatch):
    real_import = builtins.__import__

    def guarded_import(name, *args, **kwargs):
        if name.split(".")[0] in {"os", "subprocess", "shutil", "socket", "pty", "ctypes"}:
            raise _Forbidden(f"import {name}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", guarded_import)
    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, _forbid(name))
    monkeypatch.setattr(sympy, "sympify", _forbid("sympify"))
    monkeypatch.setattr(sympy, "parse_expr", _forbid("parse_expr"))
    monkeypatch.setattr(sympy.parsing.sympy_parser, "parse_expr", _forbid("parse_expr"))
    assert parse_function("sin(x)^2 + 2x - e^x/3") == \
        sympy.sin(x)**2 + 2 * x - sympy.exp(x) / 3
    for text, variables, _ in HOSTILE:
        with pytest.raises(ValueError):
            parse_function(text, variables)


def test_source_never_calls_eval_or_sympify():
    tree = ast.parse(Path(symbolic.__file__).read_text())
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = {f.id for f in calls if isinstance(f, ast.Name)}
    attributes = {f.attr for f in calls if isinstance(f, ast.Attribute)}
    assert not names & {"eval", "exec", "compile", "__import__", "sympify", "parse_expr", "S"}
    assert not attributes & {"eval", "exec", "sympify", "parse_expr", "S"}


def test_time_budget_restores_an_existing_trace_function():
    calls = []

    def tracer(frame, event, arg):
        calls.append(event)

    sys.settrace(tracer)
    try:
        with pytest.raises(ValueError, match="too complicated"):
            parse_function("log(tanh(x^1000))")
        parse_function("sin(x)")
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)
    assert "call" in calls  # the earlier tracer kept receiving events


# ----------------------------------------------------------------------------- properties

LEAVES = st.one_of(st.sampled_from([x, y, sympy.pi, sympy.E, sympy.Rational(1, 2),
                                    sympy.Rational(-3, 4)]),
                   st.integers(-5, 7).map(sympy.Integer))
SYMPY_FUNCTIONS = [sympy.sin, sympy.cos, sympy.tan, sympy.exp, sympy.log, sympy.sqrt,
                   sympy.Abs, sympy.atan, sympy.asin, sympy.acos, sympy.sinh, sympy.cosh,
                   sympy.tanh]
EXPONENTS = st.sampled_from([2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(1, 3), x])


def _combine(children):
    return st.one_of(
        st.tuples(children, children).map(lambda ab: ab[0] + ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] - ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] * ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] / ab[1]),
        st.tuples(children, EXPONENTS).map(lambda be: be[0] ** be[1]),
        st.tuples(st.sampled_from(SYMPY_FUNCTIONS), children).map(lambda fa: fa[0](fa[1])),
    )


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=6)


TYPABLE = (sympy.Symbol, sympy.Rational, type(sympy.pi), type(sympy.E), sympy.Add, sympy.Mul,
           sympy.Pow, sympy.cot, sympy.re, sympy.im,
           *(type(f(x)) for f in SYMPY_FUNCTIONS if f is not sympy.sqrt))


def _representable(expr) -> bool:
    """Only typable nodes (no I, oo, zoo, nan, AccumBounds...), numbers of at most 30 digits."""
    typable = all(isinstance(node, TYPABLE) for node in sympy.preorder_traversal(expr))
    return typable and _short_numbers(expr)


def _same_or_sympy_normal_form(parsed, expected) -> bool:
    """``parsed == expected``, or else SymPy had left ``expected`` in a form it would not
    build again (like ``3*Abs(Abs(x))``): then ``parsed`` must be a fixed point of
    str -> parse and have the same values."""
    if parsed == expected:
        return True
    assert parse_function(str(parsed), XY) == parsed
    f, g = to_numpy_function(parsed, XY), to_numpy_function(expected, XY)
    points = np.linspace(-2.3, 2.9, 7)
    a, b = f(points, points[::-1]), g(points, points[::-1])
    return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))


def _short_numbers(expr) -> bool:
    return all(len(str(abs(r.p))) <= 30 and len(str(r.q)) <= 30
               for r in expr.atoms(sympy.Rational))


def _parse_or_value_refusal(text, variables=XY):
    """Parse, or return None after a refusal that is about values or cost (never syntax)."""
    try:
        return parse_function(text, variables)
    except ValueError as error:
        assert str(error).startswith(tuple(f"text: {r}" for r in VALUE_REFUSALS)), \
            f"{text!r}: {error}"
        return None


@SLOW
@given(EXPRESSIONS)
def test_round_trip_of_sympy_trees(expr):
    assume(_representable(expr))
    parsed = _parse_or_value_refusal(str(expr))
    assume(parsed is not None)
    assert _same_or_sympy_normal_form(parsed, expr)


TEXT_LEAVES = st.sampled_from(["x", "y", "2", "7", "0.5", ".25", "1e-2", "2.5E1", "pi", "e",
                               "E", "(3x)", "(2pi)", "(4y)", "(2 x)"])
FUNCTION_NAMES = list(ALLOWED_FUNCTIONS) + list(FUNCTION_ALIASES)


def _combine_text(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", " * ", "**"]), children)
        .map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
        st.tuples(children, st.sampled_from(["^2", "^3", "**-1", "^(1/2)", "^x", "^-y"]))
        .map(lambda t: f"({t[0]}){t[1]}"),
        st.tuples(st.sampled_from(FUNCTION_NAMES), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["-", "+", "2", "3"]), children)
        .map(lambda t: f"({t[0]}({t[1]}))"),
        st.tuples(children, children).map(lambda t: f"(({t[0]})({t[1]}))"),
    )


FORMULAS = st.recursive(TEXT_LEAVES, _combine_text, max_leaves=7)


@SLOW
@given(FORMULAS)
def test_str_of_parse_parses_back_to_the_same_expression(text):
    parsed = _parse_or_value_refusal(text)
    assume(parsed is not None and _short_numbers(parsed))
    assert _same_or_sympy_normal_form(parse_function(str(parsed), XY), parsed)


PIECES = list("xy0123456789.+-*/^() eE_'\"[];,:@=!&|#$\\\n\t{}%~`?<>") + [
    "sin", "cos(", "pi", "**", "lambda", "import", "__", "exp(", "log(", "sqrt(", "abs(",
    "1e", "9^9^9", "999", "tanh(", "x^1000", "1e300", "(x+1)^",
]
RANDOM_TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
                        st.text(max_size=80))


@settings(deadline=None, max_examples=400)
@given(RANDOM_TEXT)
def test_random_text_only_ever_raises_value_error_and_is_fast(text):
    start = time.perf_counter()
    try:
        result = parse_function(text, XY)
    except ValueError:
        pass
    else:
        assert isinstance(result, sympy.Expr)
        assert result.free_symbols <= {x, y}
    assert time.perf_counter() - start < 1.0


POINTS = st.integers(-3000, 3000).map(lambda k: k / 1000)  # no underflow in x**2 and the like


@SLOW
@given(EXPRESSIONS, POINTS, POINTS)
def test_numpy_function_agrees_with_evalf(expr, px, py):
    assume(_representable(expr))
    point = {x: px, y: py}
    f = to_numpy_function(expr, XY)
    numeric = float(f(np.array([px]), np.array([py]))[0])
    try:
        # evalf(subs=...) takes 0**0 as 0, NumPy (and SymPy's own 0**0) as 1
        # and a base that cancels to 0 in floating point (x - y at x = y) but not in evalf
        assume(all(abs(complex(power.base.evalf(30, subs=point))) > 1e-9
                   for power in expr.atoms(sympy.Pow)))
        exact = complex(expr.evalf(30, subs=point))
    except (TypeError, ValueError, ArithmeticError):
        assume(False)
    assume(exact.imag == 0 and math.isfinite(exact.real) and math.isfinite(numeric))
    assert numeric == pytest.approx(exact.real, rel=1e-6, abs=1e-6)


# ----------------------------------------------------------------------------- to_numpy_function

def test_numpy_function_of_a_constant_has_the_input_shape():
    f = to_numpy_function(sympy.Integer(3))
    out = f(np.zeros((2, 3)))
    assert out.shape == (2, 3) and out.dtype == float and np.all(out == 3.0)
    assert f(1.5).shape == ()
    out = to_numpy_function(parse_function("pi"), XY)(np.zeros(4), np.zeros((2, 1)))
    assert out.shape == (2, 4) and np.allclose(out, np.pi)


def test_numpy_function_broadcasts_and_returns_floats():
    f = to_numpy_function(parse_function("x1*x2 + 1", ("x1", "x2")), ("x1", "x2"))
    out = f(np.arange(3).reshape(3, 1), [1, 2])
    assert out.dtype == float and out.shape == (3, 2)
    assert out.tolist() == [[1.0, 1.0], [2.0, 3.0], [3.0, 5.0]]
    assert to_numpy_function(parse_function("2x"))([1, 2]).tolist() == [2.0, 4.0]
    assert to_numpy_function(parse_function("x^2"))([True, False]).tolist() == [1.0, 0.0]


def test_numpy_function_gives_nan_and_inf_without_warnings():
    root = to_numpy_function(parse_function("sqrt(x)"))
    assert np.isnan(root(-1.0)) and root(4.0) == 2.0
    assert to_numpy_function(parse_function("exp(x)"))(1000.0) == np.inf
    assert to_numpy_function(parse_function("1/x"))(0.0) == np.inf
    assert np.isnan(to_numpy_function(parse_function("x^(1/3)"))(-8.0))


@pytest.mark.parametrize("name", FUNCTION_NAMES)
def test_every_allowed_function_parses_and_evaluates(name):
    expr = parse_function(f"{name}(x)")
    value = to_numpy_function(expr)(0.5)
    assert math.isclose(float(value), float(expr.subs(x, sympy.Rational(1, 2)).evalf()))


def test_numpy_function_checks_its_arguments():
    f = to_numpy_function(parse_function("x + y", XY), XY)
    with pytest.raises(TypeError, match="takes 2 argument"):
        f(1.0)
    with pytest.raises(TypeError, match="y must be a real number"):
        f(1.0, 1j)
    with pytest.raises(TypeError, match="x must be a real number"):
        f("a", 1.0)


def test_numpy_function_checks_the_expression():
    with pytest.raises(TypeError, match="expr must be a SymPy expression"):
        to_numpy_function("x^2")
    with pytest.raises(ValueError, match="symbol\\(s\\) y, z"):
        to_numpy_function(x + y + sympy.Symbol("z"))
    with pytest.raises(ValueError, match="variables must"):
        to_numpy_function(x, "x")


def test_numpy_function_of_symbol_with_assumptions():
    positive = sympy.Symbol("x", positive=True)
    assert to_numpy_function(sympy.sqrt(positive**2))(3.0) == 3.0


# ----------------------------------------------------------------------------- as_expression

def test_as_expression_parses_strings_and_checks_expressions():
    assert as_expression("x^2 + 1") == x**2 + 1
    expr = sympy.sin(x)
    assert as_expression(expr) is expr
    assert as_expression("x1*x2", ("x1", "x2")) == x1 * x2
    with pytest.raises(ValueError, match="symbol\\(s\\) y"):
        as_expression(x + y)
    with pytest.raises(ValueError, match="unknown name 'y'"):
        as_expression("x + y")


@pytest.mark.parametrize("bad", [3, 2.5, None, [x], lambda t: t, sympy.Eq(x, 1)])
def test_as_expression_refuses_other_types(bad):
    with pytest.raises(TypeError, match="f must be a SymPy expression or a string"):
        as_expression(bad)


def test_constants_are_published():
    assert ALLOWED_FUNCTIONS == ("sin", "cos", "tan", "exp", "log", "sqrt", "abs",
                                 "atan", "asin", "acos", "sinh", "cosh", "tanh")
    assert set(ALLOWED_CONSTANTS) == {"pi", "e", "E"}
    assert SYMPY_OUTPUT_FUNCTIONS == ("cot", "re", "im")
    assert parse_function("pi + e + E") == sympy.pi + 2 * sympy.E
