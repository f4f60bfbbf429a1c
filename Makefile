# `make demo` and `make test` set everything up first: a local .venv from pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench check clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e . --config-settings editable_mode=compat
	@# bytecode now, so a cold start does not compile the package (even where Python is told
	@# not to write it, as with PYTHONDONTWRITEBYTECODE)
	$(PY) -m compileall -q handouts
	@touch $(STAMP)

demo: $(STAMP)
	$(PY) make_handouts.py demo

# every core (pytest-xdist), a test file kept on one worker so that what its module builds
# once is built once; a plain `pytest tests/x.py` starts no worker. The files are handed out
# slowest first, as tests/file_order.py orders them, not by xdist's count of their tests
test: $(STAMP)
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

check: $(STAMP)
	$(PY) make_handouts.py check

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) out build *.egg-info
