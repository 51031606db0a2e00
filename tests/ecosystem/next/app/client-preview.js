'use client';
import { useEffect, useState } from 'react';
import { previewExampleC } from '../shared/preview.js';

export default function ClientPreview() {
  const [shown, setShown] = useState(null);
  useEffect(() => {
    previewExampleC().then(
      (preview) => setShown({ id: 'result', text: JSON.stringify(preview) }),
      (error) => setShown({ id: 'error', text: String(error?.stack ?? error) }),
    );
  }, []);
  return shown && <pre id={shown.id}>{shown.text}</pre>;
}
