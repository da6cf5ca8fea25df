// Names waiting for KS's approval (issue 23): shown nowhere until approved, decided one at a time
// or all the screen lists at once, filtered by council. Never an address here.
import type { FastifyInstance } from 'fastify';
import type { Lang, Role } from '../../../contract/signature.js';
import { fill } from '../../../contract/fill.js';
import { codesOfCouncil } from '../../councils/local.js';
import { councilOf, isKnownCode, labelOf } from '../../councils/municipalities.js';
import { councilSelect } from '../council-select.js';
import { langOf } from '../../http/lang.js';
import { button, getForm, paragraphs, postForm, table } from '../../pages/components.js';
import { pageInput } from '../../pages/input.js';
import { html, nothing, type Html } from '../../pages/template.js';
import { FORM_FIELDS, formField, number, when } from '../fields.js';
import { doneMessage, redirect, sendForbidden, signedInScreen, texts, type Form } from '../frame.js';
import { NAMES_PER_DECISION, decideNames, nameKey } from '../operations.js';
import { authorised, resultAddress } from '../session.js';

/** The waiting names one screen lists (and its buttons for all of them decide at most). */
const NAMES_PER_SCREEN = 100;

type Decision = 'approve' | 'reject';

const roleOf = (lang: Lang, role: Role) => (role === 'candidate' ? texts(lang).roleCandidate : texts(lang).roleElected);

/** A form whose button decides the names `keys` lists, keeping the screen's filter; `whose` is said to a screen reader. */
const decisionForm = (
  lang: Lang,
  csrf: string,
  decision: Decision,
  keys: string[],
  council: string,
  label: string,
  whose?: string,
) =>
  postForm({
    action: `/admin/names/${decision}`,
    lang,
    csrf,
    hidden: { keys: keys.join(' '), ...(council ? { council } : {}) },
    content: button(html`${label}${whose ? html`<span class="ds-sr-only"> – ${whose}</span>` : nothing}`, {
      variant: decision === 'approve' ? 'primary' : 'secondary',
      danger: decision === 'reject',
    }),
  });

/** The filter by council: found by typing any of a council's names, marked once, as on the adoptions screen. */
function councilFilter(lang: Lang, council: string): Html {
  const t = texts(lang);
  return getForm(
    '/admin/names',
    html`<input type="hidden" name="lang" value=${lang}>
${councilSelect({ id: 'council', label: t.namesFilterLabel, placeholder: t.namesFilterAll, code: council })}
${button(t.namesFilterButton, { variant: 'secondary' })}`,
    'filter',
  );
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify's async plugin form: it registers routes and needs no done()
export async function nameScreens(app: FastifyInstance): Promise<void> {
  const { store } = app;

  signedInScreen(app, '/admin/names', 'names', async (lang, who, query) => {
    const t = texts(lang);
    const asked = formField(query?.council, 10);
    const council = isKnownCode(asked) ? councilOf(asked) : '';
    const [waiting, names] = await Promise.all([
      store.waitingNameCount(),
      store.waitingNames(NAMES_PER_SCREEN, council ? codesOfCouncil(council) : undefined),
    ]);
    const status = waiting
      ? fill(t.namesWaiting, { n: number.format(waiting) }) +
        (names.length === NAMES_PER_SCREEN ? ` ${fill(t.namesShown, { shown: NAMES_PER_SCREEN })}` : '')
      : t.namesNone;
    const keys = names.map(nameKey);
    // Each button says whose name it decides, to a screen reader (the table's rows read alike).
    const rows = names.map((n, i) => [
      n.name,
      roleOf(lang, n.role),
      labelOf(councilOf(n.municipality)),
      when.format(new Date(n.confirmed_at)),
      html`<div class="actions">${decisionForm(lang, who.csrf, 'approve', [keys[i]], council, t.approve, n.name)}
${decisionForm(lang, who.csrf, 'reject', [keys[i]], council, t.reject, n.name)}</div>`,
    ]);
    const all =
      names.length > 1
        ? html`<section>
<h2 class="ds-heading" data-size="sm" id="names-all">${t.namesAllTitle}</h2>
${paragraphs([t.namesAllText])}
<div class="actions">${decisionForm(lang, who.csrf, 'approve', keys, council, fill(t.approveAll, { n: names.length }))}
${decisionForm(lang, who.csrf, 'reject', keys, council, fill(t.rejectAll, { n: names.length }))}</div>
</section>`
        : nothing;
    const head = [t.colName, t.colRole, t.colCouncil, t.colConfirmedAt, t.colActions];
    return {
      title: t.namesTitle,
      main: html`${doneMessage(lang, query, who)}
${paragraphs([t.namesLead])}
${councilFilter(lang, council)}
<p class="ds-paragraph" id="names-status"><strong>${status}</strong></p>
${
  rows.length
    ? html`<section>${table({ caption: t.namesCaption, head, rows })}</section>
${all}`
    : waiting && council
      ? paragraphs([t.namesNoneHere])
      : nothing
}`,
    };
  });

  // The keys of the names the screen listed, and the council it showed.
  const decided = { ...FORM_FIELDS, keys: NAMES_PER_DECISION * 40, council: 10 };
  for (const decision of ['approve', 'reject'] as const) {
    app.post<{ Body: Form }>(`/admin/names/${decision}`, pageInput('body', decided), async (request, reply) => {
      const lang = langOf(request.body?.lang);
      const who = await authorised(app, request);
      if (!who) return sendForbidden(reply, lang);
      // Exactly the names the screen listed, each only while it waits as it was shown: a name
      // that arrived after the screen was drawn, or changed since, is not among them.
      const keys = formField(request.body?.keys, NAMES_PER_DECISION * 40)
        .split(' ')
        .filter(Boolean);
      const n = await decideNames(store, decision, keys);
      // The log says how many, never whose names.
      await store.audit(who.email, decision === 'approve' ? 'names-approved' : 'names-rejected', String(n));
      const asked = formField(request.body?.council, 10);
      const back = resultAddress('/admin/names', lang, who, `${decision === 'approve' ? 'approved' : 'rejected'}-${n}`);
      return redirect(reply, isKnownCode(asked) ? `${back}&council=${councilOf(asked)}` : back);
    });
  }
}
