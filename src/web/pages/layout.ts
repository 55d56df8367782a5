import { html, type HtmlValue, type SafeHtml } from '../html.ts';

export type Section = 'matches' | 'feeds' | 'digests' | 'queues' | 'none';

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'matches', href: '/', label: 'Matches' },
  { section: 'feeds', href: '/feeds', label: 'Feeds' },
  { section: 'digests', href: '/digests', label: 'Digests' },
  { section: 'queues', href: '/queues', label: 'Queues' },
];

export interface PageOptions {
  title: string;
  section: Section;
  body: HtmlValue;
  /** A one-line message above the content (the result of an action). */
  notice?: string | null;
}

/** The frame of every console page: the common header with its links, then the content. No script anywhere. */
export function page(options: PageOptions): SafeHtml {
  const links = NAV.map(
    (item) => html`<a href="${item.href}"${item.section === options.section ? html` class="current" aria-current="page"` : ''}>${item.label}</a>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title} · vigil</title>
<link rel="stylesheet" href="/static/vigil.css">
</head>
<body>
<header class="top"><a class="brand" href="/">vigil</a><nav>${links}</nav></header>
<main>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${options.body}
</main>
<footer>Times are UTC.</footer>
</body>
</html>`;
}
