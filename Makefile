# Two commands: `make lab` and `make test`. Each builds .venv first when it is missing
# (or when pyproject.toml or constraints.txt changed since it was built). The versions
# installed are the ones in constraints.txt (the lock); `make lock` refreshes it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: lab test test-browser execute-notebooks pair-notebooks baseline-images slides html solutions demo benchmarks lock clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,browser,slides]'
	@touch $(STAMP)

## make lab: set everything up and open JupyterLab on the notebooks (served from the top
## folder, as on Binder, so that jupytext finds pyproject.toml and saves each notebook's text
## pair, notebooks/text/*.py, with it)
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_overview.ipynb

## make test: set everything up and run the whole suite (one pytest run). The browser tests
## (tests/browser) need Debian's Chromium at $(CHROMIUM): without it they are skipped and
## one line says so (CI sets LU_REQUIRE_BROWSER=1, which turns the skip into a failure).
test: $(STAMP)
	@test -x $(CHROMIUM) || echo "Chromium not found: skipping the browser tests (tests/browser). Install it with: apt-get install -y chromium"
	LU_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests lecture_utils notebooks \
	    --doctest-modules --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

## make test-browser: only the browser tests (JupyterLab in Chromium); fails without Chromium
test-browser: $(STAMP)
	LU_CHROMIUM=$(CHROMIUM) LU_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

## make slides: one reveal.js deck per notebook in slides/, working offline (handouts too:
## open a deck in Chromium with ?print-pdf and print to PDF); the Taylor-order and step-size
## sliders stay live (their notebooks run again in memory, LU_EXPORT_FRAMES=1)
slides: $(STAMP)
	$(BIN)/python tools/build_slides.py --live notebooks slides

## make html: one HTML page per notebook in html/, working offline from file://, with the
## Taylor-order and step-size sliders live without a kernel (tools/export_html.py)
html: $(STAMP)
	$(BIN)/python tools/export_html.py notebooks html

## make solutions: the instructors' handout, build/solutions.md and build/solutions.html: every
## "Check yourself" exercise with its hints and worked solution, grouped by notebook (students
## get them one at a time: hint("<id>"), and solution("<id>") after an attempt)
solutions: $(STAMP)
	$(BIN)/python tools/solutions.py build

## make demo: the explorers as a web app without code (Voilà), e.g. VOILA_ARGS=--theme=dark
demo: $(STAMP)
	$(BIN)/voila demo/explorers.ipynb $(VOILA_ARGS)

## make execute-notebooks: re-execute the notebooks in place (after changing lecture_utils or
## a notebook) and rewrite their text pairs (notebooks/text/*.py, demo/text/*.py) from them.
## Without run-to-run noise: executing an unchanged notebook again changes nothing in git
## (tools/execute_notebooks.py). One notebook: make execute-notebooks NOTEBOOKS=notebooks/01_derivatives.ipynb
NOTEBOOKS ?= notebooks/*.ipynb
execute-notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NOTEBOOKS)
	$(BIN)/python tools/execute_notebooks.py --pair-only demo/explorers.ipynb

## make pair-notebooks: only rewrite the text pairs from the notebooks, executing nothing
## (after editing a notebook outside JupyterLab; tests/test_notebook_files.py checks the pairs)
pair-notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py --pair-only notebooks/*.ipynb demo/explorers.ipynb

## make baseline-images: redraw the baseline PNGs of tests/test_figure_images.py (after a
## deliberate change of a static figure; look at tests/baseline_images/*.png before committing)
baseline-images: $(STAMP)
	LU_UPDATE_BASELINES=1 $(BIN)/python -m pytest -q tests/test_figure_images.py

## print the benchmark tables quoted in the README
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/bench_taylor.py
	$(BIN)/python benchmarks/bench_explorers.py
	$(BIN)/python benchmarks/bench_notebooks.py
	LU_CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/bench_browser_latency.py
	LU_CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/bench_browser_latency.py --frames

## make lock: resolve pyproject.toml's dependencies afresh (newest allowed versions) into
## constraints.txt and pin the same versions in environment.yml and binder/environment.yml;
## the next make reinstalls .venv with them (commit the three files after `make test`)
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python tools/lock.py

clean:
	rm -rf $(VENV)
