// Writes the benchmark inputs as JSON files for the native (criterion) benchmark:
// DIR/<n>.account.json, DIR/<n>.request.json, DIR/<n>.questions.json for each size n.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIZES, account, request, questions } from './sizes.mjs';

const dir = process.argv[2] ?? 'target/bench-accounts';
mkdirSync(dir, { recursive: true });
SIZES.forEach((size, n) => {
  const acct = account(size);
  writeFileSync(join(dir, `${n}.account.json`), JSON.stringify(acct));
  writeFileSync(join(dir, `${n}.request.json`), JSON.stringify(request(acct)));
  writeFileSync(join(dir, `${n}.questions.json`), JSON.stringify(questions(acct, 10_000)));
});
console.error(`wrote ${SIZES.length} benchmark accounts to ${dir}`);
