# %% [markdown] slideshow={"slide_type": "slide"}
# # Calculus Concepts and Optimization Basics — the explorers
#
# Every interactive explorer of the course kit, without code: drag a slider, pick a function,
# or type one (only mathematics is accepted: typed text is parsed, never run).
# Served by Voilà: `make demo` (add `VOILA_ARGS=--theme=dark` for a dark room).

# %% slideshow={"slide_type": "skip"}
import numpy as np

from lecture_utils import (
    descent_explorer, gradient_field_explorer, gradient_flow_explorer, identity_explorer,
    multivariate_taylor_explorer, presentation, Quadratic, reshape_explorer,
    secant_explorer, taylor_explorer,
)

ill = Quadratic.with_condition_number(50, angle=np.pi / 6)

presentation(True)  # figures, sliders and labels readable from the back of the room

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 01 · Derivatives: secant and tangent
#
# Move x and δx: the secant's slope is the mean slope over [x, x + δx] and approaches the tangent.

# %% slideshow={"slide_type": "-"}
secant_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 02 · Taylor series
#
# Raise the order n and move the expansion point x₀: the Taylor polynomial hugs f near x₀.

# %% slideshow={"slide_type": "-"}
taylor_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 03 · Gradients and contour lines
#
# Move the point and the direction θ: the gradient is orthogonal to the contour line; ∇f u is the slope along a unit direction u.

# %% slideshow={"slide_type": "-"}
gradient_field_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 04 · Approach 1 ↔ Approach 2
#
# Pick an entry (i, j, k) of the 4 × 2 × 3 tensor ∂A/∂x and see where it lands in the flattened 8 × 3 matrix.

# %% slideshow={"slide_type": "-"}
reshape_explorer(np.random.default_rng(0).normal(size=(4, 2, 3)).round(2))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 05 · Gradient identities
#
# Pick an identity, a size and a seed: numerical derivative, closed form and their difference.

# %% slideshow={"slide_type": "-"}
identity_explorer()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 06 · Vanishing gradients
#
# Change the activation, the depth and the weight scale: the gradient norm per layer (log axis) shrinks towards the input for sigmoid.

# %% slideshow={"slide_type": "-"}
gradient_flow_explorer("sigmoid", depth=10)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 07 · Multivariate Taylor
#
# Raise the order and move the expansion point: f, its Taylor polynomial T_n and the error |f − T_n|.

# %% slideshow={"slide_type": "-"}
multivariate_taylor_explorer("x^2 + 2*x*y + y^3", point=(1.0, 2.0), order=1)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 08 · Gradient descent
#
# Move the step size (the divergence edge 2/λmax and the best step are marked), the start and the number of steps; change the condition number.

# %% slideshow={"slide_type": "-"}
descent_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), n_steps=60)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 09 · Momentum
#
# Step size and momentum on an ill-conditioned quadratic (κ = 50), in the spirit of Distill's *Why Momentum Really Works*.

# %% slideshow={"slide_type": "-"}
descent_explorer(ill, x0=(-2.0, 1.5), step=ill.optimal_step, n_steps=150, momentum=True, alpha=0.5,
                 x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
