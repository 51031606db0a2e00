// Node entry for import: the same instance as require('smart-access'), so code that mixes
// both never holds two copies of the engine. A static import of the CommonJS entry, which
// Node and bundlers targeting Node follow (createRequire they do not).
import api from './node.cjs';

export const { Account, Preview, Abilities, SmartAccessError, initSync } = api;
export default api.init;
