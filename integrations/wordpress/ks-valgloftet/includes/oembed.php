<?php
/**
 * A pasted pledge address ({service}/valgloftet, {service}/valgloftet/nn, a campaign's own
 * {service}/valgloftet/2027 and {service}/valgloftet/2027/nn, options in the query) shows the widget
 * itself, through ks_valgloftet_render(), instead of a sandboxed frame.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/**
 * The options a pledge address carries: /nn or lang=nn, the campaign its path names
 * (/valgloftet/2027), no-counter, no-form, municipality, accent, background, color.
 *
 * @param string $url A pledge address.
 */
function ks_valgloftet_options_from_url( string $url ): array {
	$url   = str_replace( '&amp;', '&', $url );
	$path  = (string) wp_parse_url( $url, PHP_URL_PATH );
	$query = array();
	wp_parse_str( (string) wp_parse_url( $url, PHP_URL_QUERY ), $query );
	$lang = str_ends_with( rtrim( $path, '/' ), '/nn' ) ? 'nn' : ( isset( $query['lang'] ) && is_string( $query['lang'] ) ? $query['lang'] : 'nb' );
	// /valgloftet/<id> or /valgloftet/<id>/nn; /valgloftet/nn is the current campaign's, in nynorsk.
	$campaign = '';
	if ( preg_match( '#/valgloftet/([a-z0-9][a-z0-9-]{0,31})(/nn)?/?$#D', $path, $found ) && ( 'nn' !== $found[1] || isset( $found[2] ) ) ) {
		$campaign = $found[1];
	}
	return array(
		'lang'         => in_array( $lang, array( 'nb', 'nn' ), true ) ? $lang : 'nb',
		'campaign'     => $campaign,
		'counter'      => ! isset( $query['no-counter'] ) || ! ks_valgloftet_flag( '' === $query['no-counter'] ? 'yes' : $query['no-counter'], true ),
		'form'         => ! isset( $query['no-form'] ) || ! ks_valgloftet_flag( '' === $query['no-form'] ? 'yes' : $query['no-form'], true ),
		'municipality' => $query['municipality'] ?? '',
		'accent'       => $query['accent'] ?? '',
		'background'   => $query['background'] ?? '',
		'color'        => $query['color'] ?? '',
	);
}

/**
 * The embed handler's output. Inside the_content it hands over to the shortcode, which runs
 * after wpautop and wptexturize, so they do not put paragraphs or curly quotes into the markup;
 * elsewhere (the editor's preview) it gives the markup itself.
 *
 * @param array  $matches The pattern's matches.
 * @param array  $attr    The embed's attributes.
 * @param string $url     The pasted address.
 */
function ks_valgloftet_embed_handler( $matches, $attr, $url ): string {
	$options = ks_valgloftet_normalise( ks_valgloftet_options_from_url( (string) $url ) );
	if ( doing_filter( 'the_content' ) ) {
		$shortcode = '[valgloftet lang="' . $options['lang'] . '" counter="' . ( $options['counter'] ? 'yes' : 'no' ) . '" form="' . ( $options['form'] ? 'yes' : 'no' ) . '"';
		// Each value is nb/nn, yes/no, an id, digits or #rrggbb (normalised): none can close the shortcode.
		foreach ( array( 'campaign', 'municipality', 'accent', 'background', 'color' ) as $name ) {
			if ( '' !== $options[ $name ] ) {
				$shortcode .= ' ' . $name . '="' . $options[ $name ] . '"';
			}
		}
		return $shortcode . ']';
	}
	return ks_valgloftet_render( $options );
}

add_action(
	'init',
	static function () {
		$service = ks_valgloftet_service();
		if ( '' === $service ) {
			return;
		}
		wp_embed_register_handler(
			'ks-valgloftet',
			'#^' . preg_quote( $service, '#' ) . '/valgloftet(?:/[a-z0-9][a-z0-9-]{0,31})?(?:/nn)?/?(?:\?[^\s"<>]*)?$#i',
			'ks_valgloftet_embed_handler'
		);
	}
);
