"""What a go-live plan is and where it comes from: the read-only model, the embedded default
(default_plan.toml), the strict TOML reader, the roster and the source document's facts, and
where golive's own config.toml lives.

Imports time, texts, rules.people (the people rule for roster names), signing.ssh_sig.
"""
