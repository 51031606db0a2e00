// Types of the Node entry for import (node.mjs): the engine's classes and types, with no
// browser loading options, so a Node-only project needs no DOM library to compile.
export * from './smart_access_node.cjs';
/** In Node the engine is ready on import; `init` resolves at once, so one piece of code runs in browsers and Node. */
export default function init(input?: unknown): Promise<void>;
/** In Node the engine is ready on import; this does nothing. */
export function initSync(input?: unknown): void;
