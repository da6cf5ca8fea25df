import type { Config } from '../config.js';
import { mailHtml } from './html.js';
import type { Lang } from '../../contract/signature.js';
import { fill } from '../../contract/fill.js';
import type { Campaigns } from '../campaigns/campaigns.js';
import { hoursText, signersCampaign, signerTexts, type SignerTexts } from '../signing/texts.js';

/** The two mails a signer can get: the confirmation, and "you have already signed". */
export type MailKind = 'confirm' | 'already-signed';

export interface MailRequest {
  kind: MailKind;
  lang: Lang;
  /** The raw tokens for the links; only the mail ever holds them unhashed. */
  confirmToken?: string;
  withdrawToken: string;
  /**
   * A confirmation for a signer who consented to show their name: the mail says what that means
   * and how to withdraw the consent alone. Absent (mails queued before it existed) means no.
   */
  namePublic?: boolean;
  /** The campaign signed, whose title the mail names; absent (queued before campaigns): Valgløftet 2023. */
  campaign?: string;
}

/** The campaign of a mail queued before there were campaigns (no `campaign`). */
const BEFORE_CAMPAIGNS = '2023';

/**
 * The confirmation mail's text, with the consent paragraphs right after the confirm link when the
 * signer gave consent, and without a word about names when they did not.
 */
function confirmTemplate(t: SignerTexts, namePublic: boolean): string {
  if (!namePublic) return t.confirmMail;
  const paragraphs = t.confirmMail.split('\n\n');
  const link = paragraphs.findIndex((p) => p.includes('{confirmUrl}'));
  paragraphs.splice(link + 1, 0, t.publicNameMail);
  return paragraphs.join('\n\n');
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Everything a mail says, in the signer's language and in the words of the campaign signed.
 * Nothing the signer typed goes into it. The links carry the language too, so a link that no
 * longer works still answers in it. The plain-text part shows the addresses; the HTML part gives
 * each link words of its own, and the confirm and the withdraw link different ones.
 */
export function composeMail(request: MailRequest, config: Config, campaigns: Campaigns): ComposedMail {
  const { lang } = request;
  const t = signerTexts(lang, signersCampaign(campaigns, request.campaign ?? BEFORE_CAMPAIGNS));
  const link = (purpose: 'confirm' | 'withdraw', token: string) =>
    `${config.publicUrl}/${purpose}?token=${encodeURIComponent(token)}&lang=${lang}`;
  const confirmUrl = request.confirmToken ? link('confirm', request.confirmToken) : '';
  const withdrawUrl = link('withdraw', request.withdrawToken);
  const values = {
    hours: hoursText(lang, config.confirmHours),
    controller: config.controllerName,
    privacyUrl: config.privacyUrl,
  };
  const [subject, body, withdrawText] =
    request.kind === 'confirm'
      ? [t.confirmSubject, confirmTemplate(t, request.namePublic === true), t.deleteLink]
      : [t.alreadySubject, t.alreadyMail, t.withdrawLink];
  // The withdraw link's page also withdraws the consent to show the name alone (its second button).
  const text = fill(body, { ...values, confirmUrl, withdrawUrl, hideNameUrl: withdrawUrl });
  const links = {
    ...(confirmUrl && { confirmUrl: { href: confirmUrl, text: t.confirmLink } }),
    withdrawUrl: { href: withdrawUrl, text: withdrawText },
    hideNameUrl: { href: withdrawUrl, text: t.hideNameLink },
  };
  return { subject, text, html: mailHtml(body, values, links, lang, subject) };
}
