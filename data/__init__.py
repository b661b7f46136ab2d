"""golive.data: everything but the screen. Never imports Textual.

log/        the event, the hash chain, the fold, the SQLite file and the store, verify
plan/       what a plan is, the default plan, the TOML reader, the roster, config.toml's place
rules/      from plan, state and now to the Board: item states, verdict, phase, people rule
changes/    every change anyone can make (commands) and the one Refused exception
signing/    signed statements through ssh-keygen and their check
time/       the one clock
outputs/    export, status updates, approval document, status text and JSON, safe files
checklist/  a team's Markdown checklist in (import) and out (export)
texts/      every word golive writes, German and English
"""
