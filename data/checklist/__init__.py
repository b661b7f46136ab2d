"""A team's Markdown go-live checklist in and out: read by its shape (sections, task lists,
tables, people, instants, words in German and English) into a plan, and the board written
back in the same shape.

Imports plan, rules, changes, outputs, time, texts.
"""
