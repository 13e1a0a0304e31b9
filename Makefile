# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv first.

PYTHON ?= python3
VENV := .venv
# Records that .venv holds this pyproject.toml's dependencies; re-install when it changes.
STAMP := $(VENV)/.make-stamp
MAP ?= models/nhs_referral_to_treatment.json

.PHONY: venv run test clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --upgrade pip
	$(VENV)/bin/python -m pip install -e '.[test]'
	touch $@

run: venv
	$(VENV)/bin/outsidein $(MAP)

test: venv
	$(VENV)/bin/ruff check outsidein_desktop tests
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .import_linter_cache
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
