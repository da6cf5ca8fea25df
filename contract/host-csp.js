// The Content-Security-Policy the README gives hosts, in one place: the demo page is served under
// it, the bundle and hostile-page tests load the built files under it, and the end-to-end host page
// too. Plain JavaScript, so the test runner's .mjs configuration can import it as the service does.

/**
 * The strict policy for a page that embeds the widget. `service` is the signature service's origin
 * when it is not the page's own; `extraPolicies` names other Trusted Types policies the page needs
 * (its own Lit's `lit-html`, say); `styleHashes` are the hashes `GET /api/markup` gives in its
 * `KS-Valgloftet-Style-Hash` header (`'sha256-…'`), for a page that includes server-rendered markup.
 * @param {{ service?: string, extraPolicies?: string[], styleHashes?: string[] }} [options]
 */
export function hostCsp({ service = '', extraPolicies = [], styleHashes = [] } = {}) {
  const self = service ? `'self' ${service}` : "'self'";
  const style = ["'self'", ...styleHashes].join(' ');
  return (
    `default-src 'self'; script-src ${self}; style-src ${style}; img-src 'self'; connect-src ${self}; ` +
    `object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; ` +
    `trusted-types ${['ks-valgloftet', ...extraPolicies].join(' ')}`
  );
}
