import wasmUrl from 'smart-access/smart_access_bg.wasm';
import { previewExampleC } from './shared/preview.js';
import { render } from './shared/render.js';

render(previewExampleC({ module_or_path: wasmUrl }));
