/**
 * What the server-rendered markup takes (`GET /api/markup`): the element's attributes. The
 * service validates them (server/widget/markup.ts) and hands them to the renderer built from the
 * widget's templates (src/ssr.ts → dist/ssr/markup.js).
 */
export interface MarkupOptions {
  lang: 'nb' | 'nn';
  /** The service's API; the client reads `{api}/count`. */
  api?: string;
  noCounter?: boolean;
  noForm?: boolean;
  refreshInterval?: number;
  pledgeUrl?: string;
  podcastUrl?: string;
  caseUrl?: string;
}

/** What dist/ssr/markup.js exports. */
export interface Renderer {
  renderMarkup: (options: MarkupOptions) => string;
}
