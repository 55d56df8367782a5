import type { ExtractedArticle } from '../types.ts';
import { wordCount } from './text.ts';

/** Below this many words no page is a usable article body. */
export const MIN_WORDS = 60;
/** Gate pages (paywall, consent, error) are short; past this many words a gate phrase is just quoted text. */
const GATE_MAX_WORDS = 250;

/** Phrases of paywalls, consent walls, bot checks and error pages. */
const GATE = new RegExp(
  [
    '(?:subscribe|subscription|sign in|log in|login|register) (?:now )?to (?:continue|read|keep reading|access)',
    'already (?:a subscriber|have an account)',
    'subscribers? only',
    'for (?:paid )?subscribers',
    'enable javascript',
    'javascript is (?:disabled|required|not enabled)',
    'turn on javascript',
    'enable cookies',
    'we use cookies',
    'cookie (?:policy|settings|preferences)',
    'accept (?:all )?cookies',
    'page (?:not found|could not be found|does not exist|you requested)',
    '\\b404\\b',
    'access denied',
    'are you a robot',
    'captcha',
    'verify (?:that )?you are (?:a )?human',
    'unusual traffic',
    'temporarily unavailable',
    'not available in your (?:country|region)',
  ].join('|'),
  'i',
);

/**
 * True when the extracted body is too little to trust: almost no text, or a short page that reads
 * like a paywall, consent wall, bot check or error page. The caller should then fall back to the
 * feed item's summary (or content:encoded) instead of the extracted text.
 */
export function isTooThin(article: Pick<ExtractedArticle, 'text'>, minWords = MIN_WORDS): boolean {
  const words = wordCount(article.text);
  if (words < minWords) return true;
  return words <= GATE_MAX_WORDS && GATE.test(article.text);
}
