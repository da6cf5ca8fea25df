// The headers every answer of the service carries, and those every page carries besides: one
// onSend hook, written here once, so that no route (the count included) can miss one.
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An HTML page made to be framed by other sites (the embed page); every other page is not. */
    embeddable?: boolean;
  }
}

/** A year; a browser that has seen the service over HTTPS goes there by HTTPS only. */
const HSTS_MAX_AGE = 31_536_000;

/** No MIME sniffing, no Referer; HTTPS only once seen over HTTPS (not on a plain-http setup). */
function everyAnswer(publicUrl: string): Readonly<Record<string, string>> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(publicUrl.startsWith('https://') ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE}` } : {}),
  };
}

/** Features the service's own pages never use, so nothing on them may ask for one. */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

const HTML = /^text\/html\b/;
const FRAME_ANCESTORS = /(^|;)\s*frame-ancestors\s/;

/**
 * Sets every answer's headers (everyAnswer) as it is sent, and a page's: no powerful features, its
 * own browsing context group, and no framing (clickjacking) unless its route says
 * `config: { embeddable: true }`.
 */
export function answerHeaders(app: FastifyInstance, publicUrl: string): void {
  const headers = everyAnswer(publicUrl);
  // A callback rather than an async hook: it runs for every answer, the count's too.
  app.addHook('onSend', (request, reply, _payload, done) => {
    reply.headers(headers);
    if (!HTML.test(String(reply.getHeader('content-type') ?? ''))) {
      done();
      return;
    }
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // An embeddable page goes without COOP: any site may frame it, and so hold a window of it, so
    // COOP keeps no one out; opened on its own, the page waited for the new browsing context group
    // COOP asks for before it painted (the embed page on the bench's slow phone, issue 26).
    if (!request.routeOptions.config.embeddable) {
      reply.header('cross-origin-opener-policy', 'same-origin');
      const csp = String(reply.getHeader('content-security-policy') ?? '');
      if (!FRAME_ANCESTORS.test(csp)) {
        reply.header('content-security-policy', csp ? `${csp}; frame-ancestors 'none'` : "frame-ancestors 'none'");
      }
      reply.header('x-frame-options', 'DENY');
    }
    done();
  });
}
