/*
 * The call to action, what shows while the form module loads or when it cannot, and what both
 * parts share (buttons, notices, visually hidden text). The form's own styles come with it
 * (signing/form.styles.ts). Colours come from the card's private variables (--_accent, --_bg,
 * --_fg, --_muted); in forced colours the system's colours take over. A plain string, tagged `css`
 * only so the build minifies it (valgloftet.styles.ts).
 */
const css = String.raw;

export const joinStyles = css`
  .join {
    margin-block: 1rem 1.5rem;
  }
  /* Buttons take the card's text spacing too (browsers reset it on them). */
  button {
    letter-spacing: inherit;
    word-spacing: inherit;
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
  #join-panel > * {
    margin-block-start: 1rem;
  }
  .notice {
    margin-block-end: 1.25rem;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_accent);
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
    .notice {
      border-color: ButtonText;
    }
  }
`;
