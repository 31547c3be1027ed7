"""Worked exercises of notebook 02 (Taylor series)."""

from ..assist import Exercise

NOTEBOOK = "02_taylor_series"

EXERCISES = [
    Exercise(
        id="taylor-cos", notebook=NOTEBOOK, number="1", checker="check_taylor_coefficients",
        args=("cos(x)",), kwargs={"x0": 0.0, "order": 4},
        hints=(
            r"$c_k = f^{(k)}(x_0)/k!$. Write down $\cos$ and its first four derivatives, and "
            r"evaluate each at $0$.",
            r"The derivatives of $\cos$ cycle with period 4: $\cos, -\sin, -\cos, \sin, \cos$. "
            r"At 0, $\sin$ vanishes and $\cos$ is 1; divide each value by $k!$ (mind the signs).",
        ),
        steps=r"""
1. $c_k = \dfrac{f^{(k)}(0)}{k!}$ for $k = 0, \dots, 4$.
2. Derivatives: $f = \cos x$, $f' = -\sin x$, $f'' = -\cos x$, $f''' = \sin x$, $f^{(4)} = \cos x$.
3. At $0$: $1, 0, -1, 0, 1$.
4. Divide by $0!, 1!, 2!, 3!, 4! = 1, 1, 2, 6, 24$: $c = \left[1, 0, -\tfrac12, 0, \tfrac1{24}\right]$,
   i.e. $\cos x \approx 1 - \frac{x^2}{2} + \frac{x^4}{24}$ (only even powers: $\cos$ is even).
""",
        answer_code="answer_1 = [1, 0, -1/2, 0, 1/24]",
    ),
    Exercise(
        id="taylor-exp2x", notebook=NOTEBOOK, number="2", checker="check_taylor_coefficients",
        args=("exp(2*x)",), kwargs={"x0": 0.0, "order": 4}, given=lambda: [1, 2, 4, 8, 16],
        hints=(
            r"The classmate's list holds the derivatives $f^{(k)}(0)$. Is that what a Taylor "
            r"*coefficient* is?",
            r"$f^{(k)}(x) = 2^k e^{2x}$, so $f^{(k)}(0) = 2^k$; the coefficient is $f^{(k)}(0)/k!$. "
            r"Divide each entry by the right factorial.",
        ),
        steps=r"""
1. Chain rule, $k$ times: $\frac{d^k}{dx^k} e^{2x} = 2^k e^{2x}$, so $f^{(k)}(0) = 2^k$: $1, 2, 4, 8, 16$ —
   the classmate's list.
2. The coefficients divide by $k!$: $c_k = \dfrac{2^k}{k!}$.
3. $c = \left[1, 2, \tfrac{4}{2}, \tfrac{8}{6}, \tfrac{16}{24}\right] = \left[1, 2, 2, \tfrac43, \tfrac23\right]$.
4. Cross-check: $e^{u} = \sum u^k/k!$ with $u = 2x$ gives the same.
""",
        answer_code="answer_2 = [1, 2, 2, 4/3, 2/3]",
    ),
    Exercise(
        id="taylor-log", notebook=NOTEBOOK, number="3", checker="check_taylor_coefficients",
        args=("log(x)",), kwargs={"x0": 1.0, "order": 3},
        hints=(
            r"Evaluate $\log x$ and the three derivatives given in the exercise at $x_0 = 1$ "
            r"(not at 0), then apply $c_k = f^{(k)}(x_0)/k!$.",
            r"At $x = 1$ every power $x^{-m}$ is 1, so $f^{(k)}(1)$ is just the constant in front. "
            r"Divide by $k!$ and keep the signs.",
        ),
        steps=r"""
1. $f(1) = \log 1 = 0$.
2. $f'(x) = 1/x$, $f''(x) = -1/x^2$, $f'''(x) = 2/x^3$; at $x = 1$: $1, -1, 2$.
3. $c_k = f^{(k)}(1)/k!$: $c_0 = 0$, $c_1 = 1$, $c_2 = -\tfrac12$, $c_3 = \tfrac26 = \tfrac13$.
4. So $\log x \approx (x-1) - \frac{(x-1)^2}{2} + \frac{(x-1)^3}{3}$ (in general $c_k = (-1)^{k+1}/k$).
""",
        answer_code="answer_3 = [0, 1, -1/2, 1/3]",
    ),
]
