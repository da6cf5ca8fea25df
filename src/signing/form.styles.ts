/*
 * The form's own styles, loaded with the form module: fields, the municipality list, the error
 * summary. The call to action, buttons and notices are the first script's (join.styles.ts). The
 * text is a plain string, tagged `css` only so the build minifies it; the element adopts it into
 * its shadow root when the module arrives. Errors have their own red (--_error), in light and dark.
 */
const css = String.raw;

export const formCss = css`
  .join {
    --_error: light-dark(#b3261e, #ffb4ab);
    --_line: color-mix(in srgb, var(--_fg) 60%, var(--_bg));
    --_field: light-dark(#fff, #0e161d);
  }
  /* Fields take the card's text spacing too (browsers reset it on them). */
  input {
    letter-spacing: inherit;
    word-spacing: inherit;
  }
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .field {
    margin: 0 0 1.25rem;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  [data-invalid] {
    padding-inline-start: 0.75rem;
    border-inline-start: 0.25rem solid var(--_error);
  }
  label,
  legend {
    display: block;
    padding: 0;
    font-weight: 600;
  }
  .hint,
  .error {
    margin: 0.125rem 0 0.25rem;
    color: var(--_muted);
  }
  .error,
  .summary a {
    color: var(--_error);
    font-weight: 600;
  }
  input:not([type='radio'], [type='checkbox']),
  [role='listbox'] {
    box-sizing: border-box;
    width: 100%;
    max-width: 28rem;
    margin: 0.25rem 0 0;
    border: 2px solid var(--_line);
    border-radius: 0.25rem;
    background: var(--_field);
    color: var(--_fg);
    display: block;
    min-height: 2.75rem;
    padding: 0.5rem 0.625rem;
    font: inherit;
  }
  /* As specific as the rule above, and after it: an invalid field gets its red edge. */
  input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.75rem;
    font-weight: 400;
  }
  [type='radio'],
  [type='checkbox'] {
    width: 1.375rem;
    height: 1.375rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  /* The list's display above would show it empty and closed as a second field. */
  [role='listbox'][hidden] {
    display: none;
  }
  /*
   * In the embed page's frame (data-frame), whose height WordPress caps at 1,000 px: the open form
   * takes the place of the rest of the card but its button, which closes it again, and sets its
   * fine print and spacing closer, so that it fits with its send button on a phone (a 315 px frame
   * at 375 px) and nobody scrolls inside the frame. Not while it says it is fetching the form: the
   * card would shrink, then grow again.
   */
  :host([data-frame]) article:has(#join-panel > :not(.status)) :is(article > :not(.join), .join > p) {
    display: none;
  }
  :host([data-frame]) article:has(#join-panel > :not(.status)) {
    padding: 0.75rem;
  }
  :host([data-frame]) .join {
    margin: 0;
  }
  :host([data-frame]) .field {
    margin-block-end: 0.625rem;
  }
  :host([data-frame]) #join-panel {
    line-height: 1.4;
  }
  :host([data-frame]) .choice {
    min-height: 2.25rem;
  }
  :host([data-frame]) :is(.hint, .privacy) {
    font-size: 0.875em;
  }
  [role='listbox'] {
    max-height: 15rem;
    padding: 0.25rem 0;
    overflow-y: auto;
    list-style: none;
  }
  [role='option'] {
    padding: 0.5rem 0.75rem;
    cursor: pointer;
  }
  [role='option']:hover {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  [aria-selected='true'] {
    background: var(--_accent);
    color: var(--_bg);
  }
  .detail {
    font-size: 0.875em;
  }
  .summary {
    margin-block-end: 1.25rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_error);
  }
  .summary h3,
  .sent h3 {
    margin-block-start: 0;
  }
  @media (forced-colors: active) {
    input,
    [role='listbox'],
    .summary,
    [data-invalid] {
      border-color: ButtonText;
    }
    [aria-selected='true'] {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
  }
`;
