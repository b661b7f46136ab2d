"""Who signed it: the self-contained statement a person signs, OpenSSH signatures through the
real ssh-keygen, and the check of every signed sign-off, decision and rollback.

Imports log.events, log.fold, log.eventlog, plan, rules.roster, changes.refused, time, texts.
"""
