// Node entry for import: the same instance as require('smart-access'), so code that mixes
// both never holds two copies of the engine.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('./node.cjs');

export const Account = api.Account;
export const initSync = api.initSync;
export default api.init;
