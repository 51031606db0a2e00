// What every fixture checks: example C's migration preview, computed through the package as
// the tool under test resolved, bundled and loaded it. example.js is written by the test.
import init, { Account } from 'smart-access';
import { account, request } from './example.js';

/** `initInput`: where the page's bundler put the .wasm, for tools that do not follow the glue's URL. */
export async function previewExampleC(initInput) {
  await init(initInput);
  const loaded = Account.fromJson(account);
  try {
    return loaded.previewMigration(JSON.parse(request));
  } finally {
    loaded.free();
  }
}
