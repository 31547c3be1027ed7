"""Automatic differentiation from scratch (MML §5.6): reverse mode and forward mode on scalars.

A program that computes f from elementary operations (+, −, ·, /, integer powers, exp, log,
sin, cos, tanh, sqrt) is a **computation graph**. Automatic differentiation applies the chain
rule to that graph, one elementary operation at a time; it needs only the derivative of each
elementary operation (the table :data:`RULES`).

* **Reverse mode** (:class:`Value`, backpropagation): every operation makes a node that
  remembers its inputs and the local derivatives ∂node/∂input. ``output.backward()`` visits
  the nodes from the output back to the inputs and adds up the **adjoints**
  ``input.grad += node.grad · ∂node/∂input`` (MML eq. 5.146). One backward pass gives the
  derivative of one output with respect to **all** inputs.
* **Forward mode** (:class:`Dual`, dual numbers a + ȧε with ε² = 0): every number carries its
  derivative along one chosen input direction. One pass gives the derivatives of **all**
  outputs with respect to **one** input.

So for f: ℝⁿ → ℝ the gradient costs n forward passes but one reverse pass
(:func:`forward_mode_gradient`, :func:`reverse_mode_gradient`). Both modes are counted by the
same rule: one per elementary operation evaluated, plus one multiply-add per edge of the graph
(an input of an operation) — the adjoint update in reverse mode, the tangent update in forward
mode. So one forward pass costs as much as the whole reverse run, and forward mode costs n
times as much.

Examples
--------
>>> x = Value(2.0, label="x")
>>> y = x * x + sin(x)                     # y = x² + sin x
>>> y.backward()
>>> round(x.grad, 6), round(2 * 2.0 + math.cos(2.0), 6)    # dy/dx = 2x + cos x
(3.583853, 3.583853)
>>> u = Dual(2.0, 1.0)                     # x = 2 with dx = 1
>>> round((u * u + sin(u)).dot, 6)
3.583853
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from .._validation import check_array, check_callable, check_integer, check_real_number, shown

__all__ = [
    "Dual", "GradientResult", "RULES", "Value", "cos", "exp", "forward_mode_gradient", "log",
    "reverse_mode_gradient", "sin", "sqrt", "tanh", "topological_order",
]

#: Each elementary function with its derivative: all the calculus automatic differentiation needs.
RULES: dict[str, tuple[Callable[[float], float], Callable[[float], float]]] = {
    "exp": (math.exp, math.exp),
    "log": (math.log, lambda a: 1 / a),
    "sin": (math.sin, math.cos),
    "cos": (math.cos, lambda a: -math.sin(a)),
    "tanh": (math.tanh, lambda a: 1 - math.tanh(a) ** 2),
    "sqrt": (math.sqrt, lambda a: 0.5 / math.sqrt(a)),
}


def _rule(name: str, a: float) -> tuple[float, float]:
    """f(a) and f'(a) for the elementary function ``name``; a named error outside its domain."""
    if name in ("log", "sqrt") and not a > 0:
        raise ValueError(f"{name} needs a positive argument here, got {a!r}")
    function, derivative = RULES[name]
    try:
        value, slope = function(a), derivative(a)
    except OverflowError:
        raise ValueError(f"{name}({a!r}) overflows: the result is not a finite number") from None
    return value, slope


def _finite(value: float, op: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"the result of {op} is not a finite number ({value!r})")
    return value


def _power_parts(a: float, n: Any) -> tuple[int, float, float]:
    n = check_integer(n, "exponent", minimum=-64, maximum=64)
    if a == 0 and n < 1:
        raise ValueError(f"0 ** {n} is not defined: the exponent must be ≥ 1 at 0")
    try:
        return n, a ** n, (n * a ** (n - 1) if n else 0.0)
    except OverflowError:
        raise ValueError(f"{a!r} ** {n} overflows: the result is not a finite number") from None


# ================================================================= reverse mode ====
class Value:
    """A scalar node of a computation graph, for reverse-mode automatic differentiation.

    Parameters
    ----------
    data : float
        The number this node holds.
    label : str
        A name for drawings (``"x"``, ``"a"``, ...); operations leave it empty.

    Attributes
    ----------
    parents : tuple of Value
        The inputs of the operation that made this node (none for an input).
    local : tuple of float
        The local derivatives ∂self/∂parent, one per parent.
    grad : float
        The adjoint ∂output/∂self, set by the last ``output.backward()``.
    operations : int
        Class counter: elementary operations evaluated so far (set it to 0 to start counting).
    adjoint_updates : int
        Class counter: multiply-adds ``parent.grad += grad · local`` made by ``backward()``.

    Examples
    --------
    >>> x, y = Value(3.0, label="x"), Value(4.0, label="y")
    >>> r = (x ** 2 + y ** 2).sqrt()
    >>> r.backward()
    >>> r.data, round(x.grad, 12), round(y.grad, 12)     # ∂r/∂x = x/r, ∂r/∂y = y/r
    (5.0, 0.6, 0.8)
    """

    operations = 0
    adjoint_updates = 0

    def __init__(self, data: float, label: str = "") -> None:
        self.data = float(check_real_number(data, "data"))
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__} {shown(label)}")
        self.label, self.op = label, ""
        self.parents: tuple[Value, ...] = ()
        self.local: tuple[float, ...] = ()
        self.grad = 0.0

    def __repr__(self) -> str:
        name = f"{self.label} = " if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"

    def named(self, label: str) -> "Value":
        """Give the node a name for drawings; returns the node itself."""
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__} {shown(label)}")
        self.label = label
        return self

    def _node(self, data: float, parents: tuple["Value", ...], local: tuple[float, ...],
              op: str) -> "Value":
        """A node made by an operation (its numbers are floats already: no checks but finiteness)."""
        Value.operations += 1
        node = object.__new__(Value)
        node.data, node.label, node.op = _finite(data, op), "", op
        node.parents, node.local, node.grad = parents, local, 0.0
        return node

    # --- the elementary operations: a value and the local derivatives -----------------
    def __add__(self, other: Any) -> "Value":
        other = _lift(other)
        return self._node(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __sub__(self, other: Any) -> "Value":
        other = _lift(other)
        return self._node(self.data - other.data, (self, other), (1.0, -1.0), "−")

    def __mul__(self, other: Any) -> "Value":
        other = _lift(other)
        return self._node(self.data * other.data, (self, other), (other.data, self.data), "·")

    def __truediv__(self, other: Any) -> "Value":
        other = _lift(other)
        if other.data == 0:
            raise ValueError("division by zero: the divisor is 0")
        a, b = self.data, other.data
        return self._node(a / b, (self, other), (1 / b, -(a / b) / b), "/")

    def __pow__(self, n: int) -> "Value":
        n, value, slope = _power_parts(self.data, n)
        return self._node(value, (self,), (slope,), f"^{n}")

    def __neg__(self) -> "Value":
        return self._node(-self.data, (self,), (-1.0,), "−")

    def __radd__(self, other: Any) -> "Value":
        return _lift(other) + self

    def __rsub__(self, other: Any) -> "Value":
        return _lift(other) - self

    def __rmul__(self, other: Any) -> "Value":
        return _lift(other) * self

    def __rtruediv__(self, other: Any) -> "Value":
        return _lift(other) / self

    def _unary(self, name: str) -> "Value":
        value, slope = _rule(name, self.data)
        return self._node(value, (self,), (slope,), name)

    def exp(self) -> "Value":
        return self._unary("exp")

    def log(self) -> "Value":
        return self._unary("log")

    def sin(self) -> "Value":
        return self._unary("sin")

    def cos(self) -> "Value":
        return self._unary("cos")

    def tanh(self) -> "Value":
        return self._unary("tanh")

    def sqrt(self) -> "Value":
        return self._unary("sqrt")

    # --- the backward pass ----------------------------------------------------------
    def backward(self) -> None:
        """Set ``grad`` = ∂self/∂node on every node of the graph that ends in ``self``.

        The output's adjoint is 1; then each node, taken after every node that uses it
        (reverse topological order), passes ``grad · local`` on to each of its parents.
        """
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node.parents, node.local):
                parent.grad += node.grad * local
                Value.adjoint_updates += 1


def _lift(other: Any) -> Value:
    """A Value for a plain number (a constant: a node without parents)."""
    if isinstance(other, Value):
        return other
    return Value(check_real_number(other, "other"))


def topological_order(output: Value) -> list[Value]:
    """The nodes of the graph that ends in ``output``, each after all its parents.

    Examples
    --------
    >>> x = Value(1.0, label="x")
    >>> [node.label or node.op for node in topological_order((x * 2).exp())]
    ['x', '', '·', 'exp']
    """
    if not isinstance(output, Value):
        raise TypeError(f"output must be a Value, got {type(output).__name__} {shown(output)}")
    order: list[Value] = []
    seen: set[int] = set()
    stack: list[tuple[Value, bool]] = [(output, False)]
    while stack:                       # depth first, without recursion (deep graphs)
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((parent, False) for parent in reversed(node.parents))
    return order


# ================================================================= forward mode ====
class Dual:
    """A dual number ``value + dot·ε`` with ε² = 0: a number and its derivative (forward mode).

    Start with ``dot = 1`` on the input to differentiate by and ``dot = 0`` on the others;
    every operation then carries the derivative along: ``(a + ȧε)(b + ḃε) = ab + (ȧb + aḃ)ε``.

    Parameters
    ----------
    value : float
    dot : float
        The derivative of this number with respect to the chosen input.

    Attributes
    ----------
    operations : int
        Class counter: elementary operations evaluated so far (set it to 0 to start counting).
    tangent_updates : int
        Class counter: tangent multiply-adds, one per input of an operation (per edge of the
        graph, as ``Value.adjoint_updates``): two for +, −, ·, /, one for powers, negation
        and the functions.

    Examples
    --------
    >>> x = Dual(3.0, 1.0)                 # d/dx at x = 3
    >>> r = (x ** 2 + 16).sqrt()
    >>> r.value, round(r.dot, 12)
    (5.0, 0.6)
    """

    operations = 0
    tangent_updates = 0

    def __init__(self, value: float, dot: float = 0.0) -> None:
        self.value = float(check_real_number(value, "value"))
        self.dot = float(check_real_number(dot, "dot"))

    def __repr__(self) -> str:
        return f"Dual({self.value:.6g}, dot={self.dot:.6g})"

    @staticmethod
    def _make(value: float, dot: float) -> "Dual":
        """A Dual from two floats, without checks (for numbers checked already)."""
        out = object.__new__(Dual)
        out.value, out.dot = value, dot
        return out

    @staticmethod
    def _new(value: float, dot: float, op: str, edges: int = 1) -> "Dual":
        """A Dual made by an operation with ``edges`` inputs (each adds one tangent update)."""
        Dual.operations += 1
        Dual.tangent_updates += edges
        return Dual._make(_finite(value, op), _finite(dot, op))

    def __add__(self, other: Any) -> "Dual":
        other = _dual(other)
        return self._new(self.value + other.value, self.dot + other.dot, "+", 2)

    def __sub__(self, other: Any) -> "Dual":
        other = _dual(other)
        return self._new(self.value - other.value, self.dot - other.dot, "−", 2)

    def __mul__(self, other: Any) -> "Dual":
        other = _dual(other)
        return self._new(self.value * other.value,
                         self.dot * other.value + self.value * other.dot, "·", 2)

    def __truediv__(self, other: Any) -> "Dual":
        other = _dual(other)
        if other.value == 0:
            raise ValueError("division by zero: the divisor is 0")
        a, b = self.value, other.value
        return self._new(a / b, (self.dot - (a / b) * other.dot) / b, "/", 2)

    def __pow__(self, n: int) -> "Dual":
        n, value, slope = _power_parts(self.value, n)
        return self._new(value, slope * self.dot, f"^{n}")

    def __neg__(self) -> "Dual":
        return self._new(-self.value, -self.dot, "−")

    def __radd__(self, other: Any) -> "Dual":
        return _dual(other) + self

    def __rsub__(self, other: Any) -> "Dual":
        return _dual(other) - self

    def __rmul__(self, other: Any) -> "Dual":
        return _dual(other) * self

    def __rtruediv__(self, other: Any) -> "Dual":
        return _dual(other) / self

    def _unary(self, name: str) -> "Dual":
        value, slope = _rule(name, self.value)
        return self._new(value, slope * self.dot, name)          # the chain rule

    def exp(self) -> "Dual":
        return self._unary("exp")

    def log(self) -> "Dual":
        return self._unary("log")

    def sin(self) -> "Dual":
        return self._unary("sin")

    def cos(self) -> "Dual":
        return self._unary("cos")

    def tanh(self) -> "Dual":
        return self._unary("tanh")

    def sqrt(self) -> "Dual":
        return self._unary("sqrt")


def _dual(other: Any) -> Dual:
    """A Dual for a plain number (a constant: derivative 0)."""
    return other if isinstance(other, Dual) else Dual(check_real_number(other, "other"))


# ============================================ functions for Value, Dual and numbers ====
def _apply(name: str, x: Any) -> Any:
    if isinstance(x, (Value, Dual)):
        return x._unary(name)
    return _rule(name, float(check_real_number(x, "x")))[0]


def exp(x: Any) -> Any:
    """eˣ of a Value, a Dual or a number (so one function works in both modes).

    Examples
    --------
    >>> exp(Dual(0.0, 1.0))
    Dual(1, dot=1)
    """
    return _apply("exp", x)


def log(x: Any) -> Any:
    """ln x (x > 0) of a Value, a Dual or a number."""
    return _apply("log", x)


def sin(x: Any) -> Any:
    """sin x of a Value, a Dual or a number."""
    return _apply("sin", x)


def cos(x: Any) -> Any:
    """cos x of a Value, a Dual or a number."""
    return _apply("cos", x)


def tanh(x: Any) -> Any:
    """tanh x of a Value, a Dual or a number."""
    return _apply("tanh", x)


def sqrt(x: Any) -> Any:
    """√x (x > 0) of a Value, a Dual or a number."""
    return _apply("sqrt", x)


# ===================================================== gradients, with their cost ====
@dataclass(frozen=True)
class GradientResult:
    """A gradient computed by automatic differentiation, and what it cost.

    ``operations`` counts the elementary operations evaluated (one per +, ·, exp, ...),
    ``adjoint_updates`` the multiply-adds of the backward pass (0 in forward mode),
    ``tangent_updates`` those of the tangents carried along in forward mode (0 in reverse
    mode): both one per edge of the graph (an input of an operation), so that both modes are
    counted by the same rule.
    """

    value: float
    gradient: np.ndarray
    passes: int
    operations: int
    adjoint_updates: int
    tangent_updates: int = 0

    @property
    def cost(self) -> int:
        """operations + adjoint_updates + tangent_updates."""
        return self.operations + self.adjoint_updates + self.tangent_updates


def _inputs(f: Any, x: Any, most: int) -> tuple[Callable[..., Any], np.ndarray]:
    f = check_callable(f, "f")
    x = check_array(x, "x", ndim=1)
    if x.size == 0 or x.size > most:
        raise ValueError(f"x must have 1 to {most} entries, got {x.size}")
    return f, x.astype(float)


def _call(f: Callable[..., Any], inputs: list[Any], kind: type) -> Any:
    """f(inputs) as a ``kind``; a TypeError from f names f and says what it must accept."""
    try:
        result = f(inputs)
    except TypeError as error:
        raise TypeError(f"f must take one list of {len(inputs)} numbers and use +, −, ·, /, ** "
                        f"and exp, log, sin, cos, tanh, sqrt on them (calling it raised: {error})"
                        ) from None
    return _output(result, kind)


def _output(result: Any, kind: type) -> Any:
    if isinstance(result, kind):
        return result
    if isinstance(result, numbers.Real) and not isinstance(result, bool):
        return kind(result)             # f does not depend on its inputs
    raise TypeError(f"f must return one scalar built from its inputs, got "
                    f"{type(result).__name__} {shown(result)}")


def forward_mode_gradient(f: Callable[[list[Dual]], Any], x: Any) -> GradientResult:
    """∇f(x) of f: ℝⁿ → ℝ by forward mode: n passes, one per input (dot = 1 on input i).

    ``f`` takes a list of n numbers and uses +, −, ·, /, ** and the functions of this module
    (or the methods ``.exp()``, ``.sin()``, ...); n is at most 2000 (n passes).

    Examples
    --------
    >>> result = forward_mode_gradient(lambda v: v[0] * v[1] + sin(v[0]), [1.0, 2.0])
    >>> result.gradient.round(6).tolist(), result.passes, result.operations, result.tangent_updates
    ([2.540302, 1.0], 2, 6, 10)
    >>> result.cost == result.passes * reverse_mode_gradient(
    ...     lambda v: v[0] * v[1] + sin(v[0]), [1.0, 2.0]).cost   # each pass costs a reverse run
    True
    """
    f, x = _inputs(f, x, most=2000)                 # n passes: n is kept small
    start, tangents = Dual.operations, Dual.tangent_updates
    gradient, value, values = np.zeros(x.size), 0.0, x.tolist()
    for i in range(x.size):                          # one pass per input
        out = _call(f, [Dual._make(a, 1.0 if j == i else 0.0) for j, a in enumerate(values)], Dual)
        value, gradient[i] = out.value, out.dot
    return GradientResult(value, gradient, x.size, Dual.operations - start, 0,
                          Dual.tangent_updates - tangents)


def reverse_mode_gradient(f: Callable[[list[Value]], Any], x: Any) -> GradientResult:
    """∇f(x) of f: ℝⁿ → ℝ by reverse mode: one forward pass (building the graph), one backward.

    Examples
    --------
    >>> result = reverse_mode_gradient(lambda v: v[0] * v[1] + sin(v[0]), [1.0, 2.0])
    >>> result.gradient.round(6).tolist(), result.passes, result.operations, result.adjoint_updates
    ([2.540302, 1.0], 1, 3, 5)
    """
    f, x = _inputs(f, x, most=100_000)
    start, updates = Value.operations, Value.adjoint_updates
    inputs = [Value(a, label=f"x{i}") for i, a in enumerate(x)]
    out = _call(f, inputs, Value)
    operations = Value.operations - start
    out.backward()
    gradient = np.array([v.grad for v in inputs])
    return GradientResult(out.data, gradient, 1, operations, Value.adjoint_updates - updates)
