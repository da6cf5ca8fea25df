// The adoptions screen, /admin: the councils whose council or county council adopted the pledge,
// recorded, edited and removed here; the count and the council's line follow within a minute.
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../../../contract/signature.js';
import { fill } from '../../../contract/fill.js';
import { councilOf, isKnownCode, labelOf } from '../../councils/municipalities.js';
import { langOf } from '../../http/lang.js';
import { button, paragraphs, postForm, table } from '../../pages/components.js';
import { pageInput } from '../../pages/input.js';
import { html, nothing, type Html } from '../../pages/template.js';
import { FORM_FIELDS, formField, isoDate, norwegianDate, number, withoutControls } from '../fields.js';
import {
  doneMessage,
  languageOnly,
  redirect,
  sendAdminPage,
  sendForbidden,
  signedInScreen,
  texts,
  type Form,
} from '../frame.js';
import { LINK_MAX, adoptionErrors, hasControl } from '../operations.js';
import { authorised, resultAddress, signedInAdmin, type Admin } from '../session.js';
import { adoptionErrorList, adoptionForm, emptyAdoption, type AdoptionForm } from './adoption-form.js';
import { sendSignIn } from './sign-in.js';
import { campaignsSection } from '../campaigns.js';

/** A link whose text is the same on every row, told apart for a screen reader by the council. */
const rowLink = (href: string, text: string, council: string, rel?: string) =>
  html`<a class="ds-link" href=${href} rel=${rel ?? nothing}>${text}<span class="ds-sr-only"> – ${council}</span></a>`;

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function adoptionScreens(app: FastifyInstance): Promise<void> {
  const { store } = app;

  /** The adoptions screen's content: names waiting, the form, the adoptions recorded. */
  async function adoptionsMain(lang: Lang, who: Admin, query: Form, form?: AdoptionForm): Promise<Html> {
    const t = texts(lang);
    const [list, waiting] = await Promise.all([store.adoptionsNewestFirst(who.campaign.id), store.waitingNameCount()]);
    const rows = list.map((a) => {
      const council = labelOf(a.council);
      return [
        council,
        norwegianDate(a.adopted_on),
        a.link ? rowLink(a.link, t.decision, council, 'noreferrer') : '',
        html`<div class="actions">${rowLink(`/admin/adoptions/${a.council}/edit?lang=${lang}`, t.edit, council)}
${rowLink(`/admin/adoptions/${a.council}/remove?lang=${lang}`, t.remove, council)}</div>`,
      ];
    });
    return html`${doneMessage(lang, query, who)}
<p class="ds-paragraph">${waiting ? fill(t.namesWaiting, { n: number.format(waiting) }) : t.namesNone}${
      waiting ? html` <a class="ds-link" href=${`/admin/names?lang=${lang}`}>${t.toNames}</a>` : nothing
    }</p>
${paragraphs([t.adoptionsLead])}
<section>
<h2 class="ds-heading" data-size="md" id="new-adoption">${t.newAdoption}</h2>
${adoptionForm(lang, who.csrf, form ?? emptyAdoption, false)}
</section>
<section>
<h2 class="ds-heading" data-size="md" id="adoptions-list">${t.adoptionsCaption}</h2>
${
  rows.length
    ? table({
        caption: t.adoptionsCaption,
        head: [t.colCouncil, t.colDate, t.colLink, t.colActions],
        rows,
        hideCaption: true,
      })
    : paragraphs([t.noAdoptions])
}
</section>
${await campaignsSection(app, lang, who)}`;
  }

  signedInScreen(
    app,
    '/admin',
    'adoptions',
    async (lang, who, query) => ({ title: texts(lang).adoptionsTitle, main: await adoptionsMain(lang, who, query) }),
    sendSignIn,
  );

  /** The form's fields in the page's words, or undefined when the adoption can be saved. */
  function problemsOf(
    lang: Lang,
    municipality: string,
    date: string,
    link: string,
  ): AdoptionForm['errors'] | undefined {
    const t = texts(lang);
    const problems = adoptionErrors(municipality, date || '0000-00-00', link === '' ? undefined : link);
    if (!Object.keys(problems).length) return undefined;
    const linkError =
      problems.link === 'too_long'
        ? fill(t.errorLinkTooLong, { max: LINK_MAX })
        : hasControl(link)
          ? t.errorControl
          : t.errorLink;
    return {
      ...(problems.municipality && { municipality: t.errorMunicipality }),
      ...(problems.date && { date: t.errorDate }),
      ...(problems.link && { link: linkError }),
    };
  }

  // A link over LINK_MAX is told at its field, so the schema bounds it only by what a form can carry.
  const adoption = { ...FORM_FIELDS, municipality: 10, date: 40, link: app.config.bodyLimit, editing: 1 };
  app.post<{ Body: Form }>('/admin/adoptions', pageInput('body', adoption), async (request, reply) => {
    const lang = langOf(request.body?.lang);
    const who = await authorised(app, request);
    if (!who) return sendForbidden(reply, lang);
    const t = texts(lang);
    const municipality = formField(request.body?.municipality, 10);
    const rawDate = formField(request.body?.date, 40);
    // Taken whole, however long: a link over LINK_MAX is told at its field, never dropped.
    const link = formField(request.body?.link, Infinity).trim();
    const date = isoDate(rawDate);
    const errors = problemsOf(lang, municipality, date, link);
    if (errors) {
      // A control character is not shown again (the field says it was there).
      const form = { municipality, date: rawDate, link: withoutControls(link), errors };
      const editing =
        (await store.adoptions(who.campaign.id)).some((a) => a.council === councilOf(municipality)) &&
        formField(request.body?.editing, 1) === '1';
      return sendAdminPage(reply, 422, {
        lang,
        path: '/admin',
        title: editing ? t.editAdoption : t.adoptionsTitle,
        errors: adoptionErrorList(lang, form),
        main: editing ? adoptionForm(lang, who.csrf, form, true) : await adoptionsMain(lang, who, undefined, form),
        signedIn: who,
        section: 'adoptions',
      });
    }
    const council = councilOf(municipality);
    const result = await store.recordAdoption(who.campaign.id, council, date, link || null);
    await store.audit(
      who.email,
      result === 'created' ? 'adoption-recorded' : 'adoption-updated',
      council,
      who.campaign.id,
    );
    return redirect(reply, resultAddress('/admin', lang, who, result === 'created' ? 'recorded' : 'updated'));
  });

  const adoptionOf = async (who: Admin, code: string) =>
    (await store.adoptions(who.campaign.id)).find((a) => a.council === code);

  interface Asked {
    Params: { code: string };
    Querystring: Form;
  }

  app.get<Asked>('/admin/adoptions/:code/edit', languageOnly, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const who = await signedInAdmin(app, request);
    const adoption = who && (await adoptionOf(who, request.params.code));
    if (!who || !adoption) return redirect(reply, `/admin?lang=${lang}`);
    const form = {
      municipality: adoption.council,
      date: norwegianDate(adoption.adopted_on),
      link: adoption.link ?? '',
      errors: {},
    };
    return sendAdminPage(reply, 200, {
      lang,
      path: `/admin/adoptions/${adoption.council}/edit`,
      title: texts(lang).editAdoption,
      main: adoptionForm(lang, who.csrf, form, true),
      signedIn: who,
      section: 'adoptions',
    });
  });

  app.get<Asked>('/admin/adoptions/:code/remove', languageOnly, async (request, reply) => {
    const lang = langOf(request.query?.lang);
    const who = await signedInAdmin(app, request);
    const adoption = who && (await adoptionOf(who, request.params.code));
    if (!who || !adoption) return redirect(reply, `/admin?lang=${lang}`);
    const t = texts(lang);
    const text = fill(t.removeText, { council: labelOf(adoption.council), date: norwegianDate(adoption.adopted_on) });
    const action = `/admin/adoptions/${adoption.council}/remove`;
    return sendAdminPage(reply, 200, {
      lang,
      path: action,
      title: t.removeTitle,
      main: html`${paragraphs([text])}
<div class="actions">${postForm({ action, lang, csrf: who.csrf, content: button(t.removeButton, { danger: true }) })}
<a class="ds-link" href=${`/admin?lang=${lang}`}>${t.cancel}</a></div>`,
      signedIn: who,
      section: 'adoptions',
    });
  });

  app.post<{ Params: { code: string }; Body: Form }>(
    '/admin/adoptions/:code/remove',
    pageInput('body', FORM_FIELDS),
    async (request, reply) => {
      const lang = langOf(request.body?.lang);
      const who = await authorised(app, request);
      if (!who) return sendForbidden(reply, lang);
      // Only a code of the list is a council (a path can carry anything, a NUL too).
      const council = isKnownCode(request.params.code) ? councilOf(request.params.code) : undefined;
      if (council && (await store.deleteAdoption(who.campaign.id, council))) {
        await store.audit(who.email, 'adoption-removed', council, who.campaign.id);
      }
      return redirect(reply, resultAddress('/admin', lang, who, 'removed'));
    },
  );
}
