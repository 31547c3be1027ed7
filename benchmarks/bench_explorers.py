"""Explorer update time: from a control's value change to the figure drawn (kernel side).

Sets each slider of each explorer to a sequence of values, as a slider drag does, and times
the assignment: the observer runs synchronously, updates the artists and renders the ipympl
canvas (``canvas.draw()``, Agg) including the image diff that is sent to the browser. The
canvas is told that a front end is connected, as in JupyterLab (otherwise ipympl would also
encode a full PNG for the notebook file on every draw).

The changes run inside an asyncio event loop, as in a kernel: for an explorer with client-side
frames (``lecture_utils.explorers.frames``) a change of another control (x₀, the start) sends the
one picture of the current slider position; the redraw of every frame, 1 s after the last
change, is not timed here (its cost is in the README's frames paragraph and tests/test_frames.py).

Prints a Markdown table (median and p95 over >= 30 changes) for the README. The browser-side
latency (key press to changed pixels in Chromium) is measured by bench_browser_latency.py.

Run: .venv/bin/python benchmarks/bench_explorers.py
"""

from __future__ import annotations

import asyncio
import platform
import statistics
import time

import numpy as np

from lecture_utils import secant_explorer, taylor_explorer


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def time_changes(explorer, control, values) -> list[float]:
    frames = getattr(explorer, "frames", None)
    if frames is None or frames.view is None:  # the canvas is on screen (no client-side frames):
        explorer.canvas.syncing_data_url = False  # a connected front end, as in JupyterLab
    control.value = values[-1]  # warm up
    times = []
    for value in values:
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
    assert "lu-error" not in explorer.status._dom_classes, explorer.status_text
    return times


def main() -> None:
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores\n")
    rows = []
    secant = secant_explorer()
    rows.append(("secant", "x", time_changes(secant, secant.x, list(np.linspace(-1.5, 1.5, 40)))))
    rows.append(("secant", "δx", time_changes(secant, secant.dx, list(np.logspace(-3, 0.3, 40)))))
    taylor = taylor_explorer()
    rows.append(("Taylor", "order", time_changes(taylor, taylor.order, [n % 31 for n in range(40)])))
    rows.append(("Taylor", "x₀", time_changes(taylor, taylor.x0,
                                              [round(v, 1) for v in np.linspace(-2.5, 2.5, 40)])))
    taylor.order.value = 30
    rows.append(("Taylor (order 30)", "x₀", time_changes(taylor, taylor.x0,
                                                         [round(v, 1) for v in np.linspace(-2.5, 2.5, 40)])))
    taylor.picker.dropdown.value = "exp(sin x)"
    rows.append(("Taylor, exp(sin x)", "x₀", time_changes(taylor, taylor.x0,
                                                          [round(v, 1) for v in np.linspace(-2.5, 2.5, 40)])))
    from lecture_utils.explorers.gradients import gradient_field_explorer

    gradient = gradient_field_explorer()
    rows.append(("gradient field", "x₁", time_changes(gradient, gradient.x1,
                                                      [round(v, 2) for v in np.linspace(-2.5, 2.5, 40)])))
    rows.append(("gradient field", "x₂", time_changes(gradient, gradient.x2,
                                                      [round(v, 2) for v in np.linspace(-2.5, 2.5, 40)])))
    rows.append(("gradient field", "θ", time_changes(gradient, gradient.angle,
                                                     [float(v) for v in range(0, 360, 9)])))
    gradient.picker.dropdown.value = "valley (1 − x1)² + 5(x2 − x1²)²"
    rows.append(("gradient field, valley", "x₁", time_changes(gradient, gradient.x1,
                                                              [round(v, 2) for v in np.linspace(-2.5, 2.5, 40)])))
    from lecture_utils.explorers.identities import identity_explorer
    from lecture_utils.explorers.jacobians import reshape_explorer

    tensor = np.random.default_rng(0).normal(size=(4, 2, 3))
    reshape = reshape_explorer(tensor)
    rows.append(("reshape (4×2×3)", "row i", time_changes(reshape, reshape.i, [1 + n % 4 for n in range(40)])))
    rows.append(("reshape (4×2×3)", "slice k", time_changes(reshape, reshape.k, [1 + n % 3 for n in range(40)])))
    identity = identity_explorer("aT X^-1 b", size=3)
    rows.append(("identity, aᵀX⁻¹b, n = 3", "seed", time_changes(identity, identity.seed, list(range(40)))))
    identity.size.value = 6
    rows.append(("identity, aᵀX⁻¹b, n = 6", "seed", time_changes(identity, identity.seed, list(range(40)))))
    rows.append(("identity, aᵀX⁻¹b", "size n", time_changes(identity, identity.size,
                                                                  [1 + n % 6 for n in range(30)])))
    from lecture_utils import Quadratic, gradient_flow_explorer, multivariate_taylor_explorer
    from lecture_utils import descent_explorer

    flow = gradient_flow_explorer()
    rows.append(("gradient flow", "depth", time_changes(flow, flow.depth, [1 + n % 20 for n in range(40)])))
    rows.append(("gradient flow", "weight scale", time_changes(
        flow, flow.weight_scale, [round(0.25 + 0.05 * (n % 55), 2) for n in range(40)])))
    taylor2 = multivariate_taylor_explorer()
    rows.append(("multivariate Taylor", "order", time_changes(taylor2, taylor2.order, [n % 4 for n in range(40)])))
    rows.append(("multivariate Taylor", "x₀", time_changes(
        taylor2, taylor2.x0, [round(v, 1) for v in np.linspace(-2.5, 2.5, 40)])))
    descent = descent_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), n_steps=60)
    rows.append(("gradient descent, slides' quadratic", "step γ", time_changes(
        descent, descent.step, [round(float(v), 1) for v in np.linspace(5, 105, 40)])))
    rows.append(("gradient descent, slides' quadratic", "start x₁", time_changes(
        descent, descent.x0_1, [round(float(v), 1) for v in np.linspace(-3.5, 3.5, 40)])))
    ill = Quadratic.with_condition_number(50, angle=np.pi / 6)
    momentum = descent_explorer(ill, x0=(-2.0, 1.5), step=ill.optimal_step, n_steps=150,
                                momentum=True, alpha=0.5, x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
    rows.append(("momentum, κ = 50", "momentum α", time_changes(
        momentum, momentum.momentum, [round(0.05 * (n % 19), 2) for n in range(40)])))
    rows.append(("momentum, κ = 50", "step γ", time_changes(
        momentum, momentum.step, [round(float(v), 1) for v in np.linspace(5, 95, 40)])))
    from lecture_utils import (LeastSquares, error_components_explorer, momentum_rate_explorer,
                               sgd_explorer)

    slides = Quadratic([[2, 1], [1, 20]], [5, 3])
    eigen = error_components_explorer(slides, x0=(-3.0, -1.0), step=0.08, n_steps=40)
    rows.append(("eigen-picture, slides' quadratic", "step γ", time_changes(
        eigen, eigen.step, [round(float(v), 4) for v in np.linspace(0.01, 0.1, 40)])))
    rates = momentum_rate_explorer(ill, x0=(-2.0, 1.5), step=0.05, momentum=0.5, n_steps=120)
    rows.append(("rate map, κ = 50", "step γ", time_changes(
        rates, rates.step, [round(float(v), 4) for v in np.linspace(0.01, 0.07, 40)])))
    rows.append(("rate map, κ = 50", "momentum α", time_changes(
        rates, rates.momentum, [round(0.05 * (n % 19), 2) for n in range(40)])))
    stochastic = sgd_explorer(LeastSquares.synthetic(m=100, seed=0), w0=(3.0, 2.0), batch_size=1,
                              step=0.1)
    rows.append(("SGD, least squares", "step γ", time_changes(
        stochastic, stochastic.step, [round(float(v), 3) for v in np.geomspace(0.01, 0.2, 40)])))
    rows.append(("SGD, least squares", "batch size b", time_changes(
        stochastic, stochastic.batch, [list(stochastic.batch.options)[n % len(stochastic.batch.options)]
                                       for n in range(40)])))
    print("| explorer | control | median (ms) | p95 (ms) | changes |")
    print("|---|---|---:|---:|---:|")
    for name, control, times in rows:
        print(f"| {name} | {control} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | {len(times)} |")


async def _in_an_event_loop() -> None:
    from lecture_utils.explorers import frames

    frames.kernel_loop = asyncio.get_running_loop   # behave as in a kernel (no IPython here)
    main()


if __name__ == "__main__":
    asyncio.run(_in_an_event_loop())
