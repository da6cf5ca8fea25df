// Where the widget's links point unless a host says otherwise; the signature service's pages
// link to the same KS page. Shared, so plain constants: no Lit here.

export const DEFAULT_PLEDGE_URL =
  'https://www.ks.no/fagomrader/demokrati-og-styring/lokaldemokrati/valglofte-om-saklig-debatt/';
export const DEFAULT_PODCAST_URL = 'https://shows.acast.com/ks';
