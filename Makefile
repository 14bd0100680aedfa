# The commands README, CI and developers all call.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
TABLES := data/tables
BENCH_ARGS ?=  # e.g. make bench BENCH_ARGS="--facts 10000000 --skip-loader --skip-load"

SYSTEM_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 poppler-utils

.PHONY: setup system tables build run test check bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,ray]'
	touch $@

setup: $(STAMP)

system:  ## Debian packages (as root): chromium + CJK fonts (browser tests, chart images), pango (PDF), poppler (PDF checks)
	@dpkg-query -W -f='$${Status}\n' $(SYSTEM_PACKAGES) 2>/dev/null | grep -c '^install ok installed' \
	  | grep -qx "$(words $(SYSTEM_PACKAGES))" || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; }

tables: $(STAMP)  ## build the tables from data/reports if they are missing
	@test -f $(TABLES)/manifest.json || $(PY) -m loaders build

build: $(STAMP)  ## rebuild the tables from data/reports
	$(PY) -m loaders build

run: tables system
	$(PY) -m streamlit run dashboard.py --server.headless=true --server.port=$(PORT)

test: $(STAMP) system
	$(PY) -m pytest -q

check: $(STAMP)  ## lint, and type-check loaders/ and pages/_shared/ (config in pyproject.toml)
	$(PY) -m ruff check .
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(TABLES) data/.tables-* .pytest_cache
