# smart-access: every command a developer or CI needs. `make test` is what .ci/run runs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help test test-native lint

help:
	@echo "make test   - format check, clippy, and every test"

## Everything CI checks.
test: lint test-native

lint:
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings

test-native:
	cargo test --locked
