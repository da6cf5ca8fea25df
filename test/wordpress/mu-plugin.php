<?php
/**
 * Plugin Name: ks-valgloftet test site
 * Description: Test-only. Lets this WordPress on loopback fetch oEmbed from the signature service on
 * 127.0.0.1:PORT, as it would from a public host on a standard port, and keeps mail in the site.
 * Installed by test/wordpress/wordpress.ts into a throwaway site; never part of a real one.
 */

/** The service origins the test trusts, e.g. ["http://127.0.0.1:43123"] (wp-config.php). */
function ks_valgloftet_test_origins() {
	return json_decode( KS_VALGLOFTET_TEST_ORIGINS, true );
}

function ks_valgloftet_test_trusted( $url ) {
	$parts = wp_parse_url( $url );
	if ( empty( $parts['host'] ) || empty( $parts['port'] ) ) {
		return false;
	}
	return in_array( "{$parts['scheme']}://{$parts['host']}:{$parts['port']}", ks_valgloftet_test_origins(), true );
}

// wp_http_validate_url() refuses private and loopback addresses unless this says "external" ...
add_filter(
	'http_request_host_is_external',
	function ( $external, $host, $url ) {
		return $external || ks_valgloftet_test_trusted( $url );
	},
	10,
	3
);

// ... and any port but 80, 443 and 8080.
add_filter(
	'http_allowed_safe_ports',
	function ( $ports, $host, $url ) {
		if ( ks_valgloftet_test_trusted( $url ) ) {
			$ports[] = (int) wp_parse_url( $url, PHP_URL_PORT );
		}
		return $ports;
	},
	10,
	3
);

// The installer's and WordPress's notices go nowhere: this machine has no mail transport.
add_filter( 'pre_wp_mail', '__return_true' );

// No network here: WordPress's own calls to WordPress.org (updates, translations, the block
// directory) get a quiet "not found", where a failed connection would log a PHP warning.
add_filter(
	'pre_http_request',
	function ( $pre, $args, $url ) {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( 'wordpress.org' === $host || str_ends_with( $host, '.wordpress.org' ) ) {
			return array(
				'headers'  => array(),
				'body'     => '',
				'response' => array(
					'code'    => 404,
					'message' => 'Not Found',
				),
				'cookies'  => array(),
				'filename' => null,
			);
		}
		return $pre;
	},
	10,
	3
);
