import type { MailConfig } from '../config/schema.ts';
import type { Mailer } from './transport.ts';

/**
 * A Mailer that loads the transport (nodemailer) with its first use: a worker that has nothing to
 * send yet does not hold it in memory. Behaves exactly like createMailer's result otherwise.
 */
export function lazyMailer(config: MailConfig, env: NodeJS.ProcessEnv): Mailer {
  let mailer: Promise<Mailer> | null = null;
  const get = () => (mailer ??= import('./transport.ts').then(({ createMailer }) => createMailer(config, env)));
  return {
    send: async (mail) => (await get()).send(mail),
    verify: async () => (await get()).verify(),
    close: () => {
      void mailer?.then((loaded) => loaded.close());
    },
  };
}
