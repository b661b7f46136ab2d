"""Every change anyone can make, as a command checked against the current state, and the
one event it becomes; the go-live's commands after a GO; the one Refused exception.

Imports log.events and log.fold, plan, rules, signing, time, texts.
"""
