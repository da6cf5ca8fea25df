// The pages behind the mail's links. A page that Back brings out of the back-forward cache may
// show a button whose link has been spent since; load it afresh, so the service says what is true.
// (A browser script: globalThis is the window.)
globalThis.addEventListener('pageshow', (event) => {
  if (event.persisted) globalThis.location.reload();
});
