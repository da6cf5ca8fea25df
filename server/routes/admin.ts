import type { FastifyInstance } from 'fastify';
import { councilOf, isKnownCode } from '../municipalities.js';
import { sameSecret } from '../tokens.js';

const code = { type: 'string', pattern: '^[0-9]{2}([0-9]{2})?$' } as const;

/** A CSV cell; cells that a spreadsheet would run as a formula are defused with a leading '. */
function csvCell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * KS staff's API, behind `Authorization: Bearer $ADMIN_TOKEN`. With no ADMIN_TOKEN set, every
 * call is refused.
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { store, config } = app;
  const security = [{ admin: [] }];

  app.addHook('onRequest', async (request, reply) => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (!config.adminToken || scheme !== 'Bearer' || !token || !sameSecret(token, config.adminToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    }
  });

  app.post<{ Body: { municipality: string; date: string; link?: string } }>(
    '/adoptions',
    {
      schema: {
        summary: 'Record that a council adopted the pledge',
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['municipality', 'date'],
          properties: {
            municipality: code,
            date: { type: 'string', format: 'date' },
            link: { type: 'string', maxLength: 500, pattern: '^https?://[^\\s]+$' },
          },
        },
      },
    },
    async (request, reply) => {
      const { municipality, date, link } = request.body;
      if (!isKnownCode(municipality)) {
        return reply.code(422).send({ error: 'invalid_fields', fields: { municipality: 'unknown' } });
      }
      const result = store.recordAdoption(councilOf(municipality), date, link ?? null);
      return reply.code(result === 'created' ? 201 : 200).send({ council: councilOf(municipality), result });
    },
  );

  app.delete<{ Params: { code: string } }>(
    '/adoptions/:code',
    { schema: { summary: 'Remove a recorded adoption', security, params: { type: 'object', properties: { code } } } },
    async (request, reply) => {
      const gone = store.deleteAdoption(councilOf(request.params.code));
      return reply.code(gone ? 204 : 404).send(gone ? undefined : { error: 'not_found' });
    },
  );

  app.get('/adoptions', { schema: { summary: 'The recorded adoptions', security } }, async () => store.adoptions());

  app.get('/signatures.csv', { schema: { summary: 'Every signature, as CSV', security } }, async (_request, reply) => {
    const header = 'name,email,role,municipality,lang,created_at,confirmed_at';
    const lines = [header];
    for (const row of store.exportRows()) {
      lines.push(
        [row.name, row.email, row.role, row.municipality, row.lang, row.created_at, row.confirmed_at].map(csvCell).join(','),
      );
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="valgloftet-signatures.csv"')
      .header('cache-control', 'no-store')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  app.post<{ Body: { email: string } }>(
    '/erasures',
    {
      schema: {
        summary: "Erase one person's data, by e-mail address",
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email'],
          properties: { email: { type: 'string', minLength: 3, maxLength: 254 } },
        },
      },
    },
    async (request) => ({ erased: store.erase(request.body.email.trim().toLowerCase()) }),
  );
}
