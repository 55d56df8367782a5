/**
 * Short lines that are page furniture wherever they appear: calls to action, share bars,
 * credits, bylines and timestamps. Matched only against short blocks.
 */
const FURNITURE_LINE = new RegExp(
  '^(?:' +
    [
      'advertisement',
      'advertising',
      'sponsored(?: content)?',
      'ad',
      'share(?: this)?(?: article| story| post| page)?',
      'share on \\w+',
      'tweet',
      'e-?mail',
      'print',
      'comments?',
      '\\d+ comments?',
      'read more',
      'read next',
      'read the full story',
      'continue reading',
      'related(?: articles?| stories| content| posts)?',
      'more from .*',
      'see also',
      'click here.*',
      'sign up.*',
      'subscribe.*',
      'follow us.*',
      'newsletter.*',
      'recommended(?: for you)?',
      'loading.*',
      'image',
      'photo',
      'video',
      'caption',
      'close',
      'copyright.*',
      'all rights reserved.*',
      'skip to .*',
      'back to top',
      'top stories',
      'most (?:read|popular|viewed)',
      'trending(?: now)?',
      'you (?:may|might) also like.*',
      'we recommend',
      'what to read next',
      'up next',
      'next article',
      'previous article',
      'tags?:.*',
      'topics?:.*',
      'filed under.*',
      'posted in .*',
      'image \\d+ of \\d+',
      '\\d+ of \\d+',
      'enlarge this image',
      'toggle caption',
      'hide caption',
      'view (?:gallery|comments)',
      'open in new window',
      'listen to (?:this )?(?:article|story).*',
      'getty images',
      'ap photo',
      'reuters',
      'afp',
      'pa',
      'supplied',
      'file photo',
    ].join('|') +
    ')[.:!]?$',
  'i',
);

/** Credits and captions: "Photo: X / Agency", "Credit: ...", "(AP Photo/...)". */
const CREDIT_LINE =
  /^(?:photo|image|picture|credit|source|foto|bild|illustration|video)s?\s*(?:credit)?\s*[:|/]|(?:\(|\b)(?:ap|afp|reuters|getty|epa|shutterstock|istock)(?: images)?\s*(?:photo)?\s*\/|©|\bcredit:\s/i;

/** "By Jane Doe", "Von ...", "Par ..." at the start of a short line. */
const BYLINE = /^(?:by|von|par|por|di|door|af|av)\s+\p{Lu}/u;

const MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/** "Published 4:00 am, Nov 20, 2019", "Updated: 2019-11-20 10:22" and the like. */
function isTimestampLine(text: string): boolean {
  if (text.length > 80) return false;
  const hasDate = /\b(?:19|20)\d\d\b/.test(text) || /\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(text);
  const hasTime = /\b\d{1,2}:\d\d\b/.test(text);
  if (!hasDate && !hasTime) return /^(?:published|updated|posted|last updated|modified)\b/i.test(text);
  if (/^(?:published|updated|posted|last updated|modified|date)\b/i.test(text)) return true;
  // mostly the date itself: few words besides month names and numbers
  const words = text.replace(MONTH, ' ').match(/\p{L}{3,}/gu) ?? [];
  return (MONTH.test(text) || hasTime || hasDate) && words.length <= 3;
}

/** Sign-up boxes: a short paragraph that pitches a newsletter or an inbox delivery. */
function isSignupPitch(text: string): boolean {
  if (text.length > 250) return false;
  return /newsletter|inbox|e-?mail address/i.test(text) && /subscri(?:be|bing|ption)|sign(?:ing)? up|deliver|get |receive/i.test(text);
}

/** Author contact footers: "X may be reached at ...", "Follow her on Twitter". */
const CONTACT_LINE =
  /\b(?:can|may) be reached at\b|\bfollow (?:him|her|them|us|me) on (?:twitter|facebook|instagram|linkedin)\b|\b(?:e-?mail|contact) (?:him|her|them|the author) at\b/i;

/** Affiliate and sponsorship disclosures: about the page's business, not the article. */
const DISCLOSURE =
  /^(?:disclosure|advertiser disclosure|affiliate disclosure)\b|\b(?:we|i) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|affiliate)|\bqualifying purchases\b|\b(?:contains?|uses?|may contain) affiliate links\b|\bat no (?:extra|additional) cost to you\b/i;

/** Invitations to act on the page itself: rate, pin, tag, share, comment. */
const ENGAGEMENT_PROMPT =
  /\b(?:leave a (?:star )?rating|rate this recipe|pin it for later|tag (?:us|me) on|mention @|share (?:it|this) with|let (?:us|me) know in the comments)\b/i;

export function isFurnitureLine(text: string): boolean {
  if (isSignupPitch(text)) return true;
  if (text.length <= 400 && (DISCLOSURE.test(text) || ENGAGEMENT_PROMPT.test(text))) return true;
  if (text.length <= 200 && CONTACT_LINE.test(text)) return true;
  if (text.length > 160) return false;
  if (FURNITURE_LINE.test(text)) return true;
  if (/^(?:https?:\/\/|www\.)\S+$/i.test(text)) return true;
  if (text.length <= 120 && CREDIT_LINE.test(text)) return true;
  if (text.length <= 100 && BYLINE.test(text)) return true;
  return isTimestampLine(text);
}
