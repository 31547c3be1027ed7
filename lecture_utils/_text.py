"""Shared text helpers: Unicode sub- and superscript digits for labels, titles and messages.

Used by every layer (figures, explorers, exercises), so it imports nothing from the package.

Examples
--------
>>> f"T{subscript(3)}", f"x{superscript(12)}", subscript("A1, b1")
('T₃', 'x¹²', 'A₁, b₁')
"""

from __future__ import annotations

from typing import Any

__all__ = ["subscript", "superscript"]

_SUBSCRIPTS = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def subscript(value: Any) -> str:
    """``str(value)`` with its digits (and minus signs) as Unicode subscripts.

    Examples
    --------
    >>> subscript(0), subscript(10), subscript(-2), subscript("σ2")
    ('₀', '₁₀', '₋₂', 'σ₂')
    """
    return str(value).translate(_SUBSCRIPTS)


def superscript(value: Any) -> str:
    """``str(value)`` with its digits (and minus signs) as Unicode superscripts.

    Examples
    --------
    >>> superscript(2), superscript(-1), "δ" + superscript(3)
    ('²', '⁻¹', 'δ³')
    """
    return str(value).translate(_SUPERSCRIPTS)
