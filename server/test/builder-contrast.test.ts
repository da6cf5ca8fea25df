// The builder's contrast check (server/builder/contrast.js): WCAG's ratio, the pairs the widget
// draws, and a ratio shown so that one just under 4.5 never reads as passing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatRatio } from '../../contract/number-format.js';
import { DEFAULT_COLOURS, contrastPairs, contrastRatio, mix } from '../builder/contrast.js';

const ids = (pairs: { id: string }[]) => pairs.map((p) => p.id);

describe('contrast', () => {
  test("WCAG's ratio: 21 for black on white, 1 for a colour on itself, the same either way round", () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#0f5b8c', '#0f5b8c'), 1);
    assert.equal(contrastRatio('#ffffff', '#767676').toFixed(2), '4.54'); // the well-known AA grey
    assert.equal(contrastRatio('#767676', '#ffffff'), contrastRatio('#ffffff', '#767676'));
  });

  test('color-mix in srgb, channel by channel', () => {
    assert.equal(mix('#000000', 0.5, '#ffffff'), '#808080');
    assert.equal(mix('#0f5b8c', 0.1, '#f3f7fa'), '#dce7ef');
    assert.equal(mix('#ff0000', 1, '#00ff00'), '#ff0000');
  });

  test("the widget's own defaults pass every pair", () => {
    const pairs = contrastPairs({});
    assert.deepEqual(ids(pairs), ['text', 'accent', 'counter', 'muted', 'field', 'error']);
    assert.ok(pairs.every((p) => p.ok));
    assert.deepEqual(contrastPairs({ ...DEFAULT_COLOURS }), pairs);
  });

  test('the counter pair only with the counter, the form pairs only with the form', () => {
    assert.deepEqual(ids(contrastPairs({ noCounter: true })), ['text', 'accent', 'muted', 'field', 'error']);
    assert.deepEqual(ids(contrastPairs({ noForm: true })), ['text', 'accent', 'counter', 'muted']);
    // Without a counter the muted text stands on the background itself.
    assert.equal(
      contrastPairs({ noCounter: true }).find((p) => p.id === 'muted')?.background,
      DEFAULT_COLOURS.background,
    );
  });

  test('a failing pair is named: grey text, a pale accent, light text in the white form fields', () => {
    const failing = (options: Parameters<typeof contrastPairs>[0]) => ids(contrastPairs(options).filter((p) => !p.ok));
    assert.deepEqual(failing({ color: '#8a9aa6' }), ['text', 'muted', 'field']);
    assert.deepEqual(failing({ accent: '#9fc5e8' }), ['accent', 'counter']);
    // A dark card: fine on its own background, unreadable in the form's white fields on a light page.
    assert.deepEqual(failing({ background: '#102030', color: '#f0f0f0', accent: '#ffd166' }), ['field', 'error']);
  });

  test('a ratio is shown rounded down, with a decimal comma', () => {
    assert.equal(formatRatio(4.4999, 'nb'), '4,4');
    assert.equal(formatRatio(4.5, 'nn'), '4,5');
    assert.equal(formatRatio(21, 'nb'), '21,0');
  });
});
