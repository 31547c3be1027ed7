"""The cost of the chain rule's products in the two orders of evaluation (layer 1).

Backpropagation evaluates the slides' products ∂L/∂f_K · ∂f_K/∂f_{K−1} ⋯ ∂f_{i+1}/∂θ_i from
the left (a row times a matrix, again and again) and shares the common left part between the
layers; the forward order multiplies matrices from the right. :func:`evaluate_chain`
multiplies a chain in either order and counts the multiply-adds; :func:`chain_costs` counts
them for every parameter of a network of given layer sizes.

Examples
--------
>>> chain_costs([100] * 11).ratio > 100
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from .._validation import check_array, check_choice, check_integer, shown

__all__ = ["ChainCost", "chain_costs", "evaluate_chain"]


# ====================================================================== cost counting ====
def evaluate_chain(factors: Sequence[Any], order: str = "backward") -> tuple[np.ndarray, int]:
    """Multiply matrices F_1 F_2 ⋯ F_m in one order and count the multiply-adds.

    ``"backward"`` multiplies from the left (the loss end: a row times a matrix, again and
    again), ``"forward"`` from the right (the parameter end: matrix times matrix). A product
    of a p×q and a q×r matrix costs p·q·r multiply-adds.

    Examples
    --------
    >>> row, J, P = np.ones((1, 3)), np.ones((3, 3)), np.ones((3, 12))
    >>> evaluate_chain([row, J, P], "backward")[1], evaluate_chain([row, J, P], "forward")[1]
    (45, 144)
    """
    check_choice(order, "order", ("backward", "forward"))
    if isinstance(factors, (str, bytes)) or not isinstance(factors, (list, tuple)):
        raise TypeError(f"factors must be a list of matrices, got {type(factors).__name__} "
                        f"{shown(factors)}")
    mats = [np.atleast_2d(check_array(f, f"factors[{k}]")) for k, f in enumerate(factors)]
    if not mats:
        raise ValueError("factors must contain at least one matrix")
    for k in range(len(mats) - 1):
        if mats[k].shape[1] != mats[k + 1].shape[0]:
            raise ValueError(f"factors {k} and {k + 1} do not chain: shapes {mats[k].shape} and "
                             f"{mats[k + 1].shape}")
    cost = 0
    if order == "backward":
        result = mats[0]
        for m in mats[1:]:
            cost += result.shape[0] * result.shape[1] * m.shape[1]
            result = result @ m
    else:
        result = mats[-1]
        for m in reversed(mats[:-1]):
            cost += m.shape[0] * m.shape[1] * result.shape[1]
            result = m @ result
    return result, cost


@dataclass(frozen=True)
class ChainCost:
    """Multiply-adds to get every ∂L/∂θ_i by the slides' products (see :func:`chain_costs`)."""

    sizes: tuple[int, ...]
    forward: int
    backward_separate: int
    backward: int

    @property
    def ratio(self) -> float:
        """forward / backward: how much more the order from the parameters costs."""
        return self.forward / self.backward


def chain_costs(sizes: Sequence[int]) -> ChainCost:
    """Count multiply-adds of the chain-rule products for all parameters θ_0, ..., θ_{K−1}.

    The products of the slides, with dense factors: ∂L/∂f_K is 1×n_K, ∂f_{j+1}/∂f_j is
    n_{j+1}×n_j, and ∂f_{i+1}/∂θ_i is n_{i+1}×p_i with p_i = n_{i+1}(n_i + 1) (θ_i = A_i and
    b_i as one vector). Three ways to evaluate them:

    * ``forward``: each product from the right, starting at ∂f_{i+1}/∂θ_i: matrix–matrix
      products, n_{j+1}·n_j·p_i for each layer j above i (forward-mode differentiation);
    * ``backward_separate``: each product from the left, starting at the row ∂L/∂f_K:
      vector–matrix products, n_{j+1}·n_j each, then n_{i+1}·p_i;
    * ``backward``: from the left, and the common left part ∂L/∂f_{i+1} is shared between
      θ_i and θ_{i−1} (backpropagation): each ∂f_{j+1}/∂f_j is used once.

    Examples
    --------
    >>> cost = chain_costs([3, 3, 3])
    >>> cost.forward, cost.backward_separate, cost.backward
    (180, 81, 81)
    >>> chain_costs([100] * 11).ratio > 100
    True
    """
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layer sizes (n_0, ..., n_K), got "
                         f"{shown(sizes)}")
    n = [check_integer(v, f"sizes[{k}]", minimum=1) for k, v in enumerate(sizes)]
    depth = len(n) - 1
    forward_cost = separate = shared = 0
    for i in range(depth):
        p = n[i + 1] * (n[i] + 1)
        # from the right: P_i (n_{i+1}×p), then J_{i+1}, ..., J_{K-1}, then the row δ_K
        forward_cost += sum(n[j + 1] * n[j] * p for j in range(i + 1, depth)) + n[depth] * p
        # from the left: δ_K J_{K-1} ... J_{i+1} (rows), then · P_i
        separate += sum(n[j + 1] * n[j] for j in range(i + 1, depth)) + n[i + 1] * p
        shared += n[i + 1] * p + (n[i + 1] * n[i] if i > 0 else 0)
    return ChainCost(tuple(n), forward_cost, separate, shared)
