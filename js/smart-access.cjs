#!/usr/bin/env node
// The `smart-access` command: the engine on JSON files, JSON on standard output. Arguments
// are parsed by node:util's parseArgs. On bad input the error object ({code, path,
// message} and the file or argument it is about) goes to standard error, exit status 2.
'use strict';
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { Account } = require('../node.cjs');
const { version } = require('../package.json');

const DATE = 'DATE is a day written YYYY-MM-DD (UTC); left out, today.';
const COMMANDS = {
  preview: {
    args: ['ACCOUNT', 'REQUEST'],
    about: 'Previews the migration REQUEST asks for: every user before and after, contract outcomes, warnings, the submission.',
  },
  compare: {
    args: ['ACCOUNT', 'REQUEST'],
    about: 'The choices of steps 3.1 x 3.2 side by side for REQUEST (its roles replaced): each with its request, summary, who collapses to SA-wide access and who loses what at the grace end.',
  },
  apply: {
    args: ['ACCOUNT', 'REQUEST'],
    about: 'Applies the migration: the migrated account, its history events and the transaction id.',
  },
  overview: {
    args: ['ACCOUNT'],
    options: '[--actor USER] [--on DATE]',
    about: 'The account at a glance and every contract\'s status; eligibility for --actor when given.',
  },
  can: {
    args: ['ACCOUNT', 'USER', 'ACTION', 'RESOURCE'],
    optional: ['DATE'],
    about: 'Prints true or false, and exits 0 for true, 1 for false. RESOURCE is JSON, e.g. \'{"contract":"C-300","line":"2"}\'.',
  },
  'can-many': {
    args: ['ACCOUNT', 'QUESTIONS'],
    optional: ['DATE'],
    about: 'Answers a JSON list of questions [{ user, action, resource, on? }] with a list of true/false; DATE is for questions without on.',
  },
  explain: {
    args: ['ACCOUNT', 'USER', 'ACTION', 'RESOURCE'],
    optional: ['DATE'],
    about: 'The answer with every reason that gives it, or why not.',
  },
  'who-can': {
    args: ['ACCOUNT', 'ACTION', 'RESOURCE'],
    optional: ['DATE'],
    about: 'Every user who can do ACTION on RESOURCE, with the reasons, in account order.',
  },
  access: {
    args: ['ACCOUNT', 'USER'],
    optional: ['DATE'],
    about: 'Everything USER can do on DATE, per SA, VA, contract and order share.',
  },
};

const synopsis = (name) => {
  const c = COMMANDS[name];
  return [`smart-access ${name}`, ...c.args, ...(c.optional ?? []).map((a) => `[${a}]`), c.options ?? '']
    .join(' ').trimEnd();
};

function help(name) {
  if (name) return `usage: ${synopsis(name)}\n\n${COMMANDS[name].about}\n${DATE}\n`;
  return `smart-access ${version}: previews a Smart Account's user access migration and resolves who may do what.

usage:
${Object.keys(COMMANDS).map((n) => `  ${synopsis(n)}\n      ${COMMANDS[n].about}`).join('\n')}
  smart-access help [COMMAND] | --help | --version

ACCOUNT, REQUEST and QUESTIONS are JSON files (UTF-8; - reads standard input). ${DATE}
Output is JSON on standard output. Exit status: 0 done (for can: true), 1 can answered
false, 2 bad input or arguments, with the error as JSON on standard error:
{ "code", "path", "message" } and the "file" or "argument" it is about.
`;
}

class CliError extends Error {
  constructor(code, path, message, where = {}) {
    super(message);
    Object.assign(this, { code, path }, where);
  }
}

/** The most JSON the engine reads (its TOO_LARGE limit), in UTF-8 bytes. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MiB = (bytes) => `${Math.floor(bytes / (1024 * 1024))} MiB`;

/**
 * The bytes of a file, standard input or a device, read a chunk at a time and refused as
 * TOO_LARGE as soon as they pass the engine's limit (plus a byte-order mark; UTF-16 takes up
 * to twice the bytes of the same text in UTF-8), so `< /dev/zero` or a huge pipe stops there
 * rather than filling the memory first.
 */
function readBounded(fd, file) {
  const chunks = [];
  let total = 0;
  let limit = MAX_JSON_BYTES + 3;
  const chunk = Buffer.allocUnsafe(1 << 20);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      // A non-blocking standard input with nothing yet: wait a little for the writer.
      if (e.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (e.code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    const head = chunks[0];
    if (total >= 2 && head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
      limit = 2 * MAX_JSON_BYTES + 2;
    }
    if (total > limit) {
      throw new CliError('TOO_LARGE', '', `${file} holds more than ${MiB(MAX_JSON_BYTES)} of JSON, the most the engine reads; reading stopped there`, { file });
    }
  }
  return Buffer.concat(chunks, total);
}

let stdinTaken = false;
// JSON text is UTF-8 (RFC 8259); a byte-order mark is accepted and dropped, as the page's
// file input does, and UTF-16 with its mark is read as what it says it is. Any other bytes
// that are not UTF-8 are refused rather than read with U+FFFD in their place.
function readText(file) {
  let bytes;
  let fd;
  try {
    if (file === '-') {
      if (stdinTaken) throw new Error('standard input can be read only once');
      stdinTaken = true;
    }
    fd = file === '-' ? 0 : fs.openSync(file, 'r');
    bytes = readBounded(fd, file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError('READ_ERROR', '', `cannot read ${file}: ${e.message}`, { file });
  } finally {
    if (fd !== undefined && fd !== 0) fs.closeSync(fd);
  }
  const [a, b] = bytes;
  let encoding = 'utf-8';
  if (a === 0xff && b === 0xfe) encoding = 'utf-16le';
  else if (a === 0xfe && b === 0xff) encoding = 'utf-16be';
  try {
    // TextDecoder drops the byte-order mark itself.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CliError('INVALID_JSON', '', `${file} is not UTF-8 text (JSON text must be UTF-8; save it as UTF-8)`, { file });
  }
}

// An engine error is about the file or the argument its path points into.
function about(where, run) {
  try {
    return run();
  } catch (e) {
    if (e && typeof e.code === 'string' && e.file === undefined && e.argument === undefined) {
      Object.assign(e, typeof where === 'function' ? where(e.path ?? '') : where);
    }
    throw e;
  }
}

const loadAccount = (file) => {
  const text = readText(file);
  return about({ file }, () => Account.fromJson(text));
};

function parseJson(text, where) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError('INVALID_JSON', '', `not valid JSON: ${e.message}`, where);
  }
}

const loadJson = (file) => parseJson(readText(file), { file });

// The arguments of a question, named by the path of an error about them.
const questionArgument = (path) => {
  const [, key] = path.split('/');
  return { argument: { user: 'USER', action: 'ACTION', resource: 'RESOURCE', on: 'DATE' }[key] ?? 'RESOURCE' };
};

const run = {
  preview: ([account, request]) => {
    const loaded = loadAccount(account);
    return about({ file: request }, () => loaded.previewMigration(loadJson(request)));
  },
  compare: ([account, request]) => {
    const loaded = loadAccount(account);
    return about({ file: request }, () => loaded.compare(loadJson(request)));
  },
  'who-can': ([account, action, resource, date]) => {
    const loaded = loadAccount(account);
    const question = parseJson(resource, { argument: 'RESOURCE' });
    return about(questionArgument, () => loaded.whoCan(action, question, date ?? null));
  },
  apply: ([account, request]) => {
    const loaded = loadAccount(account);
    return about({ file: request }, () => loaded.applyMigration(loadJson(request)));
  },
  overview: ([account], { actor, on }) => {
    const loaded = loadAccount(account);
    return about((path) => ({ argument: path.startsWith('/actor') ? '--actor' : '--on' }), () => loaded.overview(actor ?? null, on ?? null));
  },
  can: ([account, user, action, resource, date]) => {
    const loaded = loadAccount(account);
    const question = parseJson(resource, { argument: 'RESOURCE' });
    return about(questionArgument, () => loaded.can(user, action, question, date ?? null));
  },
  'can-many': ([account, questions, date]) => {
    const loaded = loadAccount(account);
    const list = loadJson(questions);
    return about((path) => (path === '/on' ? { argument: 'DATE' } : { file: questions }), () => loaded.canMany(list, date ?? null));
  },
  explain: ([account, user, action, resource, date]) => {
    const loaded = loadAccount(account);
    const question = parseJson(resource, { argument: 'RESOURCE' });
    return about(questionArgument, () => loaded.explain(user, action, question, date ?? null));
  },
  access: ([account, user, date]) => {
    const loaded = loadAccount(account);
    return about(questionArgument, () => loaded.access(user, date ?? null));
  },
};

const usage = (message) => new CliError('USAGE', '', `${message}; see smart-access --help`);

/**
 * The command's arguments exactly as given. Node decodes them as UTF-8 and puts U+FFFD in
 * place of bytes that are not UTF-8, so `can acc.json $'\xff' …` would ask about a user whose
 * id is "\uFFFD". An argument holding U+FFFD is checked against its bytes (Linux keeps them
 * in /proc/self/cmdline): not UTF-8 there, it is refused as INVALID_VALUE naming it; where
 * the bytes cannot be read, U+FFFD itself is refused, since it cannot be told apart.
 */
function checkedArguments(argv) {
  const suspect = argv.findIndex((arg) => arg.includes('\uFFFD'));
  if (suspect === -1) return argv;
  let raw = null;
  try {
    const all = fs.readFileSync('/proc/self/cmdline');
    const parts = [];
    for (let start = 0; start < all.length;) {
      const end = all.indexOf(0, start);
      parts.push(all.subarray(start, end === -1 ? all.length : end));
      start = end === -1 ? all.length : end + 1;
    }
    // The command's own arguments are the last ones (Node's options and the script before).
    raw = parts.slice(parts.length - argv.length);
  } catch {
    raw = null;
  }
  argv.forEach((arg, i) => {
    if (!arg.includes('\uFFFD')) return;
    let valid = false;
    if (raw?.length === argv.length) {
      try {
        valid = new TextDecoder('utf-8', { fatal: true }).decode(raw[i]) === arg;
      } catch {
        valid = false;
      }
    }
    if (!valid) {
      // Named as the command's synopsis names it where the argument stands in its place.
      const command = Object.hasOwn(COMMANDS, argv[0]) ? COMMANDS[argv[0]] : null;
      const plain = !argv.slice(1, i).some((a) => a.startsWith('-') && a !== '-');
      const name = command && plain && i > 0 ? [...command.args, ...(command.optional ?? [])][i - 1] : undefined;
      const argument = name ?? i + 1;
      throw new CliError('INVALID_VALUE', '', `${typeof argument === 'string' ? argument : `argument ${argument}`} is not UTF-8 text (its bytes would be read as U+FFFD); give ids, actions and dates as UTF-8`, { argument });
    }
  });
  return argv;
}

function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        actor: { type: 'string' },
        on: { type: 'string' },
      },
    });
  } catch (e) {
    throw usage(e.message);
  }
  const { values, positionals: [name, ...args] } = parsed;
  if (values.version) return { out: `${version}\n` };
  if (name === 'help') {
    if (args.length > 1 || (args[0] && !Object.hasOwn(COMMANDS, args[0]))) throw usage(`no command "${args[0]}"`);
    return { out: help(args[0]) };
  }
  if (values.help || name === undefined) {
    if (name !== undefined && !Object.hasOwn(COMMANDS, name)) throw usage(`no command "${name}"`);
    return { out: help(name) };
  }
  if (!Object.hasOwn(COMMANDS, name)) throw usage(`no command "${name}"`);
  const { args: needed, optional = [], options } = COMMANDS[name];
  if (args.length < needed.length || args.length > needed.length + optional.length) {
    throw usage(`${name} takes ${synopsis(name).replace(`smart-access ${name} `, '')}`);
  }
  if (!options && (values.actor !== undefined || values.on !== undefined)) {
    throw usage(`${name} takes no --actor or --on`);
  }
  const result = run[name](args, values);
  return { out: `${JSON.stringify(result, null, 2)}\n`, status: name === 'can' && result === false ? 1 : 0 };
}

// A reader that stops early (`smart-access preview … | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

try {
  const { out, status = 0 } = main(checkedArguments(process.argv.slice(2)));
  process.stdout.write(out);
  process.exitCode = status;
} catch (e) {
  if (!e || typeof e.code !== 'string') throw e;
  const out = { code: e.code, path: e.path ?? '', message: e.message };
  if (e.file !== undefined) out.file = e.file;
  if (e.argument !== undefined) out.argument = e.argument;
  process.stderr.write(`${JSON.stringify(out)}\n`);
  process.exitCode = 2;
}
