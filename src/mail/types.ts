import type { TopicMatch } from '../matching/types.ts';

/** One matched item as a digest or alert shows it. Every text field is untrusted (from a feed or a page). */
export interface DigestEntry {
  itemId: string;
  url: string | null;
  title: string;
  source: string;
  /** ISO 8601; null when neither the feed nor the page gave a usable date. */
  published: string | null;
  summary: string;
  /** The article page could not be fetched or extracted: the text came from the feed only. */
  partial: boolean;
  matches: TopicMatch[];
  /** The same story syndicated elsewhere (see near-duplicates.ts). */
  alsoIn?: { source: string; url: string | null; title: string }[];
}

export interface DigestInput {
  group: { id: string; name: string };
  /** The group's topics, in the order their sections appear. */
  topics: { id: string; name: string }[];
  entries: DigestEntry[];
  generatedAt: Date;
  /** At most this many items per topic in full; the rest are listed briefly at the end. */
  perTopicCap: number;
  /** IANA zone the dates are shown in, e.g. "Europe/Paris". */
  timezone: string;
}

export interface AlertInput {
  topic: { id: string; name: string };
  /** Why the alert fired, e.g. "score 12 ≥ 8" or "6 matches in 6h ≥ 5". */
  reason: string;
  entries: DigestEntry[];
  generatedAt: Date;
  timezone: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /**
   * Stable id derived by the caller from the digest or alert key, so a receiving side can drop a resend.
   * Angle brackets are optional; an id without "@" gets the domain of `from`.
   */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SendReceipt {
  /** The Message-ID as sent, with angle brackets. */
  messageId: string;
  /** The server's final answer (smtp) or what was written (outbox). */
  response: string;
  /** Files written by the outbox transport. */
  files?: string[];
}
