/**
 * @jest-environment jsdom
 */
// Jest, jsdom environment (browser globals, no TextEncoder or TextDecoder among them).
require('./preview-checks.cjs');
