"""Pure Dashboard computations (no Django): parsing, colors, eligibility, equity, synthetic data."""
