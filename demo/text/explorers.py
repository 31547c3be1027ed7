# %% [markdown] slideshow={"slide_type": "slide"}
# # Calculus and optimization — the explorers
#
# The course's interactive pictures, one topic at a time, without code. **Pick a topic** in the
# menu; **move a slider** with the mouse, or Tab to it and press the arrow keys; **pick or type a
# function** such as `x^2*sin(x)` (read as mathematics, never run). [In class ↓](#Using-it-in-class)

# %% slideshow={"slide_type": "skip"}
import html

import ipywidgets as widgets
import numpy as np

from lecture_utils import (
    descent_explorer, error_components_explorer, gradient_field_explorer,
    gradient_flow_explorer, identity_explorer, momentum_rate_explorer,
    multivariate_taylor_explorer, presentation, Quadratic, reshape_explorer,
    secant_explorer, sgd_explorer, taylor_explorer,
)

presentation(True)  # figures, sliders and labels readable from the back of the room

# Headings, menu and text in the explorers' presentation sizes (their readouts are ≈ 26 px).
APP_CSS = """<style>
.lu-app .lu-app-menu button { font-size: 18px !important; height: auto; padding: 3px 8px; }
.lu-app .lu-app-menu.widget-toggle-buttons { flex-wrap: wrap; gap: 4px; }
.lu-app, .jp-OutputArea:has(.lu-app), .jp-OutputArea-child:has(.lu-app),
.jp-OutputArea-output:has(.lu-app) { overflow: visible !important; }  /* so that the menu can stick */
.lu-app .lu-app-menu { position: sticky; top: 0; z-index: 10; background: var(--jp-layout-color0, white);
                       padding: 4px 0; }
.lu-app .lu-app-heading h2 { font-size: 34px; line-height: 1.15; margin: 8px 0 2px 0; }
.lu-app .lu-app-heading p { font-size: 20px; line-height: 1.3; margin: 0 0 4px 0; }
.jp-RenderedMarkdown p, .jp-RenderedMarkdown li { font-size: 17px; line-height: 1.45; }
.jp-RenderedMarkdown h1 { font-size: 34px; margin-top: 0; }
.jp-RenderedMarkdown h2 { font-size: 30px; }
</style>"""


def explorer_app(topics):
    """A menu of topics over one explorer at a time; each explorer is built on first choice.

    ``topics``: (number, menu label, title, one-line task, function making the explorer).
    """
    built = {}
    menu = widgets.ToggleButtons(
        options=[(f"{number} {label}", k) for k, (number, label, *_) in enumerate(topics)],
        tooltips=[title for (_, _, title, _, _) in topics], value=0,
        style={"button_width": "auto"})
    menu.add_class("lu-app-menu")
    heading = widgets.HTML()
    heading.add_class("lu-app-heading")
    stage = widgets.Box()
    app = widgets.VBox([widgets.HTML(APP_CSS), menu, heading, stage])
    app.add_class("lu-app")

    def show(k):
        number, _, title, task, make = topics[k]
        heading.value = f"<h2>{number} · {html.escape(title)}</h2><p>{html.escape(task)}</p>"
        if k not in built:
            stage.children = [widgets.HTML("<p>Drawing the explorer…</p>")]
            built[k] = make()
        stage.children = [built[k].widget]

    menu.observe(lambda change: show(change["new"]), names="value")
    show(0)
    return app



# %% slideshow={"slide_type": "-"}
ill = Quadratic.with_condition_number(50, angle=np.pi / 6)

explorer_app([
    ("01", "Derivatives", "Derivatives: secant and tangent",
     "Move x and δx: the secant's slope is the mean slope over [x, x + δx] and approaches the tangent.",
     lambda: secant_explorer()),
    ("02", "Taylor", "Taylor series",
     "Raise the order n and move the expansion point x₀: the Taylor polynomial hugs f near x₀.",
     lambda: taylor_explorer()),
    ("03", "Gradients", "Gradients and contour lines",
     "Move the point and the direction θ: ∇f is orthogonal to the contour line; ∇f u is the slope along unit u.",
     lambda: gradient_field_explorer()),
    ("04", "Jacobians", "Approach 1 ↔ Approach 2",
     "Pick an entry (i, j, k) of the 4 × 2 × 3 tensor ∂A/∂x: where does it land in the flattened 8 × 3 matrix?",
     lambda: reshape_explorer(np.random.default_rng(0).normal(size=(4, 2, 3)).round(2))),
    ("05", "Identities", "Gradient identities",
     "Pick an identity, a size and a seed: numerical derivative, closed form and their difference.",
     lambda: identity_explorer()),
    ("06", "Backprop", "Vanishing gradients",
     "Change the activation, depth and weight scale: the gradient norm per layer (log axis) shrinks for sigmoid.",
     lambda: gradient_flow_explorer("sigmoid", depth=10)),
    ("07", "Hessian", "Multivariate Taylor",
     "Raise the order and move the expansion point: f, its Taylor polynomial Tₙ and the error |f − Tₙ|.",
     lambda: multivariate_taylor_explorer("x^2 + 2*x*y + y^3", point=(1.0, 2.0), order=1)),
    ("08", "Descent", "Gradient descent",
     "Move the step size (edge 2/λmax and best step marked), the start and the steps; change the condition number.",
     lambda: descent_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), n_steps=60)),
    ("10", "Eigen-picture", "Step size along the eigenvectors",
     "Move γ: each error component shrinks by its own factor |1 − γλᵢ|; λmax sets the edge, λmin the speed.",
     lambda: error_components_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), step=0.08)),
    ("10", "Momentum", "Momentum",
     "Step size and momentum on an ill-conditioned quadratic (κ = 50), after Distill's Why Momentum Really Works.",
     lambda: descent_explorer(ill, x0=(-2.0, 1.5), step=ill.optimal_step, n_steps=150,
                              momentum=True, alpha=0.5, x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))),
    ("10", "Rate map", "Momentum: the rate map ρ(γ, α)",
     "Move γ and α: the dot moves on the map of the rate ρ; the star is the best pair; f(x_k) may rise.",
     lambda: momentum_rate_explorer(ill, x0=(-2.0, 1.5), step=0.05, momentum=0.5)),
    ("11", "SGD", "Stochastic gradient descent",
     "Move the batch size and the step, switch on the decaying step: the noisy path and its noise floor.",
     lambda: sgd_explorer(batch_size=5, step=0.05)),
])


# %% [markdown] slideshow={"slide_type": "slide"}
# ## Using it in class
#
# - **Students.** Each topic is the explorer of one notebook of the course (the number is the
#   notebook's). Change one thing at a time and say what you expect before you look. The line
#   under the figure says what was wrong with a typed function (in red); correct it and press
#   Enter. Home and End take a slider to its ends.
# - **Instructors.** The page is made for a 1280 × 720 projector, in the sizes of
#   presentation mode; the menu stays at the top when you scroll down to a figure. Open a topic by clicking it, or
#   with Tab and Enter; an explorer is drawn the first time its topic is opened and keeps its
#   settings when you come back to it. Reload the page to start again from the first settings.
#   Ask the room what will happen before you move a slider, then move it.
