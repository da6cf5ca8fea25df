// KS's admin page, /admin: sign-in by a one-time link mailed to an address in ADMIN_EMAILS, then
// adoptions, names to approve, statistics, export, erasure and the audit log, in bokmål and
// nynorsk. Forms POST and redirect (POST–redirect–GET); no script. Every POST that changes anything
// needs the session's cookie, its CSRF token and a same-origin request (Origin, Sec-Fetch-Site);
// anything else gets a 403 page and changes nothing (session.ts). One screen per file in screens/.
import type { FastifyInstance } from 'fastify';
import { adoptionScreens } from './screens/adoptions.js';
import { campaignChoice } from './campaigns.js';
import { dataScreens } from './screens/data.js';
import { logScreen } from './screens/log.js';
import { nameScreens } from './screens/names.js';
import { signInScreens } from './screens/sign-in.js';
import { statisticsScreen } from './screens/statistics.js';

export async function adminPageRoutes(app: FastifyInstance): Promise<void> {
  for (const screens of [
    signInScreens,
    campaignChoice,
    adoptionScreens,
    nameScreens,
    statisticsScreen,
    dataScreens,
    logScreen,
  ]) {
    await app.register(screens);
  }
}
