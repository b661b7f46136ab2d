"""Everything the tests share besides fixtures (those are in tests/conftest.py). Import
`from support.<module> import name`; tests/ is on pytest's path (pyproject `pythonpath`).

- records:   instants in the plan's zone, new golive files, what a file holds, a ready board
- pilot:     open_cockpit() under Pilot, typing, reading screens, notifications, toasts
- cli:       a CLI run's result, the contact arguments, the one-line-error check
- scenarios: go-live days at fixed instants (snapshots, screenshots, demos)
- waiting:   waiting for a timer with a deadline instead of a fixed pause
- hostile:   the hostile tester's strings and malformed plans
- nobody:    golive run as an unprivileged user, from wherever the checkout sits
- paths:     the folders the tests read (fixtures, golden files, bench/)
- s3_server, chromium_cdp: a real S3 server and a headless Chromium for the replica and
  serve tests
- writer.py, screenshots.py: scripts (a writer process; `make screenshots`)
"""
