"""Pure organization logic: CDS codes, school levels, and the hierarchy derived from CDE files."""
