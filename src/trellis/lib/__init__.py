"""Django-free helpers shared by several apps."""
