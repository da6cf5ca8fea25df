<?php
/**
 * Plugin Name:       KS Valgløftet
 * Description:       Shows KS's election pledge Valgløftet 2023 in bokmål or nynorsk, with the count and the signature form, through a shortcode, a block and pasted pledge addresses.
 * Version:           0.2.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * Author:            KS – Kommunesektorens organisasjon
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       ks-valgloftet
 * Domain Path:       /languages
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

define( 'KS_VALGLOFTET_VERSION', '0.2.0' );
define( 'KS_VALGLOFTET_FILE', __FILE__ );

require_once __DIR__ . '/includes/service.php';
require_once __DIR__ . '/includes/assets.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/shortcode.php';
require_once __DIR__ . '/includes/oembed.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/privacy.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'ks-valgloftet', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
		if ( file_exists( __DIR__ . '/block/block.json' ) ) {
			register_block_type( __DIR__ . '/block' );
			// The block's sidebar in bokmål and nynorsk: languages/ks-valgloftet-<locale>-<handle>.json.
			wp_set_script_translations( 'ks-valgloftet-editor-script', 'ks-valgloftet', __DIR__ . '/languages' );
			// What the sidebar needs: the service (its list of councils, /api/municipalities), the
			// site's language (the block's default), the widget's script (for a canvas that lacks it)
			// and the contrast check with its number formats, the builder's own modules (block/contrast.js
			// and block/number-format.js in the zip).
			wp_add_inline_script(
				'ks-valgloftet-editor-script',
				'window.ksValgloftetBlock = ' . wp_json_encode(
					array(
						'service'      => ks_valgloftet_service(),
						'lang'         => ks_valgloftet_default_lang(),
						'widget'       => ks_valgloftet_asset_url( 'ks-valgloftet.iife.js' ),
						'contrast'     => plugins_url( 'block/contrast.js', __FILE__ ),
						'numberFormat' => plugins_url( 'block/number-format.js', __FILE__ ),
					)
				) . ';',
				'before'
			);
		}
	}
);
