"""From plan, folded state and now to the Board: each item's state, the verdict and its
blockers, the go-live's phase and steps, marks on late sign-offs, and the rules for people,
contacts and the roster.

Imports plan, log.fold, changes.refused, outputs.describe, time, texts.
"""
