"""Self-assessment computations, free of Django: items, consensus spread, heatmap, change."""
