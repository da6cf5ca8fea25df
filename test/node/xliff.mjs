import { readFile } from 'node:fs/promises';

const unescape = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const element = (name, xml) => {
  const inner = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
  return inner === undefined ? undefined : unescape(inner);
};

/** The messages in an XLIFF file: id, source (bokmål) and target (nynorsk, or undefined). */
export async function readMessages(path = new URL('../../locales/nn.xlf', import.meta.url)) {
  const xml = await readFile(path, 'utf8');
  return [...xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id,
    source: element('source', body) ?? '',
    target: element('target', body),
  }));
}
