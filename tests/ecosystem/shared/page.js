import { previewExampleC } from './preview.js';
import { render } from './render.js';

render(previewExampleC());
