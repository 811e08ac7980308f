"""Application shell, long-work helper, error presenter, chart styling, shared widgets."""
