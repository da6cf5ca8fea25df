// Spelling with Debian's dictionaries (hunspell, myspell-nb, myspell-nn), for the *-spelling tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * The words the dictionaries lack but that are right: the reviewed list in test/spelling/<lang>.words
 * (one per line, a comment after it; `#` lines are notes), and `extra` words of one test's own.
 */
export async function allowedWords(lang, extra = []) {
  const text = await readFile(new URL(`../spelling/${lang}.words`, import.meta.url), 'utf8');
  return new Set([
    ...text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/\s+/)[0]),
    ...extra,
  ]);
}

/** The words of `text` that `dictionary` (nb_NO, nn_NO) does not know, each once; fails when hunspell cannot run. */
export function unknownWords(dictionary, text) {
  const run = spawnSync('hunspell', ['-d', dictionary, '-l'], { input: text, encoding: 'utf8' });
  if (run.error || run.status !== 0 || /Can't open affix or dictionary/.test(run.stderr)) {
    assert.fail(
      `hunspell with ${dictionary} is not usable (apt-get install hunspell myspell-nb myspell-nn): ${run.error?.message ?? run.stderr}`,
    );
  }
  return [...new Set(run.stdout.split('\n').filter(Boolean))];
}

/**
 * The words each of `texts` has that `dictionary` does not know and `allowed` does not hold, in the
 * order of `texts`. One hunspell for all of them, which loads its dictionary once (a run per text
 * took minutes for the messages); only when that finds such a word is each text checked on its
 * own, to name the texts that hold one.
 */
export function unknownWordsEach(dictionary, texts, allowed = new Set()) {
  const flat = (text) => text.replace(/\s+/g, ' ');
  const strange = (text) => unknownWords(dictionary, text).filter((word) => !allowed.has(word));
  if (!strange(texts.map(flat).join('\n')).length) return texts.map(() => []);
  return texts.map(strange);
}
