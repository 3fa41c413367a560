"""Improvement pages: projects (team, sharing, root causes, drivers), measures and PDSA cycles."""
