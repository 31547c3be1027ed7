"""Drawings for notebook 03 (partial derivatives and gradients): the gradient field on contour
lines, the gradient at a point with a direction and its directional derivative, small multiples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from .._validation import check_callable, check_flag, check_integer, check_sequence
from ..style import styled
from .base import (
    check_point,
    check_range,
    draw_contours,
    expression_text,
    grid_values,
    new_figure,
    plane_axes,
)

#: How the gradient-field drawings look: colour, line style and marker all carry meaning.
GRADIENT_STYLE: dict[str, dict[str, Any]] = {
    "gradient": {"color": style.PALETTE["black"]},
    "directional": {"color": style.PALETTE["vermillion"]},
    "tangent": {"color": style.PALETTE["green"], "linestyle": "--", "linewidth": 2.6},
    "direction": {"color": style.PALETTE["vermillion"], "linestyle": (0, (1, 2)), "linewidth": 1.6},
    "point": {"color": style.PALETTE["black"], "marker": "o", "markersize": 8,
              "markeredgecolor": "white", "markeredgewidth": 1.5, "linestyle": "none"},
}


def _unit_arrows(G1: np.ndarray, G2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(all="ignore"):
        norm = np.hypot(G1, G2)
        norm = np.where(norm > 0, norm, np.nan)
        return G1 / norm, G2 / norm


@styled
def draw_vector_field(gradient: Callable[[Any, Any], tuple[Any, Any]],
                      x_range: tuple[float, float] = (-3.0, 3.0),
                      y_range: tuple[float, float] = (-3.0, 3.0), *, ax: Axes | None = None,
                      density: int = 13, normalise: bool = True, **kwargs: Any) -> Any:
    """Arrows of a vector field, e.g. the gradient of f, on a ``density`` × ``density`` grid.

    With ``normalise`` every arrow has the same length (only the direction is shown, so
    steep and flat regions are equally readable); NaN and zero vectors draw nothing.

    Returns
    -------
    matplotlib.quiver.Quiver

    Examples
    --------
    >>> q = draw_vector_field(lambda a, b: (2 * a, 4 * b), density=5)
    >>> q.N
    25
    """
    check_callable(gradient, "gradient")
    x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
    density = check_integer(density, "density", minimum=2, maximum=100)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.6, height_ratio=1.35)
    X1, X2 = np.meshgrid(np.linspace(*x_range, density), np.linspace(*y_range, density))
    with np.errstate(all="ignore"):
        G1, G2 = (np.asarray(g, dtype=float) * np.ones_like(X1) for g in gradient(X1, X2))
    if normalise:
        G1, G2 = _unit_arrows(G1, G2)
        length = 0.6 * min(x_range[1] - x_range[0], y_range[1] - y_range[0]) / (density - 1)
        G1, G2 = G1 * length, G2 * length
    G1 = np.ma.masked_invalid(G1)
    G2 = np.ma.masked_invalid(G2)
    options = {"color": style.PALETTE["grey"], "angles": "xy", "scale_units": "xy", "scale": 1,
               "width": 0.004, "zorder": 2, **kwargs}
    return ax.quiver(X1, X2, G1, G2, **options)


def gradient_function(expression: Any, variables: Sequence[str] = ("x1", "x2")
                      ) -> Callable[..., tuple[np.ndarray, ...]]:
    """The symbolic gradient of ``expression`` (``sympy.diff`` per variable), vectorised.

    Computed once; calling the result only evaluates the partial derivatives.

    Examples
    --------
    >>> g = gradient_function("x1^2 + 2*x2^2")
    >>> [float(v) for v in g(1.0, 0.5)]
    [2.0, 2.0]
    """
    import sympy

    from ..maths.parser import as_expression, to_numpy_function

    expression = as_expression(expression, tuple(variables))
    partials = [to_numpy_function(sympy.diff(expression, sympy.Symbol(v)), tuple(variables))
                for v in variables]

    def evaluate(*args: Any) -> tuple[np.ndarray, ...]:
        return tuple(partial(*args) for partial in partials)

    return evaluate


@dataclass(frozen=True)
class GradientAtPoint:
    """What the gradient-field view shows at one point (all as plain floats)."""

    point: tuple[float, float]
    value: float
    gradient: np.ndarray          # the row vector ∇f(x), shape (1, 2)
    direction: np.ndarray         # u = [cos θ, sin θ]ᵀ, stored with shape (2,)
    directional: float            # ∇f(x) u (a 1×2 row times a unit column)
    tangent: np.ndarray           # unit vector along the contour line (NaN if ∇f = 0)

    @property
    def defined(self) -> bool:
        """Whether f and ∇f are finite at the point."""
        return bool(np.isfinite(self.value) and np.all(np.isfinite(self.gradient)))


def _angle_direction(angle: float) -> np.ndarray:
    radians = np.deg2rad(angle)
    return np.array([np.cos(radians), np.sin(radians)])


def _arrow(ax: Axes, colour: str, width: float) -> Any:
    return ax.quiver([0.0], [0.0], [0.0], [0.0], color=colour, angles="xy", scale_units="xy",
                     scale=1, width=width, minlength=0, zorder=6)


@dataclass
class GradientFieldView:
    """Contour lines of f(x1, x2) with, at one point, the gradient, the contour's tangent and
    the directional derivative along u = [cos θ, sin θ]ᵀ.

    :meth:`draw` draws the contours once; :meth:`update` only moves the point, the arrows and
    the tangent segment (what an explorer redraws on a slider move). Arrow lengths are the
    vectors times :attr:`scale` (one scale per function, capped at 25 % of the plot), so the
    gradient and the directional-derivative arrow can be compared.
    """

    f: Callable[[Any, Any], Any]
    gradient: Callable[[Any, Any], tuple[Any, Any]]
    ax: Axes
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    scale: float
    artists: dict[str, Any]
    show_direction: bool = True

    @classmethod
    def draw(cls, f: Callable[[Any, Any], Any], gradient: Callable[[Any, Any], tuple[Any, Any]],
             point: Sequence[float] = (1.0, 0.5), angle: float = 0.0,
             x_range: tuple[float, float] = (-3.0, 3.0), y_range: tuple[float, float] = (-3.0, 3.0),
             ax: Axes | None = None, show_direction: bool = True, legend: bool = True,
             title: str | None = None) -> "GradientFieldView":
        """Draw the contours of f and the arrows at ``point`` on ``ax`` (a new figure if ``None``)."""
        with style.context():
            if ax is None:
                _, (ax,) = new_figure(width_ratio=0.95, height_ratio=1.4)
            x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
            draw_contours(f, x_range, y_range, ax=ax)
            _, _, G1 = grid_values(lambda a, b: np.hypot(*gradient(a, b)), x_range, y_range, 41)
            finite = G1[np.isfinite(G1)]
            typical = float(np.percentile(finite, 25)) if finite.size else 0.0
            span = min(x_range[1] - x_range[0], y_range[1] - y_range[0])
            scale = 0.15 * span / typical if typical > 0 else 1.0
            artists = {
                "tangent": ax.plot([], [], zorder=4, **GRADIENT_STYLE["tangent"])[0],
                "gradient": _arrow(ax, GRADIENT_STYLE["gradient"]["color"], 0.011),
                "point": ax.plot([], [], zorder=7, **GRADIENT_STYLE["point"])[0],
            }
            if show_direction:
                artists["direction"] = ax.plot([], [], zorder=3, **GRADIENT_STYLE["direction"])[0]
                artists["directional"] = _arrow(ax, GRADIENT_STYLE["directional"]["color"], 0.008)
            plane_axes(ax, x_range, y_range)
            if title:
                ax.set_title(title)
            view = cls(f, gradient, ax, x_range, y_range, scale, artists, show_direction)
            if legend:
                ax.legend(handles=view.legend_handles(), loc="upper left",
                          bbox_to_anchor=(1.03, 1.0), borderaxespad=0.0, fontsize="small")
            view.update(point, angle)
            return view

    def legend_handles(self) -> list[Any]:
        """Proxy artists that explain the drawing (for ``ax.legend`` or ``fig.legend``)."""
        # The arrow drawn is the column ∇fᵀ. With the direction (the explorer) a long gradient
        # arrow is shortened to fit the plot (and (∇f u) u with it): said on a second line,
        # so the legend is no wider than its other entries.
        shortened = ";\nlong ones shortened" if self.show_direction else ""
        handles = [
            Line2D([], [], label=f"gradient ∇fᵀ (arrow ×{self.scale:.2g}{shortened})",
                   linewidth=3, marker=">", markersize=8, **GRADIENT_STYLE["gradient"]),
            Line2D([], [], label="contour tangent", **GRADIENT_STYLE["tangent"]),
            Line2D([], [], label="point x", **GRADIENT_STYLE["point"]),
        ]
        if self.show_direction:
            handles += [
                Line2D([], [], label="u = [cos θ, sin θ]ᵀ", **GRADIENT_STYLE["direction"]),
                Line2D([], [], label="(∇f u) u, same scale", linewidth=2,
                       marker=">", markersize=7, **GRADIENT_STYLE["directional"]),
            ]
        return handles

    @property
    def moving_artists(self) -> list[Any]:
        """The artists that :meth:`update` changes (an explorer redraws only these)."""
        return list(self.artists.values())

    @property
    def span(self) -> float:
        return min(self.x_range[1] - self.x_range[0], self.y_range[1] - self.y_range[0])

    def arrow_factor(self, gradient: np.ndarray) -> float:
        """Drawn arrow = factor × vector: :attr:`scale`, less where the gradient arrow would
        be longer than 25 % of the plot (both arrows shrink alike, so one stays the
        projection of the other)."""
        norm = float(np.hypot(*np.ravel(gradient)))
        cap = 0.25 * self.span
        return min(self.scale, cap / norm) if norm > 0 else self.scale

    def evaluate(self, point: Sequence[float], angle: float) -> GradientAtPoint:
        """Value, gradient, directional derivative and contour tangent at ``point`` (no drawing)."""
        x1, x2 = float(point[0]), float(point[1])
        with np.errstate(all="ignore"):
            value = float(self.f(x1, x2))
            gradient = np.array([[float(g) for g in self.gradient(x1, x2)]])
            u = _angle_direction(angle)
            directional = float(gradient[0] @ u)
            norm = float(np.hypot(*gradient[0]))
        if np.isfinite(norm) and norm > 1e-12:
            tangent = np.array([-gradient[0, 1], gradient[0, 0]]) / norm
        else:
            tangent = np.array([np.nan, np.nan])
        return GradientAtPoint((x1, x2), value, gradient, u, directional, tangent)

    def update(self, point: Sequence[float], angle: float = 0.0) -> GradientAtPoint:
        """Move the point, the arrows and the tangent segment; return what is shown."""
        state = self.evaluate(point, angle)
        x1, x2 = state.point
        a = self.artists
        a["point"].set_data([x1], [x2])
        ok = state.defined
        a["gradient"].set_offsets([[x1, x2]])
        factor = self.arrow_factor(state.gradient) if ok else 0.0
        if ok:
            a["gradient"].set_UVC(*(factor * state.gradient[0]))
        a["gradient"].set_visible(ok)
        half = 0.13 * self.span
        t = state.tangent if ok else np.array([np.nan, np.nan])
        a["tangent"].set_data([x1 - half * t[0], x1 + half * t[0]], [x2 - half * t[1], x2 + half * t[1]])
        if self.show_direction:
            u = state.direction
            reach = 0.3 * self.span
            a["direction"].set_data([x1, x1 + reach * u[0]], [x2, x2 + reach * u[1]])
            a["directional"].set_offsets([[x1, x2]])
            if ok:
                a["directional"].set_UVC(*(factor * state.directional * u))
            a["directional"].set_visible(ok)
        return state


def _vector_text(values: Any, digits: int = 3) -> str:
    return "[" + ", ".join(f"{v + 0.0:.{digits}g}" for v in np.ravel(values)) + "]"


@styled
def gradient_field_small_multiples(f: Any, points: Sequence[Sequence[float]] = (
        (1.0, 0.5), (-1.5, 1.0), (-2.0, -1.0), (1.5, -1.8)),
        x_range: tuple[float, float] = (-3.0, 3.0), y_range: tuple[float, float] = (-3.0, 3.0),
        field: bool = True) -> Figure:
    """Static counterpart of the gradient-field explorer.

    Left panel: the contour lines of f with, at each of ``points``, the gradient arrow and the
    tangent of the contour line through it (the gradient is orthogonal to it). Right panel
    (``field=True``): the direction of ∇f on a grid, over the same contours.

    Parameters
    ----------
    f : str or sympy.Expr
        Function of x1 and x2.
    points : sequence of (x1, x2)
        Where to draw the gradient (1 to 8 points).
    x_range, y_range : (float, float)
        The rectangle drawn.
    field : bool
        Add the panel with the normalised gradient field.

    Examples
    --------
    >>> fig = gradient_field_small_multiples("x1^2 + 2*x2^2", points=[(1, 0.5)])
    >>> len(fig.axes)
    2
    """
    from ..maths.parser import as_expression, to_numpy_function

    expression = as_expression(f, ("x1", "x2"))
    field = check_flag(field, "field")
    checked = [check_point(p, f"points[{i}]") for i, p in enumerate(_point_list(points))]
    if not 1 <= len(checked) <= 8:
        raise ValueError(f"points must hold 1 to 8 points (x1, x2), got {len(checked)}")
    x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
    function = to_numpy_function(expression, ("x1", "x2"))
    gradient = gradient_function(expression)
    ncols = 2 if field else 1
    fig, axes = new_figure(1, ncols, width_ratio=1.0 if field else 0.6, height_ratio=1.35)
    view = GradientFieldView.draw(function, gradient, checked[0], 0.0, x_range, y_range,
                                  ax=axes[0], show_direction=False, legend=False)
    for artist in view.moving_artists:
        artist.remove()
    # one scale for every arrow (as the legend says): none is shortened to fit the plot
    view.scale = min(view.arrow_factor(view.evaluate(p, 0.0).gradient) for p in checked
                     if view.evaluate(p, 0.0).defined) if any(
        view.evaluate(p, 0.0).defined for p in checked) else view.scale
    view.scale = min([view.scale] + [_inside_factor(p, view.evaluate(p, 0.0).gradient, x_range, y_range)
                                     for p in checked if view.evaluate(p, 0.0).defined])
    for index, point in enumerate(checked):
        extra = GradientFieldView(function, gradient, axes[0], x_range, y_range, view.scale, {
            "tangent": axes[0].plot([], [], zorder=4, **GRADIENT_STYLE["tangent"])[0],
            "gradient": _arrow(axes[0], GRADIENT_STYLE["gradient"]["color"], 0.011),
            "point": axes[0].plot([], [], zorder=7, **GRADIENT_STYLE["point"])[0],
        }, show_direction=False)
        state = extra.update(point)
        text = f"∇f = {_vector_text(state.gradient)}" if state.defined else "∇f undefined"
        axes[0].annotate(text, point, xytext=(6, -14), textcoords="offset points",
                         fontsize="x-small", zorder=8,
                         bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                               "edgecolor": "none", "alpha": 0.85})
    axes[0].set_title("∇fᵀ ⊥ contour line at each point")
    if field:
        ax = axes[1]
        draw_contours(function, x_range, y_range, ax=ax, labels=False)
        draw_vector_field(gradient, x_range, y_range, ax=ax)
        plane_axes(ax)
        ax.set_title("direction of ∇fᵀ (equal lengths)")
    handles = view.legend_handles()
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize="small")
    fig.suptitle(f"f(x₁, x₂) = {expression_text(expression)}")
    return fig


def _inside_factor(point: tuple[float, float], vector: Any, x_range: tuple[float, float],
                   y_range: tuple[float, float]) -> float:
    """Largest t with point + t·vector (and its arrowhead) 5 % inside the plotted rectangle.

    Examples
    --------
    >>> round(_inside_factor((0.0, 0.0), [10.0, 0.0], (-1.0, 1.0), (-1.0, 1.0)), 3)
    0.09
    """
    factor = np.inf
    for coordinate, component, (low, high) in zip(point, np.asarray(vector, dtype=float).ravel(),
                                                  (x_range, y_range)):
        margin = 0.05 * (high - low)
        if component > 0:
            factor = min(factor, max(high - margin - coordinate, 0.0) / component)
        elif component < 0:
            factor = min(factor, max(coordinate - low - margin, 0.0) / -component)
    return float(factor)


def _point_list(points: Any) -> list[Any]:
    return check_sequence(points, "points", what="points (x1, x2)")
