# smart-access: every command a developer or CI needs. `make test` is what .ci/run runs.
# Each step installs what it is missing (idempotent), so a fresh machine needs nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.SUFFIXES:

WASM_BINDGEN_VERSION := 0.2.130
WASM := target/wasm32-unknown-unknown/release/smart_access.wasm
# -Oz, then flatten + rereloop (rebuilds the control flow; 1.3 KB smaller, no slower in the
# benchmarks) and -Oz again to a fixed point; the producers and target-features sections are
# for tools, not browsers.
WASM_OPT_FLAGS := -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help bench demo test lint test-native test-wasm test-pkg test-ecosystem test-fuzz fuzz fuzz-corpus pkg tools-wasm tools-node tools-browser tools-fuzz

help:
	@echo "make demo   - build the package and serve the preview page on http://127.0.0.1:8080/"
	@echo "make test   - format check, clippy, native, WebAssembly (Node + Chromium), package, page and ecosystem tests, fuzzing"
	@echo "make pkg    - build the npm package into pkg/"
	@echo "make bench  - native, Node and peer benchmarks; writes BENCHMARKS.md"
	@echo "make fuzz   - fuzz every target for FUZZ_SECONDS each (default 1800)"

## The preview page, with the built-in example accounts.
demo: pkg
	node www/serve.mjs 8080

## Benchmarks (they report; nothing passes or fails on a figure): native (criterion), the
## package in Node, and the peers; writes BENCHMARKS.md.
bench: pkg
	node benches/write-accounts.mjs target/bench-accounts
	cargo bench --locked --bench native
	node --max-old-space-size=8192 benches/node.mjs

## Everything CI checks.
test: lint test-native test-wasm test-pkg test-ecosystem test-fuzz

lint: tools-wasm
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --tests --locked --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --locked --target wasm32-unknown-unknown -- -D warnings

## Property tests draw their cases from a fixed seed in CI, so a run is repeatable; pass
## PROPTEST_RNG_SEED=<another number> to explore other cases.
PROPTEST_RNG_SEED ?= 20261123

test-native:
	PROPTEST_RNG_SEED=$(PROPTEST_RNG_SEED) cargo test --locked

test-wasm: tools-wasm tools-browser
	cargo test --locked --target wasm32-unknown-unknown --test wasm_node
	cargo test --locked --target wasm32-unknown-unknown --test wasm_browser

test-pkg: pkg tools-browser
	publint --strict pkg
	# The .wasm subpath is an asset for bundlers (its declaration types the URL they give),
	# not a module that require() could load, so its CommonJS resolution is not checked.
	attw --pack pkg --exclude-entrypoints smart_access_bg.wasm element
	# The element is an ES module only (a browser UI: `import`, or a bundler); require() of it
	# from CommonJS is the one resolution it does not offer, and every other must hold.
	attw --pack pkg --entrypoints element --ignore-rules cjs-resolves-to-esm
	node --test tests/js/

## The packed package in a fresh project per tool portals are built with (Vite 5-8, webpack,
## esbuild, Rollup, Vitest, Jest, Next.js), each fixture's dependencies from its lock file.
test-ecosystem: pkg tools-browser
	node --test tests/ecosystem/ecosystem.test.mjs

## The npm package: release wasm, wasm-bindgen (browser ESM + Node CommonJS glue over one
## .wasm, and the TypeScript declarations generated from the Rust types), wasm-opt, our
## entry points and command, and package.json from pkg.json.
pkg: tools-wasm tools-node
	cargo build --release --locked --target wasm32-unknown-unknown
	rm -rf pkg target/bindgen
	wasm-bindgen --target web --out-dir target/bindgen/web $(WASM)
	wasm-bindgen --target nodejs --out-dir target/bindgen/node $(WASM)
	cmp target/bindgen/web/smart_access_bg.wasm target/bindgen/node/smart_access_bg.wasm
	mkdir -p pkg/bin
	wasm-opt $(WASM_OPT_FLAGS) target/bindgen/web/smart_access_bg.wasm -o pkg/smart_access_bg.wasm
	cp target/bindgen/web/smart_access.js pkg/smart_access.js
	# The Node glue carries the module's bytes (no file read through __dirname): see the script.
	node js/node-glue.mjs target/bindgen/node/smart_access.js pkg/smart_access_bg.wasm pkg
	cp target/bindgen/web/smart_access.d.ts pkg/
	# The Node glue's declarations (no browser loading options), as CommonJS (.d.cts).
	cp target/bindgen/node/smart_access.d.ts pkg/smart_access_node.d.cts
	cp js/smart_access_bg.wasm.d.ts js/index.d.ts js/node.d.ts js/node.d.cts pkg/
	cp js/node.cjs js/node.mjs js/edges.cjs js/abilities.cjs js/index.js js/README.md LICENSE pkg/
	# The edges and the abilities as ES modules for the browser entry: the CommonJS files, wrapped.
	for name in edges abilities; do \
	  { echo 'const module = { exports: {} };'; echo '((module) => {'; cat js/$$name.cjs; echo '})(module);'; \
	    echo 'export default module.exports;'; } > pkg/$$name.js; \
	done
	# The preview element (SPEC §10): its modules, its worker and their declarations.
	cp -r js/element pkg/element
	cp js/smart-access.cjs pkg/bin/smart-access.cjs
	chmod +x pkg/bin/smart-access.cjs
	cp pkg.json pkg/package.json
	@echo "pkg/smart_access_bg.wasm: $$(wc -c < pkg/smart_access_bg.wasm) bytes raw, $$(gzip -9c pkg/smart_access_bg.wasm | wc -c) bytes gzip"

## Fuzzing (cargo fuzz, nightly): a short run of every target in `make test`, a long one in
## `make fuzz`. Seeds come from the test fixtures and the bad-input catalogue.
FUZZ_TARGETS := json load migrate structured can
FUZZ_SECONDS ?= 60

test-fuzz: tools-fuzz fuzz-corpus
	for t in $(FUZZ_TARGETS); do \
		cargo +nightly fuzz run --fuzz-dir fuzz $$t fuzz/corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 || exit 1; \
	done

fuzz: FUZZ_SECONDS = 1800
fuzz: test-fuzz

fuzz-corpus:
	mkdir -p $(addprefix fuzz/corpus/,$(FUZZ_TARGETS))
	for d in tests/fixtures/*/ tests/bad-inputs/*/; do \
		n=$$(basename $$d); a=$$d/account.json; [ -f $$a ] || a=tests/bad-inputs/base-account.json; \
		[ -f $$d/expect.json ] && grep -q padTo $$d/expect.json && continue; \
		cp $$a fuzz/corpus/load/$$n.json; cp $$a fuzz/corpus/json/$$n.json; \
		[ -f $$d/request.json ] && { cat $$a; printf '\0'; cat $$d/request.json; } > fuzz/corpus/migrate/$$n; \
		true; \
	done
	cp fuzz/seeds/can/*.json fuzz/corpus/can/

tools-fuzz:
	@cargo +nightly --version >/dev/null
	@cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

tools-wasm:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
		cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION) --force

tools-node: node_modules/.package-lock.json

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

tools-browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium chromium-driver; }
