/** Escapes text for HTML; everything the service puts into HTML from data goes through this. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A link in a mail: its address, and the words a reader sees and a screen reader says. */
export interface MailLink {
  href: string;
  text: string;
}

/**
 * A mail's text template as simple HTML: paragraphs and line breaks, every value escaped. A
 * placeholder named in `links` becomes a link with words of its own (not a 43-character token read
 * aloud); an address among the values (the privacy statement) is linked as it stands.
 */
export function mailHtml(
  template: string,
  values: Record<string, string | number>,
  links: Partial<Record<string, MailLink>>,
  lang: string,
  title: string,
): string {
  const paragraphs = template.split(/\n{2,}/).map((p) =>
    escapeHtml(p)
      .replace(/\{(\w+)\}/g, (whole, key: string) => {
        const link = links[key];
        if (link) return `<a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a>`;
        if (!(key in values)) return whole;
        const value = String(values[key]);
        const escaped = escapeHtml(value);
        return /^https?:\/\/\S+$/.test(value) ? `<a href="${escaped}">${escaped}</a>` : escaped;
      })
      .replace(/\n/g, '<br>'),
  );
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family: sans-serif; line-height: 1.5">${paragraphs
    .map((p) => `<p>${p}</p>`)
    .join('')}</body></html>`;
}
