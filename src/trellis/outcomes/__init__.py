"""California School Dashboard outcomes: file imports, performance colors, differentiated
assistance."""
