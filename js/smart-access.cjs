#!/usr/bin/env node
// The `smart-access` command: the engine on JSON files, JSON on standard output. On bad
// input the error object ({code, path, message, file}) goes to standard error, exit status 2.
'use strict';
const fs = require('node:fs');
const { Account } = require('../node.cjs');

const USAGE = [
  'usage: smart-access preview ACCOUNT.json REQUEST.json',
  '       smart-access apply ACCOUNT.json REQUEST.json',
  '       smart-access can ACCOUNT.json USER ACTION RESOURCE_JSON [DATE]',
  '       smart-access explain ACCOUNT.json USER ACTION RESOURCE_JSON [DATE]',
  '       smart-access access ACCOUNT.json USER [DATE]',
].join('\n');

class CliError extends Error {
  constructor(code, path, message, file) {
    super(message);
    Object.assign(this, { code, path, file });
  }
}

// JSON text is UTF-8 (RFC 8259); a byte-order mark is accepted and dropped, as the page's
// file input does, and UTF-16 with its mark is read as what it says it is. Any other bytes
// that are not UTF-8 are refused rather than read with U+FFFD in their place.
function readText(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CliError('READ_ERROR', '', `cannot read ${file}: ${e.message}`, file);
  }
  const [a, b, c] = bytes;
  let encoding = 'utf-8';
  if (a === 0xff && b === 0xfe) encoding = 'utf-16le';
  else if (a === 0xfe && b === 0xff) encoding = 'utf-16be';
  else if (a === 0xef && b === 0xbb && c === 0xbf) encoding = 'utf-8';
  try {
    // TextDecoder drops the byte-order mark itself.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CliError('INVALID_JSON', '', `${file} is not UTF-8 text (JSON text must be UTF-8; save it as UTF-8)`, file);
  }
}

// Errors from the engine carry the path inside the file; say which file it was.
function inFile(file, run) {
  try {
    return run();
  } catch (e) {
    if (e && typeof e.code === 'string' && e.file === undefined) e.file = file;
    throw e;
  }
}

function loadAccount(file) {
  const text = readText(file);
  return inFile(file, () => Account.fromJson(text));
}

function loadJson(file) {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError('INVALID_JSON', '', `not valid JSON: ${e.message}`, file);
  }
}

const commands = {
  preview: ([account, request]) => {
    const loaded = loadAccount(account);
    return inFile(request, () => loaded.previewMigration(loadJson(request)));
  },
  apply: ([account, request]) => {
    const loaded = loadAccount(account);
    return inFile(request, () => loaded.applyMigration(loadJson(request)));
  },
};
function resourceArg(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError('INVALID_JSON', '', `RESOURCE_JSON is not valid JSON: ${e.message}`);
  }
}
commands.can = ([account, user, action, resource, date]) =>
  inFile(account, () => loadAccount(account).can(user, action, resourceArg(resource), date));
commands.explain = ([account, user, action, resource, date]) =>
  inFile(account, () => loadAccount(account).explain(user, action, resourceArg(resource), date));
commands.access = ([account, user, date]) => inFile(account, () => loadAccount(account).access(user, date));

/** How many arguments each command takes: [at least, at most]. */
const arity = { preview: [2, 2], apply: [2, 2], can: [4, 5], explain: [4, 5], access: [2, 3] };

function main(argv) {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    if (!Object.hasOwn(commands, name) || args.length < arity[name][0] || args.length > arity[name][1]) {
      throw new CliError('USAGE', '', USAGE);
    }
    process.stdout.write(JSON.stringify(commands[name](args), null, 2) + '\n');
    return 0;
  } catch (e) {
    if (!e || typeof e.code !== 'string') throw e;
    const out = { code: e.code, path: e.path ?? '', message: e.message };
    if (e.file !== undefined) out.file = e.file;
    process.stderr.write(JSON.stringify(out) + '\n');
    return 2;
  }
}

// A reader that stops early (`smart-access preview … | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = main(process.argv.slice(2));
