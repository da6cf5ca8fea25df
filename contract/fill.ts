/**
 * Puts values into a text's {placeholders}; a placeholder without a value stays as it is.
 * Shared by the widget's messages and the service's mails and pages; translators keep the braces.
 */
export const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
