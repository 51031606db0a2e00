// Browser and bundler entry: the generated glue, with the edges of js/edges.cjs (a runtime
// SmartAccessError, FREED after free(), NOT_INITIALISED before init()).
import glueInit, { initSync as glueInitSync, Account as GlueAccount, Preview as GluePreview } from './smart_access.js';
import edges from './edges.js';
import abilities from './abilities.js';

const { SmartAccessError, guard } = edges;
const { Abilities } = abilities;

let ready = false;
const { Account, Preview } = guard({ Account: GlueAccount, Preview: GluePreview }, () => ready);

/** Compiles and instantiates the engine (fetching smart_access_bg.wasm next to this file by default); once is enough. */
export default async function init(input) {
  const exports = await glueInit(input);
  ready = true;
  return exports;
}

/** The same from an already compiled module or its bytes, synchronously. */
export function initSync(input) {
  const exports = glueInitSync(input);
  ready = true;
  return exports;
}

export { Account, Preview, Abilities, SmartAccessError };
