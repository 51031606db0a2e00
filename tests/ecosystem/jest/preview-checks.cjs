// The checks, run by node.test.cjs and jsdom.test.cjs: require("smart-access") as any CommonJS project would.
const { Account, SmartAccessError } = require('smart-access');
const { account, request } = require('./shared/example.cjs');
const expected = require('./shared/expected.json');

test("example C's preview", () => {
  const preview = Account.fromJson(account).previewMigration(JSON.parse(request));
  expect(JSON.parse(JSON.stringify(preview))).toEqual(expected);
});

test('errors are SmartAccessError with a code', () => {
  expect(() => Account.fromJson('{')).toThrow(SmartAccessError);
});
