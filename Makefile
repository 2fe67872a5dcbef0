# Loketwijzer: two commands for a new user.
#   make run    set up everything and start the assistant (Rasa server + action server)
#   make test   set up everything and run all tests
# Other targets are steps of these two; each one is safe to run again.

SHELL := /bin/bash
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Override with: make run PYTHON=/path/to/python3.10
PYTHON ?= $(shell sh tools/find-python.sh)
# Use the real Dutch spaCy model where it is installed: make run SPACY_MODEL=nl_core_news_sm
SPACY_MODEL ?= blank
# Quiet TensorFlow start-up chatter (Rasa and thinc import it).
export TF_CPP_MIN_LOG_LEVEL := 3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: run test browser-deps haproxy-deps production setup venv spacy routing-db model check-data pytest validate test-stories eval bench clean

run: setup model
	$(PY) -m bot.tools.serve

test: setup model browser-deps haproxy-deps
	$(PY) -m pytest -q tests
	$(PY) -m rasa data validate --fail-on-warnings --quiet --data data/nlu data/stories data/rules
	$(PY) -m bot.tools.test_stories

setup: venv check-data spacy routing-db

venv: $(STAMP)

$(STAMP): requirements.txt constraints.txt tools/find-python.sh
	@test -n "$(PYTHON)" || exit 1
	@echo "== Python: $(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# -qq: errors only; a machine's own pip settings (e.g. an index folder that is not there) print a wall of warnings.
	@# wheel<0.46: newer wheels pull packaging>=24 into a venv where Rasa needs packaging<21 (a resolver ERROR line)
	$(PY) -m pip install -qq --upgrade "pip<25" "wheel<0.46"
	$(PY) -m pip install -qq -r requirements.txt -c constraints.txt
	@touch $(STAMP)

check-data: venv
	@$(PY) -m bot.tools.check_data

spacy: venv
	@$(PY) -m bot.nlu.spacy_pipeline --model $(SPACY_MODEL)

routing-db: venv
	@$(PY) -m bot.routing.loader

model: setup
	@$(PY) -m bot.tools.train

eval: setup model
	$(PY) bench/evaluate.py

bench: setup model
	$(PY) bench/routing_bench.py

browser-deps:
	@sh tools/browser-deps.sh

haproxy-deps:
	@sh tools/haproxy-deps.sh

# The production set on one host: Rasa servers and action servers behind HAProxy, PostgreSQL and
# Redis as the machine provides them (docs/deployment.md).
production: setup model haproxy-deps
	$(PY) -m bot.production.stack

clean:
	rm -rf build models results .pytest_cache
