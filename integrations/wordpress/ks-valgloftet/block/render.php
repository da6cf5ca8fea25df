<?php
/**
 * The block on the page: the plugin's renderer with the block's attributes, normalised as the
 * shortcode's are, in the block's wrapper (its alignment, its additional CSS class). Without a
 * language of its own the block speaks the site's (nn on a site in nn_NO). Included by WordPress
 * with $attributes, $content and $block in scope.
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

$ks_valgloftet_markup = ks_valgloftet_render(
	array(
		// 'nb', 'nn', or '' for the site's language (ks_valgloftet_normalise()).
		'lang'         => ( isset( $attributes['lang'] ) && in_array( $attributes['lang'], array( 'nb', 'nn' ), true ) ) ? $attributes['lang'] : '',
		// A campaign's id, or '' for the service's current one (ks_valgloftet_campaign()).
		'campaign'     => ks_valgloftet_campaign( isset( $attributes['campaign'] ) ? $attributes['campaign'] : '' ),
		'counter'      => ! isset( $attributes['counter'] ) || (bool) $attributes['counter'],
		'form'         => ! isset( $attributes['form'] ) || (bool) $attributes['form'],
		// An SSB code, or '' (checked again by ks_valgloftet_normalise()).
		'municipality' => ks_valgloftet_municipality( isset( $attributes['municipality'] ) ? $attributes['municipality'] : '' ),
		'accent'       => $ks_valgloftet_colour( isset( $attributes['accent'] ) ? $attributes['accent'] : '' ),
		'background'   => $ks_valgloftet_colour( isset( $attributes['background'] ) ? $attributes['background'] : '' ),
		'color'        => $ks_valgloftet_colour( isset( $attributes['color'] ) ? $attributes['color'] : '' ),
	)
);

printf(
	'<div %s>%s</div>',
	get_block_wrapper_attributes(), // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- WordPress escapes the attributes it builds.
	$ks_valgloftet_markup // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- ks_valgloftet_render() escapes and filters its markup.
);
