# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv first.

PYTHON ?= python3
VENV := .venv
# Records that .venv holds this pyproject.toml's dependencies; re-install when it changes.
STAMP := $(VENV)/.make-stamp
MAP ?= models/nhs_referral_to_treatment.json

.PHONY: venv run test clean system-test system-app

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --upgrade pip
	$(VENV)/bin/python -m pip install -e '.[test]'
	touch $@

system-test:
	.ci/system-packages test

system-app:
	.ci/system-packages app

# With no screen (no DISPLAY), the app runs on a virtual one (Xvfb).
run: system-app venv
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(VENV)/bin/outsidein $(MAP); \
	else xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/outsidein $(MAP); fi

test: system-test venv
	$(VENV)/bin/ruff check outsidein_desktop tests benchmarks
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .import_linter_cache
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
