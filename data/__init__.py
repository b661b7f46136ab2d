"""golive.data: the plan, the store, the clock and the rules. Never imports Textual."""
