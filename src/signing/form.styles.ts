import { css } from 'lit';

/*
 * The call to action and the form. Colours come from the card's private variables (--_accent,
 * --_bg, --_fg, --_muted); errors have their own red, in light and in dark. The focus ring is the
 * card's (valgloftet.styles.ts); in forced colours the system's colours take over.
 */
export const formStyles = css`
  .join {
    --_error: light-dark(#b3261e, #ffb4ab);
    --_line: color-mix(in srgb, var(--_fg) 60%, var(--_bg));
    --_field: light-dark(#fff, #0e161d);
    margin-block: 1rem 1.5rem;
  }
  /* Form controls take the card's text spacing too (browsers reset it on them). */
  button,
  input {
    letter-spacing: inherit;
    word-spacing: inherit;
  }
  button {
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--_accent);
    border-radius: 0.375rem;
    background: none;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .primary {
    background: var(--_accent);
    color: var(--_bg);
  }
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  form,
  #join-panel > * {
    margin-block-start: 1rem;
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
  input:not([type='radio']),
  [role='listbox'] {
    box-sizing: border-box;
    width: 100%;
    max-width: 28rem;
    margin: 0.25rem 0 0;
    border: 2px solid var(--_line);
    border-radius: 0.25rem;
    background: var(--_field);
    color: var(--_fg);
  }
  input:not([type='radio']) {
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
  [type='radio'] {
    width: 1.375rem;
    height: 1.375rem;
    margin: 0;
    accent-color: var(--_accent);
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
  .summary,
  .notice {
    margin-block-end: 1.25rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_error);
  }
  .notice {
    border-color: var(--_accent);
  }
  .summary h3,
  .sent h3 {
    margin-block-start: 0;
  }
  /* What takes focus is scrolled into view with room for its focus ring. */
  [tabindex='-1'] {
    scroll-margin-block: 1rem;
  }
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button,
    input,
    [role='listbox'],
    .summary,
    .notice,
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
