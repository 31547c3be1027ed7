# %% [markdown] slideshow={"slide_type": "slide"}
# # Calculus Concepts and Optimization Basics — overview
#
# *Principles of Machine Learning, Lecture 3* (following *Mathematics for Machine Learning*,
# chapters 5 and 7). This course kit turns every formula and worked example of the slides into
# code you can run, check and play with.
#
# **In this notebook:** the map of the lecture's concepts, the list of notebooks, and how to run
# them — on your machine, on Binder, or on your university's JupyterHub.

# %% slideshow={"slide_type": "skip"}
from lecture_utils import draw_mind_map, presentation

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The map of the lecture
#
# Each box is a concept of the slides, with the notebook that teaches it. Arrows say how one
# concept leads to the next: the **difference quotient** becomes the **derivative** in the limit,
# derivatives give **Taylor series**, one variable at a time they give **partial derivatives** and
# the **gradient**; the partial derivatives of a vector-valued $f$, collected in a matrix, form the
# **Jacobian**; the second-order partial derivatives of a scalar $f$ form the **Hessian**; the chain rule, applied layer by layer
# to the layers' Jacobians, is **backpropagation**; and the negative gradient drives **gradient
# descent**.

# %% slideshow={"slide_type": "subslide"}
draw_mind_map().figure

# %% [markdown] slideshow={"slide_type": "-"}
# *Figure: mind map of the lecture (the slides' figure was lost in the OCR of the slides; this
# version is drawn from the chapter's structure). Each box names a concept and its notebook; blue
# boxes: calculus, orange boxes (notebooks 08–11): optimisation. Arrows, with their labels beside
# them in italics: difference quotient → derivative ("limit δx → 0"); derivative → Taylor series
# ("f⁽ᵏ⁾(x₀)/k!") and → partial derivatives & gradient ("one variable at a time"); partial
# derivatives & gradient → chain rule ("several variables"), → Jacobian ("vector-valued f"),
# → Hessian ("second order") and → gradient descent ("−∇f"); Jacobian → gradient identities;
# Taylor series ("many variables") and Hessian → multivariate Taylor; chain rule ("layer by layer")
# and Jacobian ("Jacobians of the layers") → backpropagation → gradient descent ("train a
# network") → step sizes, minima, saddles, momentum ("challenges"), to which the Hessian also
# leads ("curvature").*

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The notebooks
#
# | # | notebook | slides covered | status |
# |---|---|---|---|
# | 00 | [Overview](00_overview.ipynb) | table of contents, mind map | ready |
# | 01 | [Derivatives](01_derivatives.ipynb) | difference quotient, derivative, differentiation rules | ready |
# | 02 | [Taylor series](02_taylor_series.ipynb) | Taylor polynomial and series, Maclaurin series of sin x + cos x | ready |
# | 03 | [Partial derivatives and gradients](03_partial_derivatives_and_gradients.ipynb) | partial derivatives, gradient, chain rule | ready |
# | 04 | [Jacobians and matrix gradients](04_jacobians_and_matrix_gradients.ipynb) | Jacobian, least-squares gradient, gradients of matrices | ready |
# | 05 | [Gradient identities](05_gradient_identities.ipynb) | useful identities for computing gradients | ready |
# | 06 | [Backpropagation](06_backpropagation.ipynb) | gradients in a deep network, backpropagation | ready |
# | 07 | [Hessian and multivariate Taylor](07_hessian_and_multivariate_taylor.ipynb) | higher-order derivatives, Hessian, linearisation, multivariate Taylor series | ready |
# | 08 | [Gradient descent](08_gradient_descent.ipynb) | optimisation using gradient descent, the quadratic example, step size | ready |
# | 09 | [Challenges of gradient descent](09_gradient_descent_challenges.ipynb) | local and global minima, saddle points, a step size too small or too large | ready |
# | 10 | [Step size and momentum](10_step_size_and_momentum.ipynb) | adaptive step sizes (bold driver, backtracking), momentum | ready |
# | 11 | [Convexity, Newton's method and stochastic gradients](11_convexity_newton_sgd.ipynb) | convexity, Newton's method and preconditioning, stochastic gradient descent | ready |
#
# Each notebook follows the same plan: the concept in the slides' notation → the slides'
# worked examples recomputed and checked → a live **explorer** (sliders) with a static version
# for readers without a kernel → **Check yourself** exercises → summary.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## How to run the notebooks
#
# **On your machine** (Python 3.11 or newer and `make`):
#
# ```bash
# make lab     # creates .venv, installs everything, opens JupyterLab here
# make test    # runs every test and re-checks every notebook
# ```
#
# **With conda**: `conda env create -f environment.yml`, `conda activate calculus-optimization`,
# `pip install --no-deps -e .`, then `jupyter lab notebooks/`.
#
# **On Binder** (nothing to install): use the *launch binder* badge of the README; each notebook
# also has its own launch link there.
#
# **On a JupyterHub**: clone the repository, then `pip install -e .` in a terminal.
#
# The explorers need a running kernel. On GitHub or nbviewer you see each explorer's first
# state as a picture, followed by a static figure of small multiples that shows the same idea.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## For instructors
#
# - `presentation(True)` makes the figures and explorers created afterwards large enough for
#   the back of a lecture hall (fonts, lines, sliders, labels); `presentation(False)` switches back.
# - Every cell carries slide metadata: **Alt+R** (`jupyterlab-rise`) presents the notebook
#   live as slides, explorers included; `make slides` writes reveal.js decks that work offline
#   (handouts: open a deck with `?print-pdf` and print).
# - `make demo` serves only the explorers, without code, as a Voilà app (`demo/explorers.ipynb`;
#   a Binder link is in the README).
# - Figures use a colour-blind-safe palette with line styles and markers, white faces for the
#   dark theme, and a text description under each.

# %% slideshow={"slide_type": "-"}
presentation(False)  # the reading size (the default); use True in class

# %% [markdown] slideshow={"slide_type": "slide"}
# **Next:** [01 — Derivatives](01_derivatives.ipynb).
