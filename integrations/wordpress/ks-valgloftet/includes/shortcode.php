<?php
/**
 * The shortcode [valgloftet lang="nn" campaign="2027" counter="no" form="no" municipality="4601" accent="#0f5b8c" background="#ffffff" color="#1c2329"].
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/**
 * A yes/no value as a shortcode or a URL gives it: yes/no, true/false, 1/0 in any case.
 *
 * @param mixed $value   The value given.
 * @param bool  $default What an absent or unknown value means.
 */
function ks_valgloftet_flag( $value, bool $default ): bool {
	if ( ! is_scalar( $value ) ) {
		return $default;
	}
	$value = strtolower( trim( (string) $value ) );
	if ( in_array( $value, array( 'yes', 'true', '1', 'ja', 'on' ), true ) ) {
		return true;
	}
	if ( in_array( $value, array( 'no', 'false', '0', 'nei', 'off' ), true ) ) {
		return false;
	}
	return $default;
}

/**
 * The shortcode's output.
 *
 * @param array|string $atts The shortcode's attributes ('' when it has none).
 */
function ks_valgloftet_shortcode( $atts ): string {
	$atts = shortcode_atts(
		array(
			'lang'         => '',
			'campaign'     => '',
			'counter'      => 'yes',
			'form'         => 'yes',
			'municipality' => '',
			'accent'       => '',
			'background'   => '',
			'color'        => '',
		),
		is_array( $atts ) ? $atts : array(),
		'valgloftet'
	);
	return ks_valgloftet_render(
		array(
			'lang'         => $atts['lang'],
			// Checked by ks_valgloftet_normalise(): anything but a campaign's id is dropped.
			'campaign'     => $atts['campaign'],
			'counter'      => ks_valgloftet_flag( $atts['counter'], true ),
			'form'         => ks_valgloftet_flag( $atts['form'], true ),
			// Checked by ks_valgloftet_normalise(): anything but an SSB code is dropped.
			'municipality' => $atts['municipality'],
			'accent'       => $atts['accent'],
			'background'   => $atts['background'],
			'color'        => $atts['color'],
		)
	);
}

add_action(
	'init',
	static function () {
		add_shortcode( 'valgloftet', 'ks_valgloftet_shortcode' );
	}
);
