# The course's commands. Needs only python3 (>= 3.10) and make.
#   make lab        set up what is missing, then open JupyterLab on chapter 00
#   make test       set up what is missing (with the contributor's extras), then run every test
#   make test-browser  only the browser tests: every notebook run in JupyterLab in headless Chromium
#   make notebooks  regenerate notebooks/ from solutions/ and execute both
#   make classroom  an nbgrader course directory in classroom/, one assignment per chapter
#   make bench      write BENCHMARKS.md: accuracy and speed of helpers, notebook and widget times, set-up cost
#   make lock       re-pin requirements/*.txt from requirements/*.in (needs the network)
#   make test-oldest  the whole suite with the oldest versions requirements/*.in allow, on Python 3.10
# Everything is installed into .venv/ inside the repository; nothing outside it is touched.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# JupyterLab refuses to run as root unless told it may (containers, CI).
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
LAB_ARGS  ?=

.DEFAULT_GOAL := help
.PHONY: help lab test classroom bench test-browser test-oldest print-oldest-python notebooks lock clean

help:
	@echo "make lab        open the course in JupyterLab (sets itself up on first use)"
	@echo "make test       run every test (sets itself up on first use)"
	@echo "make test-browser  run every notebook in JupyterLab in headless Chromium (needs: apt-get install chromium)"
	@echo "make notebooks  regenerate notebooks/ from solutions/ and execute both"
	@echo "make classroom  build an nbgrader course directory in classroom/ (for teachers)"
	@echo "make bench      write BENCHMARKS.md (about 11 minutes; run it on a quiet machine)"
	@echo "make lock       re-pin requirements/*.txt from requirements/*.in"
	@echo "make test-oldest  run every test with the oldest allowed versions, on Python 3.10"
	@echo "make clean      remove .venv and caches"

# --- set-up ---------------------------------------------------------------------------
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "The course needs Python 3.10 or newer; this is " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

# A stamp file per set: re-install only when the pinned requirements or the package change.
$(VENV)/.learner-installed: requirements/learner.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/learner.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.learner-installed
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	@touch $@

# --- what people run -------------------------------------------------------------------
# Serve the whole repository (notebooks/, solutions/, helpers/ all browsable), opening chapter 00.
lab: $(VENV)/.learner-installed
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb $(LAB_ARGS)

# The browser tests are part of it when Chromium is installed, and skipped with a reason when not.
test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

test-browser: $(VENV)/.dev-installed
	$(BIN)/python -m pytest tests/test_in_browser.py

notebooks: $(VENV)/.dev-installed
	$(BIN)/python tools/build_notebooks.py

classroom: $(VENV)/.dev-installed
	$(BIN)/python tools/make_classroom.py

bench: $(VENV)/.dev-installed
	$(BIN)/python -m tools.bench

# The lower bounds in requirements/*.in are claims; this proves them. It resolves every direct
# requirement to its lowest allowed release (uv's lowest-direct resolution; what they need in
# turn is today's), installs that on the oldest Python the course supports, and runs everything.
OLDEST_PYTHON ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10; do \
                   $$p -c 'import sys' 2>/dev/null && echo $$p && break; done)
print-oldest-python:
	@echo $(OLDEST_PYTHON)

test-oldest:
	@[ -n "$(OLDEST_PYTHON)" ] || { echo "make test-oldest needs Python 3.10: pass OLDEST_PYTHON=/path/to/python3.10"; exit 1; }
	rm -rf $(VENV)-oldest
	$(OLDEST_PYTHON) -m venv $(VENV)-oldest
	$(VENV)-oldest/bin/python -m pip install --quiet uv
	cd requirements && ../$(VENV)-oldest/bin/uv pip compile --quiet --python-version 3.10 \
	  --resolution lowest-direct dev.in -o ../$(VENV)-oldest/requirements-oldest.txt
	$(VENV)-oldest/bin/python -m pip install --quiet -r $(VENV)-oldest/requirements-oldest.txt
	$(VENV)-oldest/bin/python -m pip install --quiet --no-deps -e .
	$(VENV)-oldest/bin/python -m pytest

lock:
	$(PYTHON) -m venv $(VENV)-lock && $(VENV)-lock/bin/python -m pip install --quiet uv
	cd requirements && ../$(VENV)-lock/bin/uv pip compile --quiet --universal --python-version 3.10 learner.in -o learner.txt
	cd requirements && ../$(VENV)-lock/bin/uv pip compile --quiet --universal --python-version 3.10 dev.in -o dev.txt
	rm -rf $(VENV)-lock

clean:
	rm -rf $(VENV) $(VENV)-lock $(VENV)-oldest .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
