"""Layer 1, mathematics: pure functions on numbers and SymPy expressions; no drawing."""
