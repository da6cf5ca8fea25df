// The WordPress plugin on the current release, WordPress 7.1, on a site in nynorsk (nn_NO), with
// bokmål beside it where a language is chosen: plugin-suite.ts.
import { pluginTests } from './plugin-suite.js';

pluginTests({ release: '7.1', locale: 'nn_NO' });
