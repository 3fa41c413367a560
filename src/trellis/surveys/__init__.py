"""Staff surveys: instruments from the framework item bank, survey windows, taking surveys."""
