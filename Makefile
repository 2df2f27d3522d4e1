# The entry points a newcomer needs. Each target installs what it needs first (idempotent).
SWIFT ?= swift
CONFIG ?=
CONFIG_FLAG := $(if $(CONFIG),--config $(CONFIG))

.PHONY: run test bench setup build clean

## Install dependencies, build, and serve on 127.0.0.1:27121 (CONFIG=path/to/file.toml to pick a config).
run:
	scripts/setup.sh run
	$(SWIFT) build -c release --product ishowtts
	.build/release/ishowtts serve $(CONFIG_FLAG)

## Install dependencies (incl. Whisper for the intelligibility test) and run the whole test suite.
test:
	scripts/setup.sh test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Time-to-first-audio and real-time factor of the Piper engine against the piper-tts reference.
bench:
	scripts/setup.sh bench
	$(SWIFT) build -c release --product ishowtts
	.build/release/ishowtts bench $(CONFIG_FLAG) --reference-python .venv/bin/python

## Only install dependencies.
setup:
	scripts/setup.sh run

build:
	scripts/setup.sh run
	$(SWIFT) build

clean:
	rm -rf .build
