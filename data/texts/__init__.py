"""Every word golive itself writes, in German and English (one catalogue, one lookup), the
symbols of the states, and what user text may contain.

Imports nothing of golive.
"""
