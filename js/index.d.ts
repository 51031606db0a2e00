// Types of the browser and bundler entry (index.js): the engine's classes and types (the same
// generated declarations as the Node entry's) and `init`/`initSync`. The loading options name
// the DOM's and WebAssembly's types through the consumer's global scope, so a project whose
// libraries lack them (a Node-only project resolving packages for a bundler) still compiles;
// where they are declared (the DOM library), they are the real types.
export * from './smart_access_node.cjs';

/** The instance type of the global `Name` (a class such as `Response`), or `never` where the
 * consumer's libraries do not declare it. */
type Global<Name extends string> = typeof globalThis extends Record<Name, { prototype: infer T }> ? T : never;
/** The same for a class of the global `WebAssembly` namespace. */
type Wasm<Name extends string> = typeof globalThis extends { WebAssembly: Record<Name, { prototype: infer T }> } ? T : never;

/** The engine's module: the URL of `smart_access_bg.wasm` (by default the one beside this
 * file), a `Request` or `Response` for it, its bytes, or the compiled module. */
export type InitInput = string | Global<'URL'> | Global<'Request'> | Global<'Response'> | ArrayBuffer | ArrayBufferView | Wasm<'Module'>;
/** The module's bytes or the compiled module. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | Wasm<'Module'>;
/** The instantiated module's exports; `memory` is the engine's memory. */
export interface InitOutput {
    readonly memory: Wasm<'Memory'>;
}

/** Compiles and instantiates the engine, once, before any other call (in a browser). */
export default function init(
    module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;
/** The same from the module's bytes or the compiled module, synchronously. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;
