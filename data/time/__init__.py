"""The one clock handed to everything, so tests, screenshots and rehearsals can fix or speed
time, and the instants and intervals in the plan's zone.

Imports texts only.
"""
