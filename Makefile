# golive: everything a new user needs is `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export TEXTUAL_ANIMATIONS ?= none

.PHONY: run test check screenshots bench clean ssh-keygen

# Install (again) when the project file changes. The editable install is setuptools'
# default one: a finder maps golive -> app/, golive.widgets -> widgets/, golive.data ->
# data/, so tracebacks and coverage name the repository's files and a new module needs
# no reinstall. uv installs in seconds: the one on PATH, else one pip puts into the venv
# (a venv without pip of its own: ensurepip alone takes seconds); pip is the fallback.
# Both resolve the same ranges from pyproject.toml.
$(STAMP): pyproject.toml
	@if command -v uv >/dev/null 2>&1; then UV=uv; \
	  test -x $(BIN)/python || uv venv --quiet --python $(PYTHON) $(VENV); \
	else test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV); \
	  test -x $(BIN)/uv || $(PYTHON) -m pip --python $(BIN)/python install --quiet uv; \
	  UV=$(BIN)/uv; fi; \
	if test -x $$(command -v $$UV) && $$UV pip install --quiet --python $(BIN)/python \
	     -e '.[test,test-replica,dev]'; then echo "make: installed with $$UV"; \
	else echo "make: installing with pip"; \
	  $(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --upgrade; \
	  $(BIN)/python -m pip install --quiet --upgrade pip && \
	  $(BIN)/python -m pip install --quiet -e '.[test,test-replica,dev]'; fi
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/golive $(ARGS)

# In parallel, one worker per core; tests that share an expensive module fixture (a big
# file, an S3 server, a browser) are one xdist_group and run on one worker.
test: $(STAMP) ssh-keygen
	$(BIN)/python -m pytest -n auto --dist loadgroup

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
	rm -rf $(VENV) build *.egg-info
