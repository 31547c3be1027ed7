"""Worked exercise of notebook 10 (step size and momentum): one bold-driver step."""

from ..assist import Exercise

NOTEBOOK = "10_step_size_and_momentum"

EXERCISES = [
    Exercise(
        id="bold-driver", notebook=NOTEBOOK, number="1", checker="check_bold_driver_step",
        args=("x1^2 + 10*x2^2", [1.0, 1.0], 0.2), given=lambda: ([0.6, -3.0], 0.22),
        hints=(
            r"The bold driver *tries* the gradient step and then compares $f$ before and after. "
            r"Compute $f$ at both points: did it go down?",
            r"If $f$ went down, keep the new point and grow $\gamma$ (factor 1.1); if it went up, "
            r"reject the step — stay where you were — and shrink $\gamma$ (factor 0.5).",
        ),
        steps=r"""
1. $\nabla f = [2x_1,\; 20x_2]$; at $(1, 1)$: $[2, 20]$.
2. Trial step: $(1, 1) - 0.2\,(2, 20) = (0.6, -3)$ — the classmate's point.
3. Compare: $f(1, 1) = 11$, $f(0.6, -3) = 0.36 + 90 = 90.36 > 11$: the step made $f$ **larger**.
4. So the bold driver rejects it: the next iteration starts again at $(1, 1)$, with $\gamma = 0.5 \cdot 0.2 = 0.1$.
""",
        answer_code="answer_1 = ([1.0, 1.0], 0.1)",
    ),
]
