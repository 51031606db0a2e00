// Node entry for require(): the WebAssembly module is compiled and instantiated
// synchronously when this file loads, so the API is ready on require.
'use strict';
const glue = require('./smart_access_node.cjs');
const { SmartAccessError, guard } = require('./edges.cjs');
const { Abilities } = require('./abilities.cjs');

const { Account, Preview } = guard({ Account: glue.Account, Preview: glue.Preview }, () => true);

// Browsers must `await init()` before using the API; in Node it is already done. These keep
// one piece of code working in both places.
async function init() {}
function initSync() {}

module.exports = { Account, Preview, Abilities, SmartAccessError, init, initSync, default: init };
