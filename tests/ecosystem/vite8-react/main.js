// React 19 renders the element with its properties (React 19 sets a custom element's
// properties, not attributes, where the element defines them); the submit event is
// listened to through a ref. No JSX, so no plugin.
import { createElement, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import 'smart-access/element';
import { account } from './shared/example.js';

function Preview() {
  const ref = useRef(null);
  useEffect(() => {
    const element = ref.current;
    const onSubmit = (event) => {
      window.submitted = event.detail;
    };
    element.addEventListener('submit', onSubmit);
    return () => element.removeEventListener('submit', onSubmit);
  }, []);
  return createElement('smart-access-preview', { ref, account, on: '2026-11-23' });
}

createRoot(document.getElementById('root')).render(createElement(Preview));
