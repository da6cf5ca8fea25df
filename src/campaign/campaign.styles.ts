/**
 * The campaign module's own styles, adopted when it arrives: the line that stands in the call to
 * action's place, under the figures, before signing opens and after it closed. A plain string,
 * tagged `css` only so the build minifies it.
 */
const css = String.raw;

export const campaignCss = css`
  .when {
    margin-block: -0.25rem 1.5rem;
    font-weight: 600;
  }
`;
