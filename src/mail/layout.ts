import { escapeHtml } from './escape.ts';

/**
 * Mail clients drop <style> blocks and external CSS unpredictably, so every element carries inline styles
 * and the structure is a single-column table that narrows to a phone screen without media queries.
 */
export const FONT = 'font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif';

export const STYLE = {
  page: 'margin:0;padding:0;background-color:#eef0f3;',
  card: `width:100%;max-width:680px;background-color:#ffffff;border:1px solid #dfe3e8;border-radius:6px;${FONT};color:#1f2328;`,
  header: 'padding:20px 24px 16px 24px;background-color:#1f2a44;border-radius:6px 6px 0 0;color:#ffffff;',
  alertHeader: 'padding:20px 24px 16px 24px;background-color:#8f1d1d;border-radius:6px 6px 0 0;color:#ffffff;',
  brand: 'font-size:12px;line-height:16px;letter-spacing:1.5px;text-transform:uppercase;color:#b8c2d9;',
  alertBrand: 'font-size:12px;line-height:16px;letter-spacing:1.5px;text-transform:uppercase;color:#f3c4c4;',
  headline: 'font-size:22px;line-height:28px;font-weight:bold;color:#ffffff;margin-top:4px;',
  headerMeta: 'font-size:14px;line-height:20px;color:#dbe1ee;margin-top:4px;',
  body: 'padding:8px 24px 8px 24px;',
  overview: 'padding:16px 0 4px 0;',
  overviewCount: 'padding:2px 10px 2px 0;font-size:15px;line-height:22px;font-weight:bold;color:#1f2a44;text-align:right;vertical-align:top;',
  overviewName: 'padding:2px 0;font-size:15px;line-height:22px;color:#1f2328;vertical-align:top;',
  overviewNone: 'color:#8a919c;font-weight:normal;',
  sectionHeading: 'padding:22px 0 6px 0;border-bottom:2px solid #1f2a44;font-size:18px;line-height:24px;font-weight:bold;color:#1f2a44;',
  sectionCount: 'font-weight:normal;color:#5f6672;font-size:15px;',
  entry: 'padding:14px 0 14px 0;border-bottom:1px solid #e5e7eb;',
  title: 'font-size:17px;line-height:23px;font-weight:bold;color:#1f2328;',
  titleLink: 'color:#1a4fa0;text-decoration:none;',
  meta: 'font-size:13px;line-height:19px;color:#5f6672;margin-top:3px;',
  snippet: 'font-size:15px;line-height:23px;color:#1f2328;margin-top:6px;',
  highlight: 'background-color:#fde68a;color:#1f2328;padding:0 1px;border-radius:2px;',
  partial: 'font-size:13px;line-height:19px;color:#8a4b00;margin-top:6px;font-style:italic;',
  note: 'font-size:13px;line-height:19px;color:#5f6672;margin-top:4px;',
  noteLink: 'color:#1a4fa0;text-decoration:underline;',
  more: 'padding:10px 0 4px 0;font-size:14px;line-height:20px;color:#5f6672;',
  briefList: 'margin:6px 0 4px 0;padding:0 0 0 18px;font-size:14px;line-height:21px;color:#3d4450;',
  briefItem: 'margin:0 0 6px 0;',
  briefLink: 'color:#1a4fa0;text-decoration:none;',
  subHeading: 'padding:14px 0 2px 0;font-size:15px;line-height:21px;font-weight:bold;color:#1f2a44;',
  paragraph: 'padding:16px 0 16px 0;font-size:15px;line-height:23px;color:#1f2328;',
  reason: 'padding:14px 0 4px 0;font-size:15px;line-height:22px;color:#1f2328;',
  footer: 'padding:16px 24px 20px 24px;border-top:1px solid #e5e7eb;font-size:12px;line-height:18px;color:#6b7280;',
} as const;

export interface HtmlDocument {
  /** The <title>, the subject. */
  title: string;
  /** Inbox preview text, hidden in the body. */
  preheader: string;
  alert?: boolean;
  brand: string;
  headline: string;
  headerMeta: string;
  /** Rows of the content table, already escaped HTML. */
  rows: string[];
  footer: string;
}

/** One `<tr><td>` of the content column. `html` must already be escaped. */
export function row(html: string, style: string): string {
  return `<tr><td style="${style}">${html}</td></tr>`;
}

/** The whole message: header band, content column, footer. Every text argument is escaped here. */
export function htmlDocument(doc: HtmlDocument): string {
  const header = doc.alert ? STYLE.alertHeader : STYLE.header;
  const brand = doc.alert ? STYLE.alertBrand : STYLE.brand;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(doc.title)}</title>`,
    '</head>',
    `<body style="${STYLE.page}">`,
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(doc.preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${STYLE.page}">`,
    '<tr><td align="center" style="padding:16px 8px 24px 8px;">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${STYLE.card}">`,
    `<tr><td style="${header}">`,
    `<div style="${brand}">${escapeHtml(doc.brand)}</div>`,
    `<div style="${STYLE.headline}">${escapeHtml(doc.headline)}</div>`,
    `<div style="${STYLE.headerMeta}">${escapeHtml(doc.headerMeta)}</div>`,
    '</td></tr>',
    `<tr><td style="${STYLE.body}">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">',
    ...doc.rows,
    '</table>',
    '</td></tr>',
    `<tr><td style="${STYLE.footer}">${escapeHtml(doc.footer)}</td></tr>`,
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A line of `char` as long as `text`, to underline headings in the plain-text part. */
export function underline(text: string, char = '='): string {
  return char.repeat(Math.min(Math.max(text.length, 3), 72));
}
