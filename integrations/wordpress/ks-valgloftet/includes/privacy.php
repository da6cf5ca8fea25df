<?php
/**
 * The plugin's suggested text for the site's privacy policy (Settings → Privacy → Policy Guide):
 * what reaches the Valgløftet service, when, and that this site keeps none of it.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'admin_init',
	static function () {
		$service = ks_valgloftet_service();
		if ( '' === $service || ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return; // Without a service the plugin shows a link to KS and sends nothing.
		}
		$paragraphs = array(
			sprintf(
				/* translators: %s: the address of the Valgløftet service. */
				__( 'This site shows KS’s election pledge Valgløftet 2023 from the Valgløftet service at %s.', 'ks-valgloftet' ),
				$service
			),
			__( 'When you read a page with the pledge, your browser asks that service how many have joined. As with any request, the service gets your IP address and the name of your browser. No cookies are used.', 'ks-valgloftet' ),
			__( 'If you are an elected official or a candidate and join the pledge with the form, what you enter (your name, e-mail address, role and municipality, and whether your name may be shown) is sent to that service, not to this site. Before you send it, the form says who keeps it, why and for how long, with a link to the privacy statement. You confirm with a link in an e-mail, and a link in the same e-mail lets you withdraw.', 'ks-valgloftet' ),
			__( 'This site keeps none of it.', 'ks-valgloftet' ),
		);
		wp_add_privacy_policy_content(
			'KS Valgløftet',
			'<p>' . implode( '</p><p>', array_map( 'esc_html', $paragraphs ) ) . '</p>'
		);
	}
);
