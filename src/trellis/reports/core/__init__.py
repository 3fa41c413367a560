"""Pure computation for needs profiles and the statewide view (no Django)."""
