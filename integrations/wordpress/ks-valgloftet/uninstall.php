<?php
/**
 * Removes what the plugin keeps: its option and every transient it set.
 *
 * @package KsValgloftet
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'ks_valgloftet_service' );

global $wpdb;
// Transients are named ks_valgloftet_markup_<md5>; there is no API to list them.
// phpcs:ignore WordPress.DB.DirectDatabaseQuery
$ks_valgloftet_names = $wpdb->get_col(
	$wpdb->prepare(
		"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s",
		$wpdb->esc_like( '_transient_ks_valgloftet_markup_' ) . '%'
	)
);
foreach ( $ks_valgloftet_names as $ks_valgloftet_name ) {
	delete_transient( substr( $ks_valgloftet_name, strlen( '_transient_' ) ) );
}
