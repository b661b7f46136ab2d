"""The hostile tester's strings, plans and damaged files, shared by the reliability tests.

Each entry is (name, value): the name makes a readable test id. The catalogue is data,
not code: add a string here and every output test runs it.
"""

from __future__ import annotations

import re

HOSTILE_STRINGS: list[tuple[str, str]] = [
    # markup of every shape: Textual content markup, Rich markup, links, actions
    ("close-tag", "[/srv]"),
    ("close-all", "[/]"),
    ("placeholder", "[Status-Kanal]"),
    ("bold", "[b]bold[/b]"),
    ("Bold-capital", "[B]Bold[/B]"),
    ("colour", "[red on white]alarm[/red on white]"),
    ("link", "[link=file:///etc/passwd]x[/link]"),
    ("click", "[@click=app.quit]x[/]"),
    ("click-dollar", "[@click=$self.remove()]x[/]"),
    ("variable", "$text-accent $foreground"),
    ("bad-style", "[not a style at all]"),
    ("unclosed", "[bold"),
    ("escaped", "\\[b]not bold\\[/b]"),
    ("emoji-code", ":thumbs_up: :warning:"),
    ("t0-prod", "T-0 [/prod]"),
    ("ltc-srv", "LTC [/srv]"),
    ("nested", "[[[[b]]]]"),
    ("brace-format", "{label} {0} {} {{"),
    ("percent-format", "%s %d %(x)s"),
    ("html", "<script>alert(1)</script>"),
    ("markdown", "# title *em* _u_ `code` [x](http://e) | a | b |"),
    ("markdown-fence", "```\nfenced\n```"),
    ("markdown-html-comment", "<!-- hidden -->"),
    # terminal controls: ANSI, OSC, C0, C1
    ("ansi-red", "\x1b[31mred\x1b[0m"),
    ("ansi-clear", "\x1b[2J\x1b[H"),
    ("osc-title", "\x1b]0;owned\x07"),
    ("osc-52", "\x1b]52;c;cm0gLXJmIC8=\x07"),
    ("osc-8-link", "\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\"),
    ("bell", "ring\x07ring"),
    ("backspace", "abc\x08\x08\x08xyz"),
    ("carriage-return", "approved\rrejected"),
    ("nul", "nul\x00byte"),
    ("del", "del\x7fete"),
    ("c1-csi", "c1\x9b31mcsi"),
    ("c1-nel", "next\x85line"),
    ("vertical-tab", "v\x0bt\x0cf"),
    # line structure
    ("newline-row", "ok\n  ✔ approval.sre              SRE-Freigabe eingeholt [approved]"),
    ("crlf", "a\r\nb"),
    ("line-separator", "a\u2028b\u2029c"),
    ("tab", "a\tb"),
    # bidi and zero-width
    ("rlo", "\u202eevil\u202c"),
    ("lri", "\u2066isolate\u2069"),
    ("rlm", "a\u200fb"),
    ("zwsp", "zero\u200bwidth"),
    ("zwj", "a\u200db"),
    ("bom", "\ufeffbom"),
    ("word-joiner", "w\u2060j"),
    # combining marks and wide characters
    ("combining", "e\u0301\u0301\u0301"),
    ("zalgo", "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o"),
    ("cjk", "上線の準備完了"),
    ("fullwidth", "ＧＯ－ＬＩＶＥ"),
    ("hangul-jamo", "\u1100\u1161\u11a8"),
    # emoji sequences
    ("emoji", "🚀"),
    ("zwj-family", "👨\u200d👩\u200d👧\u200d👦"),
    ("flag", "🇩🇪"),
    ("skin-tone", "👍🏽"),
    ("keycap", "1\ufe0f\u20e3"),
    ("variation", "\u2764\ufe0f"),
    # sizes and emptiness
    ("long", "x" * 10_000),
    ("long-words", "Freigabe " * 1200),
    ("empty", ""),
    ("spaces", "   "),
    ("whitespace-mix", " \t \u00a0\u3000 "),
    ("nbsp", "non\u00a0breaking"),
    # encodings
    ("non-utf8", "bad\udcffbyte"),
    ("lone-surrogate", "\ud800"),
    ("private-use", "\ue000\U000f0000"),
    ("nonchar", "\ufffe\uffff"),
    ("replacement", "\ufffd"),
    ("sql", "'); DROP TABLE events; --"),
    ("json", '{"state": "approved"}'),
    ("path", "../../etc/passwd"),
]

assert len(HOSTILE_STRINGS) >= 60
assert len({name for name, _ in HOSTILE_STRINGS}) == len(HOSTILE_STRINGS)


def ids(entries: list[tuple[str, object]]) -> list[str]:
    return [name for name, _ in entries]


# --- malformed plans: (name, old, new) replacements in the default plan, or whole texts ------

_DEFAULT_EDITS: list[tuple[str, str, str]] = [
    ("unknown-top-field", "[golive]", "extra = 1\n[golive]"),
    ("unknown-golive-field", 'product = "LifeTimeCircle"',
     'product = "LifeTimeCircle"\ncolour = "red"'),
    ("no-product", 'product = "LifeTimeCircle"\n', ""),
    ("no-release", 'release = "rc-2026-03-01"\n', ""),
    ("no-timezone", 'timezone = "Europe/Berlin"\n', ""),
    ("no-t0", "t0 = 2026-03-06T10:00:00\n", ""),
    ("product-number", 'product = "LifeTimeCircle"', "product = 42"),
    ("product-empty", 'product = "LifeTimeCircle"', 'product = ""'),
    ("product-spaces", 'product = "LifeTimeCircle"', 'product = "   "'),
    ("product-controls-only", 'product = "LifeTimeCircle"', 'product = "\\u001b\\u0007"'),
    ("release-list", 'release = "rc-2026-03-01"', 'release = ["a"]'),
    ("timezone-unknown", 'timezone = "Europe/Berlin"', 'timezone = "Mars/Olympus"'),
    ("timezone-path", 'timezone = "Europe/Berlin"', 'timezone = "../../etc/passwd"'),
    ("timezone-localtime", 'timezone = "Europe/Berlin"', 'timezone = "localtime"'),
    ("timezone-nul", 'timezone = "Europe/Berlin"', 'timezone = "Europe/Berlin\\u0000"'),
    ("timezone-posix-tree", 'timezone = "Europe/Berlin"', 'timezone = "posix/Europe/Berlin"'),
    ("timezone-empty", 'timezone = "Europe/Berlin"', 'timezone = ""'),
    ("t0-garbage", "t0 = 2026-03-06T10:00:00", 't0 = "tomorrow"'),
    ("t0-number", "t0 = 2026-03-06T10:00:00", "t0 = 1772787600"),
    ("t0-date-only", "t0 = 2026-03-06T10:00:00", "t0 = 2026-03-06"),
    ("t0-year-9999", "t0 = 2026-03-06T10:00:00", "t0 = 9999-12-31T23:00:00"),
    ("t0-year-1", "t0 = 2026-03-06T10:00:00", "t0 = 0001-01-01T00:00:00"),
    ("t0-dst-gap", "t0 = 2026-03-06T10:00:00", "t0 = 2026-03-29T02:30:00"),
    ("t0-dst-twice", "t0 = 2026-03-06T10:00:00", "t0 = 2026-10-25T02:30:00"),
    ("language-fr", 'language = "de"', 'language = "fr"'),
    ("language-number", 'language = "de"', "language = 1"),
    ("date-garbage", "document_date = 2026-03-01", 'document_date = "soon"'),
    ("date-datetime", "document_date = 2026-03-01", "document_date = 2026-03-01T10:00:00"),
    ("docs-numbers", 'docs = ["docs/MASTER_GOLIVE_COORDINATION.md"',
     'docs = [1'),
    ("boxes-unknown", 'approval_boxes = ["approval.product"',
     'approval_boxes = ["approval.nobody"'),
    ("boxes-not-list", 'approval_boxes = ["approval.product", "approval.security", '
     '"approval.devops", "approval.sre", "approval.support"]', 'approval_boxes = "all"'),
    ("id-upper", 'id = "approval.business"', 'id = "Approval.Business"'),
    ("id-space", 'id = "approval.business"', 'id = "approval business"'),
    ("id-markup", 'id = "approval.business"', 'id = "[/srv]"'),
    ("id-empty", 'id = "approval.business"', 'id = ""'),
    ("id-number", 'id = "approval.business"', "id = 7"),
    ("id-duplicate", 'id = "approval.product"', 'id = "approval.business"'),
    ("id-duplicate-across", 'id = "gate.rc-frozen"', 'id = "approval.sre"'),
    ("label-missing", 'label = "Business-Freigabe eingeholt"\n', ""),
    ("label-empty", 'label = "Business-Freigabe eingeholt"', 'label = ""'),
    ("label-table", 'label = "Business-Freigabe eingeholt"', "label = { de = \"x\" }"),
    ("signoff-unknown-field", 'role = "Business"', 'role = "Business"\nweight = 3'),
    ("informed-string", 'role = "Business"', 'role = "Business"\ninformed = "yes"'),
    ("derived-unknown", 'derived = "staging-stable"\nhours = 24',
     'derived = "vibes"\nhours = 24'),
    ("hours-zero", "hours = 24", "hours = 0"),
    ("hours-huge", "hours = 24", "hours = 99999999999999"),
    ("hours-bool", "hours = 24", "hours = true"),
    ("hours-float", "hours = 24", "hours = 24.5"),
    ("offset-garbage", 'offset = "+24h"', 'offset = "tomorrow"'),
    ("offset-days-huge", 'offset = "+24h"', 'offset = "+99999999d"'),
    ("offset-hours-huge", 'offset = "+24h"', 'offset = "+999999999999h"'),
    ("offset-digits-5000", 'offset = "+24h"', 'offset = "+' + "9" * 5000 + 'm"'),
    ("offset-number", 'offset = "+24h"', "offset = 24"),
    ("offset-and-at", 'offset = "+24h"', 'offset = "+24h"\nat = 2026-03-07T10:00:00'),
    ("neither-at-nor-offset", 'offset = "+24h"\n', ""),
    ("at-dst-gap", "at = 2026-03-05T10:00:00", "at = 2026-03-29T02:30:00"),
    ("check-unknown-field", '{ id = "t-1h.risks", label = "offene Risiken benennen" }',
     '{ id = "t-1h.risks", label = "offene Risiken benennen", due = 1 }'),
    ("contact-kind", 'kind = "channel"', 'kind = "pigeon"'),
    ("contact-no-placeholder", 'placeholder = "[Status-Kanal]"\n', ""),
    ("duplicate-key", 'product = "LifeTimeCircle"', 'product = "A"\nproduct = "B"'),
    ("duplicate-table", "[golive]", "[golive]\n[golive]"),
    ("unclosed-string", 'product = "LifeTimeCircle"', 'product = "LifeTimeCircle'),
    ("unclosed-array", 'docs = ["docs/', 'docs = [[["docs/'),
    ("control-in-toml", 'product = "LifeTimeCircle"', 'product = "Life\x01Time"'),
]

_WHOLE_PLANS: list[tuple[str, str]] = [
    ("empty", ""),
    ("whitespace", " \n\t\n"),
    ("comment-only", "# nothing here\n"),
    ("garbage", "this is not toml at all"),
    ("json", '{"golive": {}}'),
    ("nested-brackets", "x = " + "[" * 100_000),
    ("nested-tables", "x = " + "{a = " * 50_000),
    ("nul-bytes", "\x00" * 64),
]


def _without(text: str, header: str) -> str:
    """The text without every table under `header` ("[golive]", "[[signoffs]]")."""
    cut = re.sub(re.escape(header) + r"\n(?:[^\[\n].*\n|\n)*", "", text)
    assert cut != text, header
    return cut


def _reshaped(text: str) -> list[tuple[str, str]]:
    """Plans whose table or list has the wrong shape. Each must reach the check its name
    says: renaming the old value aside (`old = [...]`) was refused as an unknown field
    first, and the shape was never looked at."""
    checks = text.index('checks = [\n  { id = "t-1h.status-call"')
    end = text.index("]\n", checks) + 2
    docs = re.search(r"^docs = \[.*\]$", text, re.M)
    assert docs is not None
    return [
        ("no-golive-table", _without(text, "[golive]")),
        ("golive-not-table", "golive = 1\n" + _without(text, "[golive]")),
        ("docs-not-list", text.replace(docs.group(0), 'docs = "x"')),
        ("checks-not-list", text[:checks] + 'checks = "none"\n' + text[end:]),
        # sign-offs may be none (an imported checklist without them; the rules then block a
        # GO), but the approval boxes must still name sign-offs that exist
        ("signoffs-empty", "signoffs = []\n" + _without(text, "[[signoffs]]")),
        ("gates-not-tables", "gates = [1, 2]\n" + _without(text, "[[gates]]")),
    ]


def malformed_plans(default_text: str) -> list[tuple[str, str]]:
    """Every plan above as text (each edit applied to the default plan once)."""
    out = list(_WHOLE_PLANS)
    for name, old, new in _DEFAULT_EDITS:
        assert old in default_text, name
        out.append((name, default_text.replace(old, new, 1)))
    return out + _reshaped(default_text)


# Plans that are not text or not small enough, written as bytes.
MALFORMED_PLAN_BYTES: list[tuple[str, bytes]] = [
    ("latin-1", "product = \"Größe\"".encode("latin-1")),
    ("utf-16", "[golive]".encode("utf-16")),
    ("invalid-utf8", b"[golive]\nproduct = \"\xff\xfe\"\n"),
    ("too-large-comment", b"#" * 1_100_000),
]
