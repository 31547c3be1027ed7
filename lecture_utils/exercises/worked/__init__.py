"""The "Check yourself" exercises as data, one module per topic (the notebooks' order): each
module's ``EXERCISES`` lists :class:`~lecture_utils.exercises.assist.Exercise` records — id,
notebook, the checker's arguments as in the notebook cell, graded hints (a nudge, then the
method, never the answer) and a worked solution with its final answer as code.

Hints and solutions are Markdown with LaTeX (``$...$``); write them as raw strings."""
