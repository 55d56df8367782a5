/**
 * Canonical article URLs: the form under which vigil stores, deduplicates and fetches an article.
 *
 * Rules (each one is safe for fetching: the canonical URL still points at the same page):
 * - relative references are resolved against `base` (the feed URL, an `xml:base`, a page URL);
 * - only http and https survive: `mailto:`, `javascript:`, `data:`, `file:` ... give null;
 * - scheme and host are lower-cased, default ports (80/443) dropped, IDN hosts in punycode
 *   (all done by the WHATWG URL parser);
 * - the fragment is dropped: it never reaches the server;
 * - tracking parameters (utm_*, fbclid, gclid, mc_cid, ... see TRACKING_PARAMS) are dropped;
 * - the remaining query parameters keep their order and their exact encoding. Sorting or
 *   re-encoding would merge a few more duplicates but some servers (search pages, CMS
 *   routers, Google Alerts redirect URLs) read parameters positionally or compare raw strings;
 * - `www.` is kept: `www.example.org` and `example.org` are different hosts that may serve
 *   different sites or redirect differently, and dropping it can even break TLS (certificate
 *   names). Cross-host duplicates are caught by guid and content, not by URL rewriting;
 * - the path is left alone (no trailing-slash or case folding): paths are case-sensitive and
 *   `/a` and `/a/` may be different resources.
 */

/** Exact parameter names (compared lower-case) added by mail, ad and social platforms. */
const TRACKING_PARAMS = new Set([
  'fbclid', // Facebook
  'gclid', // Google Ads
  'gclsrc',
  'dclid', // Google Display
  'gbraid',
  'wbraid',
  'msclkid', // Microsoft Ads
  'yclid', // Yandex
  'twclid', // X/Twitter
  'ttclid', // TikTok
  'li_fat_id', // LinkedIn
  'igshid', // Instagram
  'mc_cid', // Mailchimp
  'mc_eid',
  '_hsenc', // HubSpot
  '_hsmi',
  'mkt_tok', // Marketo
  'oly_anon_id', // Omeda
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  '__s', // Drip
  'ito', // Guardian/Telegraph newsletters use ito=... campaign codes
  'cmpid', // campaign ids used by several news sites
  'ncid', // Yahoo / HuffPost
  'sr_share', // Slashdot / Substack shares
  'at_medium', // AT Internet (BBC, Le Monde)
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
]);

/** Parameter name prefixes that are always tracking. */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'at_'];

function isTrackingParam(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The query without tracking parameters, order and encoding untouched ('' when nothing is left). */
function stripTrackingParams(search: string): string {
  if (search.length <= 1) return '';
  const parts = search.slice(1).split('&');
  const kept = parts.filter((part) => {
    if (part === '') return false;
    const eq = part.indexOf('=');
    return !isTrackingParam(eq === -1 ? part : part.slice(0, eq));
  });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

/**
 * The canonical http(s) form of `href`, resolved against `base`; null when `href` is empty,
 * unparsable, relative without a usable base, or not http(s).
 */
export function canonicalUrl(href: string, base?: string | null): string | null {
  const trimmed = href.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  url.hash = '';
  // Credentials in a stored article URL would end up in digests and logs.
  url.username = '';
  url.password = '';
  const query = stripTrackingParams(url.search);
  // Assigning `search` would re-encode; rebuild the string instead so the server sees the same bytes.
  return `${url.origin}${url.pathname}${query}`;
}
