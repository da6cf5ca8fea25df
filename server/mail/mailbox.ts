/** Mail providers whose addresses ignore dots in the local part, and their aliases. */
const DOTLESS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address reaches, as the key for "one person, one count, one mail": lower-cased,
 * a `+tag` dropped, and for Gmail the dots and the googlemail.com alias too. The address as typed
 * is what the mail goes to; this is only what two addresses are compared by.
 */
export function mailboxOf(address: string): string {
  const email = address.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const alias = DOTLESS[domain];
  if (alias) {
    domain = alias;
    local = local.replace(/\./g, '');
  }
  return `${local}@${domain}`;
}
