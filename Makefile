# The commands README, CI and developers all call.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
TABLES := data/tables

.PHONY: setup browser tables build run test check bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(STAMP)

browser:  ## Debian chromium + CJK fonts (as root); the browser tests need them
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; }

tables: $(STAMP)  ## build the tables from data/reports if they are missing
	@test -f $(TABLES)/manifest.json || $(PY) -m loaders build

build: $(STAMP)  ## rebuild the tables from data/reports
	$(PY) -m loaders build

run: tables
	$(PY) -m streamlit run dashboard.py --server.headless=true --server.port=$(PORT)

test: $(STAMP) browser
	$(PY) -m pytest -q

check: $(STAMP)  ## lint, and type-check loaders/ and pages/_shared/ (config in pyproject.toml)
	$(PY) -m ruff check .
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(TABLES) .pytest_cache
