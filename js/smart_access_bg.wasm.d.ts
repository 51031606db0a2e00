/**
 * The engine's WebAssembly module, for tools that give an imported file's URL (esbuild's
 * `file` loader, Vite's `?url`): pass it to `init({ module_or_path })`.
 */
declare const url: string;
export default url;
