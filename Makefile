# golive: everything a new user needs is `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export TEXTUAL_ANIMATIONS ?= none

.PHONY: run test check screenshots bench clean ssh-keygen

# Reinstall when the project file changes or a module is added/removed (strict editable
# installs map each file, so a new module needs a new link tree).
$(STAMP): pyproject.toml app widgets data $(wildcard data/*/)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,test-replica,dev]' --config-settings editable_mode=strict
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/golive $(ARGS)

test: $(STAMP) ssh-keygen
	$(BIN)/python -m pytest

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
	$(BIN)/mypy --strict -p golive
	$(BIN)/mypy --no-warn-unused-ignores tests

screenshots: $(STAMP)
	$(BIN)/python tests/screenshots.py screenshots

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
