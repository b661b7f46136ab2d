# golive: everything a new user needs is `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/lock.txt
EXTRAS := test test-replica dev
UV_PIN := $(shell sed -n 's/^uv==//p' $(LOCK))
export TEXTUAL_ANIMATIONS ?= none
# Python keeps compiled modules (.pyc) beside the sources, here in the checkout and the venv.
# A machine that sets PYTHONDONTWRITEBYTECODE (as CI's does) would compile golive, Textual
# and the tests again in every process: make test spent a third of its CPU on it (330 s of
# CPU and 3 min 4 s against 234 s and 2 min 19 s, same clean clone, quiet 2-core machine).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run test test-textual-newest lock check screenshots bench clean ssh-keygen

# Install (again) when the project file or the lock changes. requirements/lock.txt holds
# exact versions of everything (`make lock` writes it from pyproject's ranges), so an
# install resolves nothing: it makes the venv hold exactly the lock, then adds golive
# itself, editable the setuptools way (a finder maps golive -> app/, golive.widgets ->
# widgets/, golive.data -> data/, so tracebacks and coverage name the repository's files
# and a new module needs no reinstall). uv does it in seconds: the one on PATH, else the
# lock's uv that pip puts into the venv (a venv without pip of its own: ensurepip alone
# takes seconds); pip is the fallback and installs the same lock.
$(STAMP): pyproject.toml $(LOCK)
	@if command -v uv >/dev/null 2>&1; then UV=uv; \
	  test -x $(BIN)/python || uv venv --quiet --python $(PYTHON) $(VENV); \
	else test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV); \
	  test -x $(BIN)/uv || $(PYTHON) -m pip --python $(BIN)/python install --quiet \
	    --no-deps uv==$(UV_PIN); \
	  UV=$(BIN)/uv; fi; \
	if test -x "$$(command -v $$UV)" \
	   && $$UV pip sync --quiet --compile-bytecode --python $(BIN)/python $(LOCK) \
	   && $$UV pip install --quiet --python $(BIN)/python --no-deps -e .; then \
	  echo "make: installed $(LOCK) with $$UV"; \
	else echo "make: installing $(LOCK) with pip"; \
	  $(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --upgrade; \
	  $(BIN)/python -m pip install --quiet --no-deps -r $(LOCK) && \
	  $(BIN)/python -m pip install --quiet --no-deps -e .; fi
	touch $(STAMP)

# Refresh the lock: the newest versions pyproject's ranges allow, for every platform and
# Python >= 3.11 (markers say where a package applies). Commit the result.
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet pyproject.toml $(EXTRAS:%=--extra %) --universal \
	  --python-version 3.11 --upgrade --custom-compile-command "make lock" -o $(LOCK)

run: $(STAMP)
	$(BIN)/golive $(ARGS)

# In parallel, two workers per core: about half of a worker's time is spent waiting (Pilot's
# idle checks, golive subprocesses, servers starting), and a second worker fills it
# (`make test WORKERS=2` for fewer). Tests that share an expensive fixture (a big file,
# the S3 server, a browser) are one xdist_group and run on one worker; xdist hands out the
# groups first (most tests first).
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * len(os.sched_getaffinity(0)))' \
             2>/dev/null || echo 4)
test: $(STAMP) ssh-keygen
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup

# The cockpit and snapshot tests against the newest Textual that pyproject's range allows
# (the rest as locked), in a venv of their own: the lock pins what `make test` proves, this
# shows early what the next Textual release in the range changes (CI runs it).
NEWEST := .venv-textual-newest
test-textual-newest: $(STAMP)
	test -x $(NEWEST)/bin/python || $(BIN)/uv venv --quiet --python $(BIN)/python $(NEWEST)
	cp $(LOCK) $(NEWEST)/lock.txt
	$(BIN)/uv pip compile --quiet pyproject.toml $(EXTRAS:%=--extra %) --universal \
	  --python-version 3.11 --upgrade-package textual -o $(NEWEST)/lock.txt
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(NEWEST)/bin/python $(NEWEST)/lock.txt
	$(BIN)/uv pip install --quiet --python $(NEWEST)/bin/python --no-deps -e .
	@$(NEWEST)/bin/python -c 'import textual; print("make: Textual", textual.__version__)'
	$(NEWEST)/bin/python -m pytest -n $(WORKERS) --dist loadgroup tests/cockpit

# The signature tests run the real ssh-keygen (OpenSSH's openssh-client): installed here
# where it is missing (Debian/Ubuntu), nothing done where it is there.
ssh-keygen:
	@command -v ssh-keygen >/dev/null 2>&1 || { \
	  echo "make: installing openssh-client (ssh-keygen) for the signature tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get install -y openssh-client || \
	    { $$SUDO apt-get update && $$SUDO apt-get install -y openssh-client; } || \
	    { echo "make: ssh-keygen is missing: install openssh-client" >&2; exit 1; }; }

# ruff and mypy over the package (strict) and the tests (not strict: their fixtures are
# untyped by choice, so ignores written for a stricter run may go unused there); CI runs
# this after make test
check: $(STAMP)
	$(BIN)/ruff check app widgets data tests bench
	$(BIN)/python .ci/typecheck.py --strict -p golive
	$(BIN)/python .ci/typecheck.py --no-warn-unused-ignores tests

screenshots: $(STAMP)
	PYTHONPATH=tests $(BIN)/python -m support.screenshots screenshots

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(NEWEST) build *.egg-info
