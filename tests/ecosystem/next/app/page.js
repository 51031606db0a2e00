// A server component computes the preview on the server; the client component computes it
// again in the browser.
import { Account } from 'smart-access';
import { account, request } from '../shared/example.js';
import ClientPreview from './client-preview.js';

export const dynamic = 'force-dynamic';

export default function Page() {
  const preview = Account.fromJson(account).previewMigration(JSON.parse(request));
  return (
    <main>
      <pre id="server">{JSON.stringify(preview)}</pre>
      <ClientPreview />
    </main>
  );
}
