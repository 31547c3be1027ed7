"""Computation graphs shared by the tests (notebook 06 builds the same one in the open)."""

from __future__ import annotations

from lecture_utils.maths.autodiff import Value


def mml_graph(x: float = 0.7) -> dict[str, Value]:
    """MML eq. (5.109), f(x) = sqrt(x² + exp(x²)) + cos(x² + exp(x²)), node by node as
    notebook 06 builds it (x, a = x², b = exp a, c = a + b, d = √c, e = cos c, f = d + e),
    after one backward pass. Returns the nodes by name."""
    nodes = {"x": Value(x, label="x")}
    nodes["a"] = (nodes["x"] ** 2).named("a")
    nodes["b"] = nodes["a"].exp().named("b")
    nodes["c"] = (nodes["a"] + nodes["b"]).named("c")
    nodes["d"], nodes["e"] = nodes["c"].sqrt().named("d"), nodes["c"].cos().named("e")
    nodes["f"] = (nodes["d"] + nodes["e"]).named("f")
    nodes["f"].backward()
    return nodes
