"""Layer 3, interaction: the fast canvas (``canvas``), the explorer base and its controls (``base``), then one explorer module per topic."""
