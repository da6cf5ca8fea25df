<?php
/**
 * The service's address: the option, its validation and the check that it answers.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/** The option that holds the service's base address, without a trailing slash. */
const KS_VALGLOFTET_OPTION = 'ks_valgloftet_service';

/** The prefix of every transient the plugin keeps (uninstall.php deletes them by it). */
const KS_VALGLOFTET_TRANSIENT = 'ks_valgloftet_markup_';

/** KS's own page about the pledge: the link shown when no service is set. */
const KS_VALGLOFTET_KS_PAGE = 'https://www.ks.no/fagomrader/demokrati-og-styring/lokaldemokrati/valglofte-om-saklig-debatt/';

/**
 * The configured service's base address, or '' when none is set.
 */
function ks_valgloftet_service(): string {
	$value = get_option( KS_VALGLOFTET_OPTION, '' );
	return is_string( $value ) ? ks_valgloftet_normalise_service( $value ) : '';
}

/**
 * A service address as it is kept: https, or http only on a loopback host; no query, fragment,
 * credentials or trailing slash. '' when the address is not acceptable.
 *
 * @param string $address What an administrator typed.
 */
function ks_valgloftet_normalise_service( string $address ): string {
	$address = trim( $address );
	if ( '' === $address || preg_match( '/[\s"\'<>\\\\]/', $address ) ) {
		return '';
	}
	$parts = wp_parse_url( $address );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return '';
	}
	if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
		return '';
	}
	$scheme = strtolower( $parts['scheme'] );
	$host   = strtolower( $parts['host'] );
	if ( 'https' !== $scheme && ! ( 'http' === $scheme && ks_valgloftet_is_loopback( $host ) ) ) {
		return '';
	}
	$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
	$path = isset( $parts['path'] ) ? rtrim( $parts['path'], '/' ) : '';
	if ( '' !== $path && ! preg_match( '#^(/[A-Za-z0-9._~%-]+)+$#', $path ) ) {
		return '';
	}
	return $scheme . '://' . $host . $port . $path;
}

/**
 * Whether a host is loopback: localhost, 127.0.0.0/8 or ::1.
 *
 * @param string $host A URL's host, IPv6 in brackets.
 */
function ks_valgloftet_is_loopback( string $host ): bool {
	$host = strtolower( trim( $host, '[]' ) );
	if ( 'localhost' === $host || '::1' === $host ) {
		return true;
	}
	return (bool) filter_var( $host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4 ) && str_starts_with( $host, '127.' );
}

/**
 * Asks {address}/api/count whether this is the service: the number of signatures, or a WP_Error.
 *
 * @param string $address A normalised service address.
 * @return int|WP_Error
 */
function ks_valgloftet_check_service( string $address ) {
	$response = wp_remote_get(
		$address . '/api/count',
		array(
			'timeout'     => 3,
			'redirection' => 0,
			'headers'     => array( 'Accept' => 'application/json' ),
		)
	);
	if ( is_wp_error( $response ) ) {
		return new WP_Error( 'ks_valgloftet_unreachable', $response->get_error_message() );
	}
	$code = (int) wp_remote_retrieve_response_code( $response );
	$data = json_decode( wp_remote_retrieve_body( $response ), true );
	if ( 200 !== $code || ! is_array( $data ) || ! isset( $data['signatures'] ) || ! is_int( $data['signatures'] ) ) {
		return new WP_Error( 'ks_valgloftet_not_service', (string) $code );
	}
	return $data['signatures'];
}
