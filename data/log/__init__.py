"""The log and its file: the event and its hash chain, the fold of the events into state,
the SQLite file (schema, opening, the store that appends), the walk that proves a state is
the fold, verify, rehearsal copies, the evidence of a damaged file and the copy off the node.

Imports plan (the plan stored in event 1), rules (the board the store reads), changes (the
commands it applies), signing (signatures checked on read), outputs.safe_file, time, texts.
"""
