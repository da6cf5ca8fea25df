// Export and erasure: the signatures as CSV (a POST with the CSRF token, so no other site can make
// a signed-in browser fetch it), and a person's data erased after a look at whose it is.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Lang } from '../../../contract/signature.js';
import { fill } from '../../../contract/fill.js';
import { labelOf } from '../../councils/municipalities.js';
import { langOf } from '../../http/lang.js';
import { mailboxOf } from '../../mail/mailbox.js';
import { alert, button, paragraphs, postForm, textField } from '../../pages/components.js';
import { pageInput } from '../../pages/input.js';
import { html } from '../../pages/template.js';
import { FORM_FIELDS, addressProblem, formField, withoutControls } from '../fields.js';
import {
  doneMessage,
  redirect,
  sendAdminPage,
  sendForbidden,
  signedInScreen,
  texts,
  type Form,
  type Screen,
} from '../frame.js';
import { EXPORT_FILE, erasable, eraseSigner, hasControl, signaturesCsv } from '../operations.js';
import { authorised, resultAddress, type Admin } from '../session.js';

interface EraseEntry {
  email: string;
  error: string;
}

/** The export and erasure screen; with the erasure form's entry and problem after a mistake. */
function dataScreen(lang: Lang, who: Admin, query: Form, entered?: EraseEntry): Screen {
  const t = texts(lang);
  return {
    title: t.dataTitle,
    errors: entered
      ? { heading: t.errorSummaryContinue, list: [{ href: '#erase-email', text: entered.error }] }
      : undefined,
    main: html`${doneMessage(lang, query, who)}
<section>
<h2 class="ds-heading" data-size="md" id="export">${t.exportTitle}</h2>
${paragraphs([t.exportText])}
${postForm({ action: '/admin/export', lang, csrf: who.csrf, content: button(t.exportButton) })}
</section>
<section>
<h2 class="ds-heading" data-size="md" id="erase">${t.eraseTitle}</h2>
${paragraphs([t.eraseText])}
${postForm({
  action: '/admin/erasure/check',
  lang,
  csrf: who.csrf,
  content: html`${textField({ id: 'erase-email', name: 'email', label: t.eraseEmailLabel, value: entered?.email, error: entered?.error, type: 'email', autocomplete: 'off', required: true })}
${button(t.eraseCheckButton, { variant: 'secondary' })}`,
})}
</section>`,
  };
}

/** The data screen again, with the erasure form's problem at its field. */
const sendEraseProblem = (reply: FastifyReply, lang: Lang, who: Admin, entered: EraseEntry) =>
  sendAdminPage(reply, 422, {
    lang,
    path: '/admin/data',
    ...dataScreen(lang, who, undefined, entered),
    signedIn: who,
    section: 'data',
  });

/** An address with a control character in it is no one's: said at the field (without the character), and nothing is looked up. */
const sendControlInAddress = (reply: FastifyReply, lang: Lang, who: Admin, email: string) =>
  sendEraseProblem(reply, lang, who, { email: withoutControls(email), error: texts(lang).errorControl });

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function dataScreens(app: FastifyInstance): Promise<void> {
  const { store } = app;
  const form = pageInput('body', FORM_FIELDS);
  const address = pageInput('body', { ...FORM_FIELDS, email: 254 });

  signedInScreen(app, '/admin/data', 'data', (lang, who, query) => dataScreen(lang, who, query));

  app.post<{ Body: Form }>('/admin/export', form, async (request, reply) => {
    const who = await authorised(app, request);
    if (!who) return sendForbidden(reply, langOf(request.body?.lang));
    const campaign = who.campaign.id;
    const csv = await signaturesCsv(store, campaign);
    await store.audit(who.email, 'export', null, campaign);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${EXPORT_FILE}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  app.post<{ Body: Form }>('/admin/erasure/check', address, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    const who = await authorised(app, request);
    if (!who) return sendForbidden(reply, lang);
    const t = texts(lang);
    const email = formField(request.body?.email, 254);
    if (hasControl(email)) return sendControlInAddress(reply, lang, who, email);
    const problem = addressProblem(email, t.eraseErrorEmail, t.eraseErrorFormat);
    if (problem) return sendEraseProblem(reply, lang, who, { email, error: problem });
    const n = await erasable(store, email);
    // Whose it is, as stored: the address typed may differ from it (case, +tags, Gmail's dots).
    const rows = n ? await store.signaturesWhere({ mailbox: mailboxOf(email) }) : [];
    const owners = rows.map((row) =>
      fill(t.eraseWho, { name: row.name, email: row.email, council: labelOf(row.municipality) }),
    );
    const back = `/admin/data?lang=${lang}`;
    const main = n
      ? html`${paragraphs([...owners, fill(t.eraseConfirmText, { n })])}
<div class="actions">${postForm({ action: '/admin/erasure', lang, csrf: who.csrf, hidden: { email }, content: button(t.eraseButton, { danger: true }) })}
<a class="ds-link" href=${back}>${t.cancel}</a></div>`
      : html`${alert(t.eraseNothing, 'info')}
<p class="ds-paragraph"><a class="ds-link" href=${back}>${t.backToAdmin}</a></p>`;
    // Nothing will be deleted when nothing was found: the heading says what was found.
    const title = n ? t.eraseConfirmTitle : t.eraseNothingTitle;
    return sendAdminPage(reply, 200, { lang, path: '/admin/data', title, main, signedIn: who, section: 'data' });
  });

  app.post<{ Body: Form }>('/admin/erasure', address, async (request, reply) => {
    const lang = langOf(request.body?.lang);
    const who = await authorised(app, request);
    if (!who) return sendForbidden(reply, lang);
    const email = formField(request.body?.email, 254);
    if (hasControl(email)) return sendControlInAddress(reply, lang, who, email);
    const n = email.trim() ? await eraseSigner(store, email) : 0;
    // The log says that a person was erased and how many signatures went; never whose address.
    await store.audit(who.email, 'erasure', String(n));
    return redirect(reply, resultAddress('/admin/data', lang, who, `erased-${n}`));
  });
}
