"""The hostile tester's strings, plans and damaged files, shared by the reliability tests.

Each entry is (name, value): the name makes a readable test id. The catalogue is data,
not code: add a string here and every output test runs it.
"""

from __future__ import annotations

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
