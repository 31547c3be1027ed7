"""Worked exercises of notebook 01 (derivatives)."""

from ..assist import Exercise

NOTEBOOK = "01_derivatives"

EXERCISES = [
    Exercise(
        id="deriv-product", notebook=NOTEBOOK, number="1", checker="check_derivative",
        args=("x^2*sin(x)",),
        hints=(
            r"$f$ is a product of two functions of $x$. Which rule differentiates a product?",
            r"Product rule: $(uv)' = u'v + uv'$. Take $u = x^2$ and $v = \sin x$, differentiate "
            r"each on its own, then put the two terms together.",
        ),
        steps=r"""
1. $f(x) = x^2 \sin x = u(x)\,v(x)$ with $u = x^2$, $v = \sin x$.
2. The parts: $u' = 2x$ (power rule), $v' = \cos x$.
3. Product rule: $f'(x) = u'v + uv' = 2x \sin x + x^2 \cos x$.
4. Check at a point where the two terms differ, $x = \pi/2$: $2x \sin x = \pi$ and $x^2 \cos x = 0$, so
   $f'(\pi/2) = \pi$; the central difference $\frac{f(\pi/2 + h) - f(\pi/2 - h)}{2h}$ with $h = 10^{-3}$ gives
   $3.141591\ldots$ ✓ (a slip such as $2x\cos x$ would give 0 there).
""",
        answer_code='answer_1 = "2*x*sin(x) + x^2*cos(x)"',
    ),
    Exercise(
        id="deriv-chain", notebook=NOTEBOOK, number="2", checker="check_derivative",
        args=("sin(x^2)",), given=lambda: "cos(x^2)",
        hints=(
            r"$\sin(x^2)$ is a function *of a function*: an outer $\sin$ applied to an inner "
            r"$x^2$. The classmate treated the inner part as if it were $x$.",
            r"Chain rule: $(g \circ h)'(x) = g'(h(x))\,h'(x)$ with $g = \sin$, $h(x) = x^2$. "
            r"Differentiate the outer function at the inner one, then multiply by the inner "
            r"derivative.",
        ),
        steps=r"""
1. Write $f = g \circ h$ with outer $g(u) = \sin u$ and inner $h(x) = x^2$.
2. $g'(u) = \cos u$, so $g'(h(x)) = \cos(x^2)$ — this is the classmate's answer, only half of it.
3. $h'(x) = 2x$.
4. Chain rule: $f'(x) = g'(h(x))\,h'(x) = 2x\cos(x^2)$: the factor $2x$ was forgotten.
""",
        answer_code='answer_2 = "2*x*cos(x^2)"',
    ),
    Exercise(
        id="central-difference", notebook=NOTEBOOK, number="3", checker="check_central_difference",
        answer_name="my_difference",
        given=lambda: (lambda f, x, h: (f(x + h) - f(x)) / h),
        hints=(
            r"The central difference samples $f$ on *both* sides of $x$, symmetrically. Which "
            r"two points, and how far apart are they?",
            r"Keep $f(x + h)$, and replace the sample at $x$ by its mirror image of $x + h$ about "
            r"$x$. The run between the two sample points is no longer $h$: the denominator changes too.",
        ),
        steps=r"""
1. The forward difference $\frac{f(x+h) - f(x)}{h}$ is the slope of the secant from $x$ to $x + h$;
   its error is of order $h$.
2. The central difference is the slope of the secant from $x - h$ to $x + h$: rise
   $f(x+h) - f(x-h)$ over run $(x + h) - (x - h) = 2h$.
3. Taylor with remainder, for $f \in C^3$: $f(x \pm h) = f(x) \pm h f'(x) + \frac{h^2}{2} f''(x) \pm \frac{h^3}{6} f'''(\xi_\pm)$
   with $\xi_\pm$ between $x$ and $x \pm h$. Subtract (the $f(x)$ and $f''$ terms cancel) and divide by $2h$:
   $\frac{f(x+h) - f(x-h)}{2h} = f'(x) + \frac{h^2}{12}\big(f'''(\xi_+) + f'''(\xi_-)\big) = f'(x) + \frac{h^2}{6} f'''(\xi)$
   for some $\xi \in [x - h, x + h]$ (intermediate value theorem, $f'''$ continuous): the error is of order $h^2$.
4. In code, mind the brackets: `(f(x + h) - f(x - h)) / (2 * h)`, not `/ 2 * h`.
""",
        answer_code="""\
def my_difference(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)""",
    ),
]
