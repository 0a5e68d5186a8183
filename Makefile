# Two commands do all the set-up on a machine with Python 3.11 or later, pip and make:
#   make demo   renders the shipped example into out/demo/
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint golden bench clean reference docs wheel

# Before anything else: stop with a clear message when PYTHON is missing or older than 3.11,
# and remove a .venv that another interpreter made (say, a set-up that failed with the wrong
# Python), so that running make again repairs it.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
ifneq ($(shell sh scripts/check-python.sh "$(PYTHON)" "$(VENV)" && echo ok),ok)
$(error cxacq: stopped before set-up (see the message above))
endif
endif

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/cxacq validate examples/
	$(VENV)/bin/cxacq render examples/ --out out/demo --markdown
	@echo "Open the documents in out/demo/<example>/ (for instance out/demo/uscis-work-authorization/)"

# pytest-xdist workers (TEST_WORKERS below); the examples are rendered and converted
# to PDF once per run and shared between workers (tests/conftest.py). --dist worksteal: a
# worker that runs out of tests takes some of another's, so one long test (mypy, LibreOffice)
# at the end of a worker's share does not keep the other cores idle.
# PYTHONDONTWRITEBYTECODE is cleared for the run: with it set (as some CI images do), every
# worker and every `python -m cxacq` a test starts compiles the sources again; the .pyc files
# go to the __pycache__ folders .gitignore already leaves out.
# One pytest worker more than there are cores: several tests spend seconds waiting on another
# process (LibreOffice, a program on a pseudo-terminal), and the extra worker keeps the cores
# busy meanwhile. On the two-core machine, a fresh clone's make test took 110-119 s with
# three workers against 121 s with two.
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

# ruff and mypy are pinned exactly in pyproject.toml (the test extra); mypy reads [tool.mypy].
# CI runs mypy through tests/test_lint.py, since CI runs make test.
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts bench
	$(PY) -m mypy

golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --update-goldens

# BENCH_ARGS go to the whole-process benchmark, e.g. make bench BENCH_ARGS="--batch-runs 3".
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) bench/render_bench.py
	$(PY) bench/batch_bench.py
	$(PY) bench/whole_process_bench.py $(BENCH_ARGS)
	$(PY) bench/template_bench.py

reference: $(STAMP)
	$(PY) scripts/make_reference_docx.py templates/reference.docx

docs: $(STAMP)
	$(PY) scripts/update_readme.py
	$(PY) scripts/make_citations_doc.py

# A wheel to attach to a release tag or share: users install it with pipx or pip (README, Install).
wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps --no-build-isolation --wheel-dir dist .

clean:
	rm -rf $(VENV) out build dist .pytest_cache
