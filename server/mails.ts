import type { Config } from './config.js';
import { mailHtml } from './html.js';
import type { Lang } from './store.js';
import { fill, hoursText, texts } from './texts.js';

/** The two mails a signer can get: the confirmation, and "you have already joined". */
export type MailKind = 'confirm' | 'already-joined';

export interface MailRequest {
  kind: MailKind;
  lang: Lang;
  /** The raw tokens for the links; only the mail ever holds them unhashed. */
  confirmToken?: string;
  withdrawToken: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** Everything a mail says, in the signer's language. Nothing the signer typed goes into it. */
export function composeMail(request: MailRequest, config: Config): ComposedMail {
  const t = texts[request.lang];
  const values = {
    hours: hoursText(request.lang, config.confirmHours),
    controller: config.controllerName,
    privacyUrl: config.privacyUrl,
    withdrawUrl: `${config.publicUrl}/withdraw?token=${request.withdrawToken}`,
    confirmUrl: request.confirmToken ? `${config.publicUrl}/confirm?token=${request.confirmToken}` : '',
  };
  const [subject, body] =
    request.kind === 'confirm' ? [t.confirmSubject, t.confirmMail] : [t.alreadySubject, t.alreadyMail];
  const text = fill(body, values);
  return { subject, text, html: mailHtml(text, request.lang) };
}
