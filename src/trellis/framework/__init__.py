"""The conditions-and-capacities framework and the survey instruments built on it, as data."""
