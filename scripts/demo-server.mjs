// Serves the demo page and the built widget, with a fixed count, until the signature service
// (server/) takes over. Usage: npm start (builds first). PORT defaults to 8787.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

const root = new URL('../', import.meta.url);
const port = Number(process.env.PORT ?? 8787);
const routes = {
  '/': 'demo/index.html',
  '/demo/demo.css': 'demo/demo.css',
  '/ks-valgloftet.js': 'dist/ks-valgloftet.js',
  '/ks-valgloftet.iife.js': 'dist/ks-valgloftet.iife.js',
};
const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript' };
// The policy the README recommends to hosts; the demo lives under it.
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types ks-valgloftet";

createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/api/count') {
    res.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=15',
    });
    return res.end(JSON.stringify({ signatures: 2134, councils: 87, updatedAt: new Date().toISOString() }));
  }
  if (path === '/favicon.ico') return res.writeHead(204).end();
  const file = routes[path];
  if (!file) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  try {
    const body = await readFile(new URL(file, root));
    res.writeHead(200, { 'content-type': `${types[extname(file)]}; charset=utf-8`, 'content-security-policy': csp });
    res.end(body);
  } catch {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Run `npm run build` first.');
  }
}).listen(port, () => console.log(`Valgløftet demo: http://localhost:${port}/`));
