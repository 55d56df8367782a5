import type { VigilConfig } from '../config/schema.ts';
import { escapeHtml } from './escape.ts';
import { formatDateTime } from './format-date.ts';
import { htmlDocument, row, STYLE } from './layout.ts';
import { createMailer, MailDeliveryError, randomMessageId } from './transport.ts';

/**
 * Sends a short message to one group's addresses (the first group by default) through the configured transport,
 * and returns one line saying what happened: the server's answer, or the files the outbox wrote.
 * Throws MailDeliveryError with one line saying what to check.
 */
export async function sendTestMail(config: VigilConfig, groupId?: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const known = config.groups.map((group) => group.id);
  const group = groupId === undefined ? config.groups[0] : config.groups.find((candidate) => candidate.id === groupId);
  if (!group) {
    const message =
      known.length === 0
        ? 'no groups configured: add a group with "to" addresses under groups: in the config'
        : `unknown group "${groupId ?? ''}" (known: ${known.join(', ')})`;
    throw new MailDeliveryError(message, 'ECONFIG', false);
  }

  const now = new Date();
  const name = group.name ?? group.id;
  const generated = formatDateTime(now, group.schedule.tz);
  const via = config.mail.transport === 'smtp' && config.mail.smtp ? `SMTP server ${config.mail.smtp.host}:${config.mail.smtp.port}` : 'the outbox';
  const lines = [
    `This is a test message from vigil for the group “${name}” (${group.id}), sent through ${via} on ${generated}.`,
    `If you can read it, digests and alerts for this group will reach: ${group.to.join(', ')}.`,
  ];
  const subject = `vigil: test message for ${name}`;
  const html = htmlDocument({
    title: subject,
    preheader: lines[0] ?? '',
    brand: 'vigil test',
    headline: name,
    headerMeta: generated,
    rows: lines.map((line) => row(escapeHtml(line), STYLE.paragraph)),
    footer: 'Sent by the "vigil mail test" command. Nothing needs to be done.',
  });

  const mailer = createMailer(config.mail, env);
  try {
    const receipt = await mailer.send({
      from: config.mail.from,
      to: group.to,
      subject,
      html,
      text: `${lines.join('\n\n')}\n`,
      messageId: randomMessageId(`test.${group.id}`),
    });
    if (receipt.files) {
      return `transport "outbox": nothing was sent; ${receipt.response} (set mail.transport to "smtp" to deliver to ${group.to.join(', ')})`;
    }
    return `sent to ${group.to.join(', ')}: ${receipt.response}`;
  } finally {
    mailer.close();
  }
}
