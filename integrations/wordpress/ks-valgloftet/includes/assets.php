<?php
/**
 * The widget's scripts, shipped inside the plugin and served by the site itself: nothing the
 * service does (down, slow, hanging) can hold a page's scripts, and no code comes from elsewhere.
 * The project's build (scripts/build-wordpress.mjs) puts them in assets/<build hash>/ and names
 * that folder in assets/build.php, so a new version of the plugin is a new address and no browser
 * keeps an old script.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/**
 * The address of one of the widget's files in this plugin, or '' when the plugin has no build
 * (a copy of the sources rather than the zip).
 *
 * @param string $file A file of the build: ks-valgloftet-loader.js, ks-valgloftet.iife.js.
 */
function ks_valgloftet_asset_url( string $file ): string {
	static $build = null;
	if ( null === $build ) {
		$path  = dirname( __DIR__ ) . '/assets/build.php';
		$build = is_readable( $path ) ? include $path : array();
		$build = is_array( $build ) && isset( $build['hash'], $build['files'] ) && is_array( $build['files'] ) ? $build : array();
	}
	if ( ! $build || ! in_array( $file, $build['files'], true ) ) {
		return '';
	}
	return plugins_url( 'assets/' . $build['hash'] . '/' . $file, KS_VALGLOFTET_FILE );
}

add_action(
	'init',
	static function () {
		$loader = ks_valgloftet_asset_url( 'ks-valgloftet-loader.js' );
		if ( '' !== $loader ) {
			// The page's widgets: the loader imports ks-valgloftet.js beside it once the page has
			// painted, and that imports the form's module beside it on intent.
			wp_register_script(
				'ks-valgloftet-loader',
				$loader,
				array(),
				KS_VALGLOFTET_VERSION,
				array(
					'in_footer' => true,
					'strategy'  => 'defer',
				)
			);
		}
		$widget = ks_valgloftet_asset_url( 'ks-valgloftet.iife.js' );
		if ( '' !== $widget ) {
			// The block's preview in the editor: the widget itself, as a classic script.
			wp_register_script( 'ks-valgloftet-widget', $widget, array(), KS_VALGLOFTET_VERSION, array( 'in_footer' => false ) );
		}
	},
	5
);

// WordPress before 6.3 takes no loading strategy: the loader is deferred by its tag.
add_filter(
	'script_loader_tag',
	static function ( $tag, $handle ) {
		if ( 'ks-valgloftet-loader' === $handle && is_string( $tag ) && ! preg_match( '/\sdefer\b/', $tag ) ) {
			$tag = str_replace( '<script ', '<script defer ', $tag );
		}
		return $tag;
	},
	10,
	2
);

// The editor's canvas (an iframe since WordPress 7.0, whose document is not the editor's): the
// widget is defined there, so the block's preview is the widget, not an empty box. WordPress adds
// what this enqueues to the canvas's document (and, before 6.3, to the editor's page).
add_action(
	'enqueue_block_assets',
	static function () {
		if ( is_admin() && wp_script_is( 'ks-valgloftet-widget', 'registered' ) ) {
			wp_enqueue_script( 'ks-valgloftet-widget' );
		}
	}
);
