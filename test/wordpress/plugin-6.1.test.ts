// The WordPress plugin on the oldest release it declares ("Requires at least: 6.1"), Debian 12's
// WordPress 6.1, on a site in bokmål (nb_NO): plugin-suite.ts.
import { pluginTests } from './plugin-suite.js';

pluginTests({ release: '6.1', locale: 'nb_NO' });
