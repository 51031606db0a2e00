// No bundler and no import map (the page's CSP allows no inline script): the browser loads
// the package's files as npm installed them, by their path.
import '/node_modules/smart-access/element/index.js';
import { account } from './shared/example.js';

const element = document.querySelector('smart-access-preview');
element.addEventListener('submit', (event) => {
  window.submitted = event.detail;
});
element.account = account;
