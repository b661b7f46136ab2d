"""What golive writes out or says about the board: the retrospective export (Markdown, JSON),
status updates, the approval document, `status` as text and JSON, one event in words, and
the safe way every file besides the database reaches its name.

Imports log, plan, rules, signing, checklist.export, time, texts.
"""
