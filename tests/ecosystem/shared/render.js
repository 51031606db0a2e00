// Shows a result for the test to read: <pre id="result"> with the preview's JSON, or
// <pre id="error"> with what went wrong.
export function render(promise) {
  const pre = document.createElement('pre');
  promise.then(
    (preview) => {
      pre.id = 'result';
      pre.textContent = typeof preview === 'string' ? preview : JSON.stringify(preview);
    },
    (error) => {
      pre.id = 'error';
      pre.textContent = String(error?.stack ?? error);
    },
  );
  document.body.append(pre);
}
