# Convenience wrappers around tasks.py (which needs only Python >= 3.11; make is optional).
PYTHON ?= python3

.PHONY: main test lab bench lint sync clean
main:   ## set up the environment, run every notebook, regenerate figures/
	$(PYTHON) tasks.py main
test:   ## set up the environments, run the whole test suite
	$(PYTHON) tasks.py test
lab:    ## open JupyterLab on notebooks/
	$(PYTHON) tasks.py lab
bench:  ## run the benchmarks in benchmarks/
	$(PYTHON) tasks.py bench
lint:   ## ruff
	$(PYTHON) tasks.py lint
sync:   ## only create/update the environments from uv.lock
	$(PYTHON) tasks.py sync
clean:  ## remove the environments and build outputs (never corpus/ or figures/)
	rm -rf .tools .venv .venv-mpl-legacy build
