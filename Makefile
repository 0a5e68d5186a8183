# Two commands do all the set-up on a machine with Python 3.11, pip and make:
#   make demo   renders the shipped example into out/demo/
#   make test   runs the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint golden bench clean reference docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/cxacq validate examples/
	$(VENV)/bin/cxacq render examples/ --out out/demo --markdown
	@echo "Open the documents in out/demo/<example>/ (for instance out/demo/uscis-work-authorization/)"

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts bench

golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --update-goldens

bench: $(STAMP)
	$(PY) bench/render_bench.py
	$(PY) bench/batch_bench.py

reference: $(STAMP)
	$(PY) scripts/make_reference_docx.py templates/reference.docx

docs: $(STAMP)
	$(PY) scripts/update_readme.py
	$(PY) scripts/make_citations_doc.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache
