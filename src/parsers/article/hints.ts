/**
 * Class/id vocabularies. They describe page furniture in general (what CMSs and front-end
 * conventions call things), never a particular site.
 */

/** Containers that are furniture: removed before scoring unless they hold most of the page's prose. */
export const JUNK_HINT = new RegExp(
  [
    'comment',
    'disqus',
    'related',
    'recommend',
    'share',
    'sharing',
    'social',
    'newsletter',
    'subscribe',
    'subscription',
    'signup',
    'sign-up',
    'promo',
    'sponsor',
    'advert',
    'adslot',
    'ad-slot',
    'ad-container',
    'ad-wrapper',
    'ad-unit',
    'adunit',
    '(?:^|[\\s_-])ads?(?:$|[\\s_-])',
    'dfp',
    'outbrain',
    'taboola',
    'sidebar',
    'breadcrumb',
    'pagination',
    'pager',
    'popup',
    'modal',
    'cookie',
    'consent',
    'gdpr',
    'most-popular',
    'mostpopular',
    'most-read',
    'mostread',
    'trending',
    'recirc',
    'more-stories',
    'read-more',
    'readmore',
    'read-next',
    'up-next',
    'skip-link',
    'masthead',
    'footer',
    'menu',
    'navbar',
    '(?:^|[\\s_-])nav(?:$|[\\s_-])',
    'navigation',
    'toolbar',
    'widget',
    'banner',
    'shoutbox',
    'skyscraper',
    'combx',
    'yom-remote',
    'print-only',
    'screen-reader',
  ].join('|'),
);

/**
 * Furniture words that page builders also put on every content block ("elementor-widget",
 * "richtext-title", "section-header"): alone they do not make a repeated block furniture.
 */
const STRUCTURAL_WORDS = /widget|title|header|banner/g;

/** The hint names furniture by more than a structural word that page builders use everywhere. */
export function namesFurnitureBeyondStructure(hint: string, vocabulary: RegExp): boolean {
  return vocabulary.test(hint.replace(STRUCTURAL_WORDS, ' '));
}

/** Readability's positive vocabulary, used in container scoring. */
export const POSITIVE_HINT = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose/;

/** Readability's negative vocabulary (plus a few more), used in container scoring. */
export const NEGATIVE_HINT =
  /-ad-|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|caption|credit|byline|author|dateline|timestamp|newsletter/;

/** Furniture found inside an article container: captions, bylines, credits, tag lists, share bars. */
export const INNER_JUNK_HINT = new RegExp(
  [
    'caption',
    'credit',
    'byline',
    'author',
    'dateline',
    'timestamp',
    'published',
    'updated',
    'posted',
    'tags',
    'tag-list',
    'taglist',
    'keywords',
    'topics',
    'share',
    'social',
    'related',
    'newsletter',
    'promo',
    'advert',
    'sponsor',
    'subscribe',
    'signup',
    'read-more',
    'readmore',
    'more-on',
    'comment',
    'rating',
    'toolbar',
    'utility',
    'meta',
    'kicker',
    'eyebrow',
    'headline',
    'title',
    'subtitle',
    'standfirst',
    'disclaimer',
    'copyright',
    'correction',
    'header',
    'abstract',
    'excerpt',
    'teaser',
    'highlights',
    'keypoints',
    'key-points',
    'call-to-action',
    '(?:^|[\\s_-])cta(?:$|[\\s_-])',
    'disclosure',
  ].join('|'),
);

/** Embedded posts (tweets, Instagram...) quoted by the article: content, even inside "social" wrappers. */
export const EMBED_HINT = /^(?!.*(?:caption|credit)).*embed/;

/** Readability-style weight of an element's class/id string. */
export function classWeight(hint: string): number {
  if (hint === '') return 0;
  let weight = 0;
  if (NEGATIVE_HINT.test(hint)) weight -= 25;
  if (POSITIVE_HINT.test(hint)) weight += 25;
  return weight;
}
