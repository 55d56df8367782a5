/** Readability.js over linkedom: the plain body text of a page ('' when Readability finds none). */
export default function extractWithReadability(html: string, url?: string): string;
