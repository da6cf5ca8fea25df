/**
 * WCAG 1.4.12 Text Spacing: a reader who sets their own line height, letter, word and paragraph
 * spacing must get it and lose nothing. These are the rules of the text-spacing bookmarklet (Steve
 * Faulkner's), as it sets them on a page; the widget's browser tests and the pages' end-to-end
 * tests apply the same.
 */
export const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;
