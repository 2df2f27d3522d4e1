# The entry points a newcomer needs. Each target installs what it needs first (idempotent).
SWIFT ?= swift
CONFIG ?=
CONFIG_FLAG := $(if $(CONFIG),--config $(CONFIG))

.PHONY: run test test-gpu lint format bench bench-chat bench-http f5 bench-f5 setup build clean

## Install dependencies, build, and serve on 127.0.0.1:27121 (CONFIG=path/to/file.toml to pick a config).
run:
	scripts/setup.sh run
	$(SWIFT) build -c release --product ishowtts
	.build/release/ishowtts serve $(CONFIG_FLAG)

## Install dependencies (incl. Whisper and the F5 worker's PyTorch on CPU) and run the whole test suite.
test: lint
	scripts/setup.sh test
	scripts/setup.sh f5
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.venv/bin/python -m pytest -q tests/api
	.venv-f5/bin/python -m pytest -q worker/tests

## The F5 worker's GPU behaviour, on a CUDA machine (not part of `make test`; fails when there is no CUDA device):
## real F5TTS_v1_Base with seeded random weights against official CFM.sample in fp32 and fp16 (bounds derived from the
## measured fp32-vs-fp64 and fp16-vs-fp32 error of official itself), batched = alone, CUDA graphs = eager, fused
## kernels = torch ops, and the worker process on the first and the last device (and both at once). Prints every
## measured error at the end. F5_PYTHON=python3 where there is no .venv-f5 (torch and f5-tts on PYTHONPATH).
F5_PYTHON ?= .venv-f5/bin/python
test-gpu:
	$(if $(filter .venv-f5/bin/python,$(F5_PYTHON)),scripts/setup.sh f5)
	$(F5_PYTHON) -m pytest -q -rs worker/tests_gpu

## Fail on Swift code that swift-format (bundled with the toolchain; rules in .swift-format) would change.
lint:
	$(SWIFT) format lint --strict --parallel --recursive Sources Tests Package.swift

## Format the Swift code in place.
format:
	$(SWIFT) format format --in-place --parallel --recursive Sources Tests Package.swift

## Install the F5-TTS worker (PyTorch + official f5-tts, inference dependencies only) into .venv-f5.
f5:
	scripts/setup.sh f5

## The F5 speed benchmark on a GPU machine: the official anchor and this worker, side by side on one card. The reference
## clip is the project's own voice saying the anchor's transcript, so nothing outside this repository is needed.
ANCHOR ?= bench/f5_official_anchor.py
REF ?= bench/work/ref.wav
REF_TEXT := I am not in danger, Skyler. I am the danger. A guy opens his door and gets shot and you think that of me.
bench-f5:
	scripts/setup.sh f5
	scripts/setup.sh run
	$(SWIFT) build -c release --product ishowtts
	@mkdir -p bench/work
	test -f $(REF) || .build/release/ishowtts say "$(REF_TEXT)" -o $(REF)
	PYTHONPATH=worker .venv-f5/bin/python -m ishowtts_worker.bench --anchor $(ANCHOR) --ref $(REF) --out bench/results/f5-$$(date -u +%Y%m%d-%H%M%S).json

## Time-to-first-audio and real-time factor of the Piper engine against the piper-tts reference.
bench:
	scripts/setup.sh bench
	$(SWIFT) build -c release --product ishowtts
	.build/release/ishowtts bench $(CONFIG_FLAG) --reference-python .venv/bin/python

## Chat pipeline speed: gateway throughput and chat line → audio announced to players, with the CPU voice.
bench-chat:
	scripts/setup.sh run
	$(SWIFT) build -c release --product ishowtts
	.build/release/ishowtts bench-chat $(CONFIG_FLAG)

## The server's own request overhead (wrk from Debian): /api/health and a cached line through /v1/audio/speech.
bench-http:
	scripts/setup.sh bench-http
	$(SWIFT) build -c release --product ishowtts
	bench/http_overhead.sh .build/release/ishowtts

## Only install dependencies.
setup:
	scripts/setup.sh run

build:
	scripts/setup.sh run
	$(SWIFT) build

clean:
	rm -rf .build
