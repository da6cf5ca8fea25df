<?php
/**
 * The block on the page: the plugin's renderer with the block's attributes, normalised as the
 * shortcode's are. Included by WordPress with $attributes, $content and $block in scope.
 *
 * @package KsValgloftet
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! function_exists( 'ks_valgloftet_render' ) ) {
	return;
}

$ks_valgloftet_colour = static function ( $value ) {
	return is_string( $value ) && preg_match( '/^#[0-9a-fA-F]{6}$/', $value ) ? strtolower( $value ) : '';
};

// phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- ks_valgloftet_render() escapes and filters its markup.
echo ks_valgloftet_render(
	array(
		'lang'         => ( isset( $attributes['lang'] ) && 'nn' === $attributes['lang'] ) ? 'nn' : 'nb',
		'counter'      => ! isset( $attributes['counter'] ) || (bool) $attributes['counter'],
		'form'         => ! isset( $attributes['form'] ) || (bool) $attributes['form'],
		// An SSB code, or '' (checked again by ks_valgloftet_normalise()).
		'municipality' => ks_valgloftet_municipality( isset( $attributes['municipality'] ) ? $attributes['municipality'] : '' ),
		'accent'       => $ks_valgloftet_colour( isset( $attributes['accent'] ) ? $attributes['accent'] : '' ),
		'background'   => $ks_valgloftet_colour( isset( $attributes['background'] ) ? $attributes['background'] : '' ),
		'color'        => $ks_valgloftet_colour( isset( $attributes['color'] ) ? $attributes['color'] : '' ),
	)
);
