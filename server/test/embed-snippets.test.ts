// The builder's code for each way in: what each kind holds for each option, that the element stays
// on one line (WordPress's wpautop), and that nothing typed into the builder escapes its attribute.
// (The code is also parsed by a real HTML parser, the browser's, in test/e2e/builder.test.ts:
// parse5 is here only as another package's dependency.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CAMPAIGN_ID } from '../../contract/campaign.js';
import {
  CAMPAIGN,
  EMBED_HEIGHT,
  embedSearch,
  parseEmbedSearch,
  pledgePageUrl,
  type EmbedOptions,
} from '../../contract/embed.js';
import { snippets, type Snippets } from '../../contract/embed-snippets.js';

/** Each kind of code and its name. */
const kinds = (s: Snippets): [string, string][] => [
  ['module', s.module],
  ['classic', s.classic],
  ['iframe', s.iframe],
  ['iframeWithHelper', s.iframeWithHelper],
  ['url', s.url],
  ['shortcode', s.shortcode],
];

const SERVICE = 'https://valgloftet.example.no';
const nb: EmbedOptions = { lang: 'nb' };

describe('snippets()', () => {
  test('the module script and the element, with the fallback link to the pledge page, in bokmål', () => {
    assert.equal(
      snippets(SERVICE, nb).module,
      '<script type="module" src="https://valgloftet.example.no/ks-valgloftet.js"></script>\n' +
        '<ks-valgloftet lang="nb"><a href="https://valgloftet.example.no/valgloftet">Les om Valgløftet 2023 hos KS</a></ks-valgloftet>',
    );
  });

  test("the WordPress plugin's shortcode: the language always, and only what differs from the plugin's defaults", () => {
    assert.equal(snippets(SERVICE, nb).shortcode, '[valgloftet lang="nb"]');
    assert.equal(
      snippets(SERVICE, { lang: 'nn', noCounter: true, noForm: true, accent: '#AABBCC', color: '#101010' }).shortcode,
      '[valgloftet lang="nn" counter="no" form="no" accent="#aabbcc" color="#101010"]',
    );
  });

  test('in nynorsk: the element says nn and the link goes to the nynorsk page, in nynorsk', () => {
    assert.equal(
      snippets(SERVICE, { lang: 'nn' }).module.split('\n')[1],
      '<ks-valgloftet lang="nn"><a href="https://valgloftet.example.no/valgloftet/nn">Les om Valgløftet 2023 hjå KS</a></ks-valgloftet>',
    );
  });

  test('the classic script is the iife build with defer, before the same element', () => {
    const { module, classic } = snippets(SERVICE, { lang: 'nn', noForm: true });
    assert.equal(
      classic.split('\n')[0],
      '<script src="https://valgloftet.example.no/ks-valgloftet.iife.js" defer></script>',
    );
    assert.equal(classic.split('\n')[1], module.split('\n')[1]);
  });

  test('no-counter and no-form become attributes, and travel in the iframe and page addresses', () => {
    const s = snippets(SERVICE, { lang: 'nb', noCounter: true, noForm: true });
    assert.match(s.module, /<ks-valgloftet lang="nb" no-counter no-form>/);
    assert.match(s.iframe, / src="https:\/\/valgloftet\.example\.no\/embed\?lang=nb&amp;no-counter&amp;no-form" /);
    assert.equal(s.url, 'https://valgloftet.example.no/valgloftet?no-counter&no-form');
    const counterOnly = snippets(SERVICE, { lang: 'nb', noCounter: true });
    assert.match(counterOnly.module, /<ks-valgloftet lang="nb" no-counter>/);
    assert.doesNotMatch(counterOnly.module, /no-form/);
  });

  test('each colour becomes its custom property in a style attribute, in lower case', () => {
    assert.match(
      snippets(SERVICE, { lang: 'nb', accent: '#AA0000' }).module,
      /<ks-valgloftet lang="nb" style="--ks-valgloftet-accent:#aa0000">/,
    );
    assert.match(
      snippets(SERVICE, { lang: 'nb', background: '#ffffff' }).module,
      /<ks-valgloftet lang="nb" style="--ks-valgloftet-background:#ffffff">/,
    );
    const all = snippets(SERVICE, { lang: 'nb', accent: '#123456', background: '#fefefe', color: '#010101' });
    assert.match(
      all.classic,
      /style="--ks-valgloftet-accent:#123456;--ks-valgloftet-background:#fefefe;--ks-valgloftet-color:#010101"/,
    );
    assert.match(all.iframe, /\?lang=nb&amp;accent=%23123456&amp;background=%23fefefe&amp;color=%23010101"/);
    assert.equal(
      all.url,
      'https://valgloftet.example.no/valgloftet?accent=%23123456&background=%23fefefe&color=%23010101',
    );
    assert.doesNotMatch(snippets(SERVICE, { lang: 'nb', accent: '' }).module, /style=/, 'an empty colour is unset');
  });

  test('a council (municipality) travels in every kind of code, as an attribute, in the addresses and the shortcode', () => {
    const s = snippets(SERVICE, { lang: 'nn', noForm: true, municipality: '4601', accent: '#AA0000' });
    const element =
      '<ks-valgloftet lang="nn" no-form municipality="4601" style="--ks-valgloftet-accent:#aa0000">' +
      '<a href="https://valgloftet.example.no/valgloftet/nn">Les om Valgløftet 2023 hjå KS</a></ks-valgloftet>';
    assert.equal(s.module.split('\n')[1], element);
    assert.equal(s.classic.split('\n')[1], element);
    const src = 'https://valgloftet.example.no/embed?lang=nn&amp;no-form&amp;municipality=4601&amp;accent=%23aa0000';
    assert.match(s.iframe, new RegExp(`^<iframe src="${src.replace(/[?]/g, '\\?')}" `));
    assert.equal(s.iframeWithHelper.split('\n')[0], s.iframe);
    assert.equal(s.url, 'https://valgloftet.example.no/valgloftet/nn?no-form&municipality=4601&accent=%23aa0000');
    assert.equal(s.shortcode, '[valgloftet lang="nn" form="no" municipality="4601" accent="#aa0000"]');
    // A county: two digits, the same way.
    const county = snippets(SERVICE, { lang: 'nb', municipality: '46' });
    for (const [kind, code] of kinds(county)) assert.match(code, /municipality="46"|municipality=46\b/, kind);
    // None, or an empty choice (the builder's "none"), writes nothing.
    for (const options of [nb, { lang: 'nb', municipality: '' } as EmbedOptions]) {
      for (const [kind, code] of kinds(snippets(SERVICE, options))) assert.doesNotMatch(code, /municipality/, kind);
    }
  });

  test('a campaign other than the current one travels in every kind of code: attribute, addresses, shortcode (issue 27)', () => {
    const s = snippets(
      SERVICE,
      { lang: 'nn', campaign: 'testloftet', noForm: true, municipality: '4601' },
      'Testløftet',
    );
    const element =
      '<ks-valgloftet lang="nn" campaign="testloftet" no-form municipality="4601">' +
      '<a href="https://valgloftet.example.no/valgloftet/testloftet/nn">Les om Testløftet hjå KS</a></ks-valgloftet>';
    assert.equal(s.module.split('\n')[1], element);
    assert.equal(s.classic.split('\n')[1], element);
    assert.equal(
      s.iframe,
      '<iframe src="https://valgloftet.example.no/embed?lang=nn&amp;campaign=testloftet&amp;no-form&amp;municipality=4601" title="Testløftet" ' +
        `width="100%" height="${EMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy" data-ks-valgloftet></iframe>`,
    );
    assert.equal(s.iframeWithHelper.split('\n')[0], s.iframe);
    // The pledge page's address names the campaign in its path, so oEmbed reads it from there.
    assert.equal(s.url, 'https://valgloftet.example.no/valgloftet/testloftet/nn?no-form&municipality=4601');
    assert.equal(s.shortcode, '[valgloftet lang="nn" campaign="testloftet" form="no" municipality="4601"]');
    // In bokmål; and without a title the fallback link names no campaign (never another's).
    assert.equal(
      snippets(SERVICE, { lang: 'nb', campaign: '2027' }).module.split('\n')[1],
      '<ks-valgloftet lang="nb" campaign="2027"><a href="https://valgloftet.example.no/valgloftet/2027">Les om løftet hos KS</a></ks-valgloftet>',
    );
    assert.equal(
      snippets(SERVICE, { lang: 'nb', campaign: '2027' }).url,
      'https://valgloftet.example.no/valgloftet/2027',
    );
    // No campaign, or an empty choice, writes nothing: today's code byte for byte, whatever the title.
    for (const options of [nb, { lang: 'nb', campaign: '' } as EmbedOptions]) {
      assert.deepEqual(snippets(SERVICE, options, 'Testløftet'), snippets(SERVICE, nb));
      for (const [kind, code] of kinds(snippets(SERVICE, options))) assert.doesNotMatch(code, /campaign/, kind);
    }
  });

  test("the campaign's pattern in contract/embed.js is contract/campaign.ts's, and addresses read it back", () => {
    assert.equal(CAMPAIGN.source, CAMPAIGN_ID);
    assert.equal(embedSearch({ lang: 'nb', campaign: '2027', noCounter: true }), 'lang=nb&campaign=2027&no-counter');
    assert.equal(embedSearch({ lang: 'nb', campaign: 'Bad Id' }), 'lang=nb', 'a bad id is never written');
    assert.deepEqual(parseEmbedSearch(new URLSearchParams('campaign=testloftet&lang=nn')), {
      options: { lang: 'nn', campaign: 'testloftet' },
      errors: [],
    });
    for (const bad of ['', 'Testloftet', '-x', 'a'.repeat(33), 'x"><script>', '2027/nn']) {
      assert.deepEqual(parseEmbedSearch(new URLSearchParams({ campaign: bad })).errors, ['campaign'], bad);
    }
    assert.equal(pledgePageUrl(SERVICE, { lang: 'nb', campaign: '2023' }), `${SERVICE}/valgloftet/2023`);
    assert.equal(pledgePageUrl(SERVICE, { lang: 'nb', campaign: 'x y' }), `${SERVICE}/valgloftet`, 'a bad id: no path');
  });

  test('the iframe: the embed page, a title, the recommended height, lazy, marked for the helper, no sandbox', () => {
    const { iframe, iframeWithHelper } = snippets(SERVICE, { lang: 'nn' });
    assert.equal(
      iframe,
      `<iframe src="https://valgloftet.example.no/embed?lang=nn" title="Valgløftet 2023" width="100%" height="${EMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy" data-ks-valgloftet></iframe>`,
    );
    assert.equal(iframeWithHelper, `${iframe}\n<script src="https://valgloftet.example.no/embed.js" async></script>`);
  });

  test('the address for oEmbed is the pledge page in the chosen language', () => {
    assert.equal(snippets(SERVICE, nb).url, 'https://valgloftet.example.no/valgloftet');
    assert.equal(snippets(SERVICE, { lang: 'nn' }).url, 'https://valgloftet.example.no/valgloftet/nn');
  });

  test('a service base with a path prefix or a trailing slash is used as the prefix, without the slash', () => {
    const s = snippets('https://kommune.example.no/valgloftet-tjeneste/', { lang: 'nb' });
    assert.match(
      s.module,
      /^<script type="module" src="https:\/\/kommune\.example\.no\/valgloftet-tjeneste\/ks-valgloftet\.js">/,
    );
    assert.equal(s.url, 'https://kommune.example.no/valgloftet-tjeneste/valgloftet');
    assert.match(snippets('http://127.0.0.1:8787/', nb).iframe, /src="http:\/\/127\.0\.0\.1:8787\/embed\?lang=nb"/);
  });

  test('no code has a blank line, and the element with its content is on one line', () => {
    const options: EmbedOptions[] = [
      nb,
      { lang: 'nn', noCounter: true, noForm: true, accent: '#000000', municipality: '4601' },
    ];
    for (const o of options) {
      for (const [kind, code] of kinds(snippets(SERVICE, o))) {
        assert.doesNotMatch(code, /\n\s*\n/, `${kind} has a blank line`);
        for (const line of code.split('\n'))
          assert.equal(line, line.trim(), `${kind}: no indentation or trailing space`);
      }
      const { module } = snippets(SERVICE, o);
      assert.match(module.split('\n')[1], /^<ks-valgloftet [^\n]*<\/ks-valgloftet>$/);
      assert.equal(module.split('\n').length, 2);
    }
  });

  describe('refuses what could break out of an attribute or a URL', () => {
    const hostileBases = [
      'javascript:alert(1)',
      'JAVASCRIPT://valgloftet.example.no',
      'data:text/html,<script>alert(1)</script>',
      'https://valgloftet.example.no/"><script>alert(1)</script>',
      "https://valgloftet.example.no/' onload='alert(1)",
      'https://valgloftet.example.no/a b',
      ' https://valgloftet.example.no',
      'https://valgloftet.example.no\n<script>',
      'https://valgloftet.example.no/<x',
      'https://valgloftet.example.no?x=1',
      'https://valgloftet.example.no/#top',
      'https://ola:hemmelig@valgloftet.example.no',
      'ftp://valgloftet.example.no',
      '//valgloftet.example.no',
      'valgloftet.example.no',
      '',
    ];
    for (const base of hostileBases) {
      test(`service ${JSON.stringify(base)}`, () => {
        assert.throws(() => snippets(base, nb), TypeError);
      });
    }
    const hostileColours = [
      'red',
      '#fff',
      '#12345g',
      '#1234567',
      '#123456"><script>',
      '"#123456"',
      'url(javascript:x)',
      ' #123456',
    ];
    for (const colour of hostileColours) {
      for (const name of ['accent', 'background', 'color'] as const) {
        test(`${name} ${JSON.stringify(colour)}`, () => {
          assert.throws(() => snippets(SERVICE, { lang: 'nb', [name]: colour }), /must be a colour #rrggbb/);
        });
      }
    }
    const hostileCouncils = [
      '460',
      '46011',
      '4',
      'Bergen',
      ' 4601',
      '4601 ',
      '4601"><script>alert(1)</script>',
      '4601" onmouseover="alert(1)',
      "46' x='",
      '46]',
      '４６０１', // full-width digits: not the ASCII the pattern means
      '4601\n',
    ];
    for (const municipality of hostileCouncils) {
      test(`municipality ${JSON.stringify(municipality)}`, () => {
        assert.throws(() => snippets(SERVICE, { lang: 'nb', municipality }), /municipality must be an SSB code/);
      });
    }
    test('a municipality that is not a string', () => {
      for (const municipality of [4601, ['4601'], { toString: () => '4601' }]) {
        assert.throws(
          () => snippets(SERVICE, { lang: 'nb', municipality } as unknown as EmbedOptions),
          /municipality must be an SSB code/,
        );
      }
    });
    test('a campaign that is not an id', () => {
      for (const campaign of [
        'Testloftet',
        '2027"><script>alert(1)</script>',
        '-2027',
        '2027 ',
        '2027]',
        '2027/nn',
        7,
      ]) {
        assert.throws(
          () => snippets(SERVICE, { lang: 'nb', campaign } as unknown as EmbedOptions),
          /campaign must be an id/,
          String(campaign),
        );
      }
    });
    test('a language other than nb or nn', () => {
      for (const lang of ['en', 'nn"><script>', '']) {
        assert.throws(() => snippets(SERVICE, { lang } as unknown as EmbedOptions), /lang must be "nb" or "nn"/);
      }
    });
  });

  test('characters an address may hold but HTML must not take raw are escaped in attributes', () => {
    const s = snippets('https://valgloftet.example.no/a&b', nb);
    assert.match(s.module, /src="https:\/\/valgloftet\.example\.no\/a&amp;b\/ks-valgloftet\.js"/);
    assert.match(s.module, /href="https:\/\/valgloftet\.example\.no\/a&amp;b\/valgloftet"/);
    assert.match(s.iframe, /src="https:\/\/valgloftet\.example\.no\/a&amp;b\/embed\?lang=nb"/);
    // Every attribute value ends at its own closing quote: no quote, < or > inside one.
    for (const [, code] of kinds(s)) {
      for (const [, value] of code.matchAll(/="([^"]*)"/g)) assert.doesNotMatch(value, /[<>'&](?!amp;)/);
    }
  });
});
