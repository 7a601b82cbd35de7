# Vedetta: the two commands of the README.
#   make demo   set up the machine, build, start the demo lab on loopback and run the agent against it
#   make test   set up the machine, build, run every test (what CI runs)

SWIFT ?= swift

.PHONY: setup build release test lint demo clean-demo

setup:
	bash scripts/setup

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks
	python3 scripts/check-imports

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks
	python3 scripts/check-imports
	$(SWIFT) test --skip-build --no-parallel

demo: build
	bash scripts/demo
