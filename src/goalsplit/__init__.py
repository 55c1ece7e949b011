"""goalsplit: decompose a sales target into each rep's daily and weekly actions."""

__version__ = "0.1.0"
