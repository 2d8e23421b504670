# Newswire developer tasks. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help install lint typecheck test test-fast test-unit test-integration test-faults constraints train-ner eval-ner kafka-start kafka-stop \
        kafka-status demo bench bench-memory clean

help: ## Show this list
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(VENV)/.installed ## Create .venv with newswire and the dev tools

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Newswire needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

constraints: ## Re-pin constraints.txt to the newest versions pyproject.toml allows
	rm -rf $(VENV)-pin
	$(PYTHON) -m venv $(VENV)-pin
	$(VENV)-pin/bin/pip install --quiet -e '.[dev]'
	{ head -n 2 constraints.txt; $(VENV)-pin/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(VENV)-pin

lint: install ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## Mypy (strict) on the package
	$(BIN)/mypy

kafka-start: install ## Start the local Kafka (fetched from Maven Central once)
	$(BIN)/newswire kafka start

kafka-stop: ## Stop the local Kafka
	@if [ -x $(BIN)/newswire ]; then $(BIN)/newswire kafka stop; fi

kafka-status: install ## Is the local Kafka running?
	$(BIN)/newswire kafka status

test: install kafka-start lint typecheck ## Everything CI runs: lint, types, unit, agents, integration, faults
	$(BIN)/pytest

test-fast: install ## Unit and agent tests only: no broker, under a minute
	$(BIN)/pytest -m "unit or agents"

test-unit: test-fast


test-integration: install kafka-start ## Integration tests on the local Kafka
	$(BIN)/pytest -m integration

test-faults: install kafka-start ## Fault tests on the local Kafka (SIGKILLs, restarts; ~10 min)
	$(BIN)/pytest -m faults

demo: install ## Local Kafka + a worker + the samples; shows the events (Ctrl-C stops)
	$(BIN)/newswire demo

bench: install kafka-start ## Core cost per article, hostile input, throughput and latency (bench/README.md)
	$(BIN)/python bench/core.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/pipeline.py

bench-memory: install kafka-start ## Worker RSS over 500k new articles, state at retention (~30 min)
	$(BIN)/python bench/memory.py

train-ner: install ## Train the entity recogniser on ../shared/ner/train (about 2 min)
	$(BIN)/python -m streams.devtools.train_ner

eval-ner: install ## Entity P/R/F1 on ../shared/ner/eval: rules, model and both
	$(BIN)/newswire eval --ner ../shared/ner/eval/*.iob2

clean: kafka-stop ## Remove the venv and the local state (Kafka data, worker state)
	rm -rf $(VENV) .newswire .mypy_cache .ruff_cache .pytest_cache .hypothesis
