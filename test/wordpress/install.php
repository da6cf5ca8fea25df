<?php
/**
 * Installs the throwaway test site and its users, non-interactively (wp-admin/install.php's steps),
 * and prints what the test needs as one line of JSON: versions, users, application passwords.
 * Run by test/wordpress/wordpress.ts as `php install.php` in the site's folder.
 */
define( 'WP_INSTALLING', true );
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$admin_password = wp_generate_password( 24, false );
$installed      = wp_install( 'Testkommune', 'admin', 'admin@kommune.example.no', false, '', $admin_password );
if ( empty( $installed['user_id'] ) ) {
	fwrite( STDERR, 'wp_install made no administrator' );
	exit( 1 );
}

$users = array();
foreach ( array( 'author', 'editor' ) as $role ) {
	$id = wp_insert_user(
		array(
			'user_login'   => $role,
			'user_pass'    => wp_generate_password( 24 ),
			'user_email'   => "$role@kommune.example.no",
			'display_name' => ucfirst( $role ),
			'role'         => $role,
		)
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() );
		exit( 1 );
	}
	// Application passwords need HTTPS or WP_ENVIRONMENT_TYPE 'local' (wp-config.php) to be used.
	list( $password ) = WP_Application_Passwords::create_new_application_password( $id, array( 'name' => 'ks-valgloftet e2e' ) );
	$users[ $role ]   = array(
		'id'       => $id,
		'login'    => $role,
		'password' => $password,
	);
}

global $wpdb, $wp_version;
echo wp_json_encode(
	array(
		'versions'  => array(
			'wordpress' => $wp_version,
			'php'       => PHP_VERSION,
			'mariadb'   => $wpdb->get_var( 'SELECT VERSION()' ),
		),
		'theme'     => get_stylesheet(),
		'users'     => $users,
	)
), "\n";
