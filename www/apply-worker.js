// Applies a submitted migration to the demo's account off the page's main thread, and
// answers with the migrated account's JSON text (what a portal's server would send back).
import init, { Account } from '/pkg/index.js';

const ready = init();
onmessage = async ({ data: { account, request } }) => {
  try {
    await ready;
    const loaded = Account.fromJson(account);
    const applied = loaded.preview(request).apply();
    postMessage({ account: applied.account.toJsonText(), transactionId: applied.transactionId });
    applied.account.free();
    loaded.free();
  } catch (e) {
    postMessage({ error: e?.message ?? String(e) });
  }
};
