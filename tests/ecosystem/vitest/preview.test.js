// Vitest (node environment): the package as an ES module dependency.
import { test, expect } from 'vitest';
import { SmartAccessError, Account } from 'smart-access';
import { previewExampleC } from './shared/preview.js';
import expected from './shared/expected.json';

test("example C's preview", async () => {
  expect(JSON.parse(JSON.stringify(await previewExampleC()))).toEqual(expected);
});

test('errors are SmartAccessError with a code', () => {
  expect(() => Account.fromJson('{')).toThrow(SmartAccessError);
});
