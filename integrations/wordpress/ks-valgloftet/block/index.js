/**
 * The block "Valgløftet 2023" in the editor: the options in the sidebar, and a live preview of the
 * real widget. Plain JavaScript on WordPress's globals, no build step.
 *
 * The preview is the block's own PHP output (ServerSideRender asks the block renderer over REST),
 * so the editor shows what the page will: the service's markup, or the fallback link. HTML put in
 * by innerHTML does not attach a declarative shadow root, so the widget's script (the plugin's own
 * copy) upgrades the element in place. WordPress puts that script in the editor's canvas
 * (enqueue_block_assets, includes/assets.php); the canvas is an iframe since WordPress 7.0, with a
 * document and custom elements of its own, so where it still lacks the widget (an older Site
 * Editor), the preview adds the script to the document it is in.
 *
 * The colours get the builder's contrast check: contrast.js is the builder's own module
 * (server/builder/contrast.js, copied into the zip as it is).
 */
/* global window, document */
(function (wp) {
  'use strict';

  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var useBlockProps = wp.blockEditor.useBlockProps;
  var PanelBody = wp.components.PanelBody;
  var SelectControl = wp.components.SelectControl;
  var ToggleControl = wp.components.ToggleControl;
  var TextControl = wp.components.TextControl;
  var ServerSideRender = wp.serverSideRender;
  var useRef = wp.element.useRef;
  var useEffect = wp.element.useEffect;
  var useState = wp.element.useState;

  var Notice = wp.components.Notice;
  var COLOUR = /^#[0-9a-fA-F]{6}$/;
  /** An SSB code: 4 digits for a municipality, 2 for a county (contract/embed.js, MUNICIPALITY). */
  var MUNICIPALITY = /^[0-9]{2}([0-9]{2})?$/;
  /** A campaign's id (contract/campaign.ts, CAMPAIGN_ID); empty: the service's current one. */
  var CAMPAIGN = /^[a-z0-9][a-z0-9-]{0,31}$/;
  /** The service's list of councils, asked for once per editor page (a promise), or null. */
  var councils = null;
  /** The contrast check and number formats (block/contrast.js, block/number-format.js), imported once per editor page (a promise). */
  var contrast = null;

  /** What the plugin tells the editor (ks-valgloftet.php): service, lang, widget, contrast, numberFormat. */
  function data() {
    var given = window.ksValgloftetBlock;
    return given && typeof given === 'object' ? given : {};
  }

  /**
   * Adds the widget's script to `doc` (the canvas's document) unless the widget is defined there or
   * the script is on its way. The plugin's own copy; its address comes from the plugin's data.
   */
  function loadWidget(doc) {
    var src = data().widget;
    var view = doc.defaultView;
    if (typeof src !== 'string' || !src || !view || view.customElements.get('ks-valgloftet')) return;
    if (doc.getElementById('ks-valgloftet-editor-widget')) return;
    var script = doc.createElement('script');
    script.src = src;
    script.id = 'ks-valgloftet-editor-widget';
    doc.head.appendChild(script);
  }

  /** The campaign's field: takes '' or a campaign's id, and says so when the text is neither. */
  function CampaignControl(props) {
    var state = useState(props.value || '');
    var text = state[0];
    var setText = state[1];
    var valid = text === '' || CAMPAIGN.test(text);
    return el(TextControl, {
      label: __('Campaign', 'ks-valgloftet'),
      value: text,
      placeholder: '2027',
      help: valid
        ? __('The campaign the service shows, such as 2027. Empty: its current one.', 'ks-valgloftet')
        : __(
            'Write the campaign as the service names it, in lower-case letters, digits and hyphens, or leave the field empty.',
            'ks-valgloftet',
          ),
      className: valid ? '' : 'ks-valgloftet-invalid',
      onChange: function (value) {
        var trimmed = value.trim();
        setText(trimmed);
        if (trimmed === '' || CAMPAIGN.test(trimmed)) props.onChange(trimmed);
      },
    });
  }

  /** A colour field: takes '' or #rrggbb, and says so when the text is neither. */
  function ColourControl(props) {
    var state = useState(props.value || '');
    var text = state[0];
    var setText = state[1];
    var valid = text === '' || COLOUR.test(text);
    return el(TextControl, {
      label: props.label,
      value: text,
      placeholder: '#rrggbb',
      help: valid ? props.help : __('Write a colour as #rrggbb, or leave the field empty.', 'ks-valgloftet'),
      className: valid ? '' : 'ks-valgloftet-invalid',
      onChange: function (value) {
        var trimmed = value.trim();
        setText(trimmed);
        if (trimmed === '' || COLOUR.test(trimmed)) props.onChange(trimmed.toLowerCase());
      },
    });
  }

  /**
   * The councils as options, in the service's order (by name), with every official name; Oslo
   * once, as the municipality (0301), since the municipality and the county are one council.
   */
  function councilOptions(list) {
    if (!Array.isArray(list)) return null;
    var options = [];
    for (var place of list) {
      if (!place || typeof place.code !== 'string' || !MUNICIPALITY.test(place.code) || typeof place.name !== 'string')
        continue;
      if (place.code === '03') continue;
      var names = typeof place.officialName === 'string' ? place.officialName.split(/\s+-\s+/).join(' – ') : '';
      var label = place.kind === 'county' ? place.name + ' fylkeskommune' : names || place.name;
      options.push({
        value: place.code,
        label: label.indexOf(place.name) === 0 ? label : place.name + ' (' + label + ')',
      });
    }
    return options.length > 300 ? options : null;
  }

  /** The service's list of councils, from {service}/api/municipalities; null when it cannot be had. */
  function loadCouncils(service) {
    if (!councils) {
      councils = service
        ? window
            .fetch(service + '/api/municipalities')
            .then(function (response) {
              return response.ok ? response.json() : null;
            })
            .then(councilOptions)
            .catch(function () {
              return null;
            })
        : Promise.resolve(null);
    }
    return councils;
  }

  /**
   * The council whose status and count the widget shows too: a list of the service's councils, or,
   * until the list comes or when the service cannot give it, the SSB code as text.
   */
  function CouncilControl(props) {
    var listState = useState(null);
    var list = listState[0];
    var setList = listState[1];
    var textState = useState(props.value || '');
    var text = textState[0];
    var setText = textState[1];
    useEffect(function () {
      var live = true;
      var service = data().service;
      loadCouncils(typeof service === 'string' ? service.replace(/\/+$/, '') : '').then(function (options) {
        if (live && options) setList(options);
      });
      return function () {
        live = false;
      };
    }, []);
    var label = __('Municipality or county', 'ks-valgloftet');
    var help = __(
      'Shows under the national figures whether that council has adopted the pledge and how many from there have joined, and chooses it in the form.',
      'ks-valgloftet',
    );
    if (list) {
      var known = list.some(function (o) {
        return o.value === props.value;
      });
      return el(SelectControl, {
        label: label,
        help: help,
        value: props.value || '',
        options: [{ label: __('None (national figures only)', 'ks-valgloftet'), value: '' }]
          .concat(props.value && !known ? [{ label: props.value, value: props.value }] : [])
          .concat(list),
        onChange: function (value) {
          props.onChange(MUNICIPALITY.test(value) ? value : '');
        },
      });
    }
    var valid = text === '' || MUNICIPALITY.test(text);
    return el(TextControl, {
      label: label,
      value: text,
      placeholder: '4601',
      inputMode: 'numeric',
      help: valid
        ? help +
          ' ' +
          __(
            'The SSB code: 4 digits for a municipality (4601 for Bergen), 2 for a county. Empty: national figures only.',
            'ks-valgloftet',
          )
        : __(
            'Write the SSB code as 4 digits (a municipality) or 2 (a county), or leave the field empty.',
            'ks-valgloftet',
          ),
      className: valid ? '' : 'ks-valgloftet-invalid',
      onChange: function (value) {
        var trimmed = value.trim();
        setText(trimmed);
        if (trimmed === '' || MUNICIPALITY.test(trimmed)) props.onChange(trimmed);
      },
    });
  }

  function Preview(props) {
    var ref = useRef(null);
    useEffect(function () {
      var root = ref.current;
      if (root) loadWidget(root.ownerDocument);
    }, []);
    return el(
      'div',
      { ref: ref, className: 'ks-valgloftet-block-preview' },
      el(ServerSideRender, { block: 'ks/valgloftet', attributes: props.attributes }),
    );
  }

  /**
   * The contrast check and the builder's number formats, the builder's own modules (block/contrast.js
   * and block/number-format.js in the zip), as one: null when either cannot be had (the check is
   * then not shown).
   */
  function loadContrast() {
    var d = data();
    if (!contrast) {
      contrast =
        typeof d.contrast === 'string' && d.contrast && typeof d.numberFormat === 'string' && d.numberFormat
          ? Promise.all([import(d.contrast), import(d.numberFormat)])
              .then(function (modules) {
                return { contrastPairs: modules[0].contrastPairs, formatRatio: modules[1].formatRatio };
              })
              .catch(function () {
                return null;
              })
          : Promise.resolve(null);
    }
    return contrast;
  }

  /** The names of the colour pairs the widget draws (contrast.js's ids). */
  function pairName(id) {
    switch (id) {
      case 'text':
        return __('Text on the background', 'ks-valgloftet');
      case 'accent':
        return __('Headings, links and buttons on the background', 'ks-valgloftet');
      case 'counter':
        return __('The figures in the counter', 'ks-valgloftet');
      case 'muted':
        return __('The muted text (explanations and credit)', 'ks-valgloftet');
      case 'field':
        return __('Text in the form’s fields (white fields on light sites)', 'ks-valgloftet');
      default:
        return __('Error messages in the form', 'ks-valgloftet');
    }
  }

  /**
   * The builder's contrast check for the block's colours: the pairs below WCAG's 4.5:1, each with
   * its ratio, in a warning under the colour fields; nothing when every pair is readable.
   */
  function ContrastCheck(props) {
    var state = useState(null);
    var check = state[0];
    var setCheck = state[1];
    useEffect(function () {
      var live = true;
      void loadContrast().then(function (module) {
        if (live && module) setCheck(module);
      });
      return function () {
        live = false;
      };
    }, []);
    if (!check) return null;
    var a = props.attributes;
    var lang = (document.documentElement.lang || '').indexOf('nn') === 0 ? 'nn' : 'nb';
    var failing = check
      .contrastPairs({
        accent: a.accent || undefined,
        background: a.background || undefined,
        color: a.color || undefined,
        noCounter: !a.counter,
        noForm: !a.form,
      })
      .filter(function (pair) {
        return !pair.ok;
      });
    if (failing.length === 0) return null;
    return el(
      Notice,
      { status: 'warning', isDismissible: false, className: 'ks-valgloftet-contrast' },
      el(
        'p',
        null,
        __(
          'Too little contrast: text and background need at least 4.5 : 1 (WCAG 2.1, level AA). Choose a darker or lighter colour, so the text is easy to read.',
          'ks-valgloftet',
        ),
      ),
      el(
        'ul',
        null,
        failing.map(function (pair) {
          return el(
            'li',
            { key: pair.id, 'data-pair': pair.id },
            /* translators: 1: a colour pair, such as "Text on the background"; 2: its contrast ratio, such as 3,1. */
            wp.i18n.sprintf(
              __('%1$s: %2$s : 1', 'ks-valgloftet'),
              pairName(pair.id),
              check.formatRatio(pair.ratio, lang),
            ),
          );
        }),
      ),
    );
  }

  wp.blocks.registerBlockType('ks/valgloftet', {
    edit: function (props) {
      var a = props.attributes;
      var set = props.setAttributes;
      return el(
        'div',
        useBlockProps(),
        el(
          InspectorControls,
          null,
          el(
            PanelBody,
            { title: __('Valgløftet', 'ks-valgloftet'), initialOpen: true },
            el(SelectControl, {
              label: __('Language', 'ks-valgloftet'),
              // Until an editor chooses, the block speaks the site's language.
              value: a.lang || (data().lang === 'nn' ? 'nn' : 'nb'),
              options: [
                { label: 'Bokmål', value: 'nb' },
                { label: 'Nynorsk', value: 'nn' },
              ],
              onChange: function (value) {
                set({ lang: value === 'nn' ? 'nn' : 'nb' });
              },
            }),
            el(CampaignControl, {
              value: a.campaign,
              onChange: function (value) {
                set({ campaign: value });
              },
            }),
            el(ToggleControl, {
              label: __('Show the signature counter', 'ks-valgloftet'),
              checked: !!a.counter,
              onChange: function (value) {
                set({ counter: !!value });
              },
            }),
            el(ToggleControl, {
              label: __('Show the form to sign', 'ks-valgloftet'),
              checked: !!a.form,
              onChange: function (value) {
                set({ form: !!value });
              },
            }),
            el(CouncilControl, {
              value: a.municipality,
              onChange: function (value) {
                set({ municipality: value });
              },
            }),
          ),
          el(
            PanelBody,
            { title: __('Colours', 'ks-valgloftet'), initialOpen: false },
            el(ColourControl, {
              label: __('Accent', 'ks-valgloftet'),
              value: a.accent,
              help: __('Buttons and figures. Empty: the pledge’s own.', 'ks-valgloftet'),
              onChange: function (value) {
                set({ accent: value });
              },
            }),
            el(ColourControl, {
              label: __('Background', 'ks-valgloftet'),
              value: a.background,
              help: __('Empty: the pledge’s own.', 'ks-valgloftet'),
              onChange: function (value) {
                set({ background: value });
              },
            }),
            el(ColourControl, {
              label: __('Text', 'ks-valgloftet'),
              value: a.color,
              help: __('Empty: the pledge’s own.', 'ks-valgloftet'),
              onChange: function (value) {
                set({ color: value });
              },
            }),
            el(ContrastCheck, { attributes: a }),
          ),
        ),
        el(Preview, { attributes: a }),
      );
    },
    // Rendered in PHP (render.php): nothing is saved in the post but the comment and its attributes.
    save: function () {
      return null;
    },
  });
})(window.wp);
