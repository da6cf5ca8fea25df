// The admin's campaigns: which one the screens work on (a choice kept in a cookie, set through a
// form on every screen), and the start screen's table of every campaign's state and dates.
import type { FastifyInstance } from 'fastify';
import { fill } from '../../contract/fill.js';
import type { Lang } from '../../contract/signature.js';
import { deletesAt, stateOf, type Campaign } from '../campaigns/campaigns.js';
import { langOf } from '../http/lang.js';
import { button, paragraphs, postForm, selectField, table } from '../pages/components.js';
import { pageInput } from '../pages/input.js';
import { html, type Html } from '../pages/template.js';
import { FORM_FIELDS, formField, norwegianDate, when } from './fields.js';
import { redirect, sendForbidden, texts } from './frame.js';
import { authorised, setCampaignCookie, type Admin } from './session.js';

/** The choice of campaign, on the start screen: a select of every campaign and its button. */
function campaignSwitch(app: FastifyInstance, lang: Lang, who: Admin): Html {
  const t = texts(lang);
  return postForm({
    action: '/admin/campaign',
    lang,
    csrf: who.csrf,
    className: 'campaign-switch',
    content: html`${selectField({
      id: 'campaign',
      name: 'campaign',
      label: t.campaignLabel,
      choices: app.campaigns.all.map((c) => ({
        value: c.id,
        label: c.texts[lang].title,
        selected: c.id === who.campaign.id,
      })),
    })}
${button(t.campaignSwitch, { variant: 'secondary' })}`,
  });
}

const stateText = (lang: Lang, campaign: Campaign, now: Date) => {
  const t = texts(lang);
  return { upcoming: t.stateUpcoming, open: t.stateOpen, closed: t.stateClosed }[stateOf(campaign, now)];
};

/** Every campaign: its state, first and last day, and when its signers' data go (or went). */
export async function campaignsSection(app: FastifyInstance, lang: Lang, who: Admin): Promise<Html> {
  const t = texts(lang);
  const now = new Date();
  const deleted = new Map((await app.store.campaignDeletions()).map((d) => [d.campaign, d.deleted_at]));
  const current = app.campaigns.current(now);
  const rows = app.campaigns.all.map((c) => {
    const title = c.texts[lang].title;
    const went = deleted.get(c.id);
    const due = deletesAt(c);
    return [
      c.id === current.id ? fill(t.currentCampaign, { title }) : title,
      stateText(lang, c, now),
      c.opens ? norwegianDate(c.opens) : t.fromStart,
      c.closes ? norwegianDate(c.closes) : t.noEnd,
      went ? fill(t.deletedOn, { date: when.format(new Date(went)) }) : due ? when.format(due) : t.deletionAfterClose,
    ];
  });
  return html`<section>
<h2 class="ds-heading" data-size="md" id="campaigns">${t.campaignsTitle}</h2>
${paragraphs([fill(t.chosenCampaign, { title: who.campaign.texts[lang].title }), t.campaignsLead])}
${campaignSwitch(app, lang, who)}
${table({
  caption: t.campaignsTitle,
  head: [t.colCampaign, t.colState, t.colOpens, t.colCloses, t.colDeletion],
  rows,
  hideCaption: true,
})}
</section>`;
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function campaignChoice(app: FastifyInstance): Promise<void> {
  app.post<{ Body: Partial<Record<string, unknown>> | undefined }>(
    '/admin/campaign',
    pageInput('body', { ...FORM_FIELDS, campaign: 40 }),
    async (request, reply) => {
      const lang = langOf(request.body?.lang);
      const who = await authorised(app, request);
      if (!who) return sendForbidden(reply, lang);
      const chosen = app.campaigns.get(formField(request.body?.campaign, 40));
      if (chosen) setCampaignCookie(app, reply, chosen.id);
      return redirect(reply, `/admin?lang=${lang}#campaigns`);
    },
  );
}
