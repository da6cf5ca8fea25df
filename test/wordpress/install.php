<?php
/**
 * Installs the throwaway test site and its users, non-interactively (wp-admin/install.php's steps),
 * and prints what the test needs as one line of JSON: versions, users, application passwords.
 * Run by test/wordpress/wordpress.ts as `php install.php nb_NO` (the site's language) in the site's folder.
 */
define( 'WP_INSTALLING', true );
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$locale         = $argv[1] ?? 'nb_NO';
$admin_password = wp_generate_password( 24, false );
$installed      = wp_install( 'Testkommune', 'admin', 'admin@kommune.example.no', false, '', $admin_password );
if ( empty( $installed['user_id'] ) ) {
	fwrite( STDERR, 'wp_install made no administrator' );
	exit( 1 );
}

// The site's language. Written as it is: update_option() keeps only a language whose core .mo file
// is installed, and Debian has none for nn_NO (a site gets it from WordPress.org's language packs).
$wpdb->replace(
	$wpdb->options,
	array(
		'option_name'  => 'WPLANG',
		'option_value' => $locale,
		'autoload'     => 'yes',
	)
);
wp_cache_delete( 'alloptions', 'options' );

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
		'locale'    => $wpdb->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = 'WPLANG'" ),
		'users'     => $users,
	)
), "\n";
