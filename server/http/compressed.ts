// Bytes that are served as they are for the whole life of the process, brotli and gzip, each form
// with its own ETag, sent as the client's Accept-Encoding asks, with 304 for a copy it already has.
// The widget's files come precompressed from the build (scripts/precompress.mjs, `precompressed`);
// the demo and the municipality list are compressed here once (`compressed`), as the build does
// (compression.js).
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { compressForms } from './compression.js';

type Encoding = 'br' | 'gzip';

/** A file as read once: its bytes, and each compressed form that is smaller, with its own ETag. */
export interface Compressed {
  body: Buffer;
  etag: string;
  encoded: Partial<Record<Encoding, { body: Buffer; etag: string }>>;
}

/**
 * The encoding to send for an Accept-Encoding header (Fastify's negotiator): the one with the
 * higher q (the first offered on a tie, brotli), never one with q=0; `*` stands for the first
 * offered. undefined: the plain bytes. Coding names are case-insensitive (RFC 9110, 8.4.1).
 */
export function pickEncoding(header: string | undefined, offered: Encoding[] = ['br', 'gzip']): Encoding | undefined {
  return (header && negotiate(header.toLowerCase(), offered)) || undefined;
}

/** Whether an If-None-Match header names this ETag (weak or strong, in a list, or `*`). */
const matches = (header: string | undefined, etag: string): boolean =>
  !!header && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));

/** Compresses once, as the build does (brotli 11, gzip 9); a form is kept only where it is smaller. */
export function compressed(content: Buffer | string): Compressed {
  const body = Buffer.from(content);
  return precompressed(body, compressForms(body));
}

/**
 * Bytes compressed at build: the strong ETag comes from their content hash (`tag`, quoted here; by
 * default the body's SHA-1), each compressed form's from the same with a suffix. A form is kept only
 * where it is smaller.
 */
export function precompressed(
  body: Buffer,
  forms: Partial<Record<Encoding, Buffer>>,
  tag = createHash('sha1').update(body).digest('base64url').slice(0, 16),
): Compressed {
  const encoded: Compressed['encoded'] = {};
  if (forms.br && forms.br.length < body.length) encoded.br = { body: forms.br, etag: `"${tag}-br"` };
  if (forms.gzip && forms.gzip.length < body.length) encoded.gzip = { body: forms.gzip, etag: `"${tag}-gz"` };
  return { body, etag: `"${tag}"`, encoded };
}

/**
 * Sends the form the client accepts, with `Vary: Accept-Encoding` and that form's ETag, or 304
 * when If-None-Match names it. The caller sets the other headers (cache lifetime, CORS, `Vary`
 * beyond Accept-Encoding).
 */
export function sendCompressed(request: FastifyRequest, reply: FastifyReply, entry: Compressed, type: string) {
  const encoding = pickEncoding(request.headers['accept-encoding'], Object.keys(entry.encoded) as Encoding[]);
  const chosen = (encoding ? entry.encoded[encoding] : undefined) ?? entry;
  if (!reply.hasHeader('vary')) reply.header('vary', 'accept-encoding');
  // Text says it is UTF-8; bytes that are no text (the WordPress plugin's zip) carry no charset.
  reply.header('etag', chosen.etag).type(/^(text\/|application\/json)/.test(type) ? `${type}; charset=utf-8` : type);
  if (matches(request.headers['if-none-match'], chosen.etag)) return reply.code(304).send();
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(chosen.body);
}
