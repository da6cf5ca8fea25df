<?php
/**
 * Settings → Valgløftet: the service's address, checked against the service before it is saved.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/**
 * Validates the address on save (Settings API: its nonce and manage_options are checked by
 * options.php). Keeps the old value and says why when the address is refused.
 *
 * @param mixed $value What the form sent.
 */
function ks_valgloftet_sanitise_service_option( $value ): string {
	static $done = array();
	$value = is_string( $value ) ? trim( $value ) : '';
	// WordPress sanitises twice when the option is first added: check and tell once.
	if ( array_key_exists( $value, $done ) ) {
		return $done[ $value ];
	}
	$old = get_option( KS_VALGLOFTET_OPTION, '' );
	$old = is_string( $old ) ? $old : '';
	if ( '' === $value ) {
		$done[ $value ] = '';
		return '';
	}
	$address = ks_valgloftet_normalise_service( $value );
	if ( '' === $address ) {
		add_settings_error(
			KS_VALGLOFTET_OPTION,
			'ks-valgloftet-address',
			__( 'The address must start with https:// (http:// only for this computer: localhost, 127.0.0.1 or ::1) and contain no ? or #. The address was not saved.', 'ks-valgloftet' )
		);
		$done[ $value ] = $old;
		return $old;
	}
	$count = ks_valgloftet_check_service( $address );
	if ( is_wp_error( $count ) ) {
		add_settings_error(
			KS_VALGLOFTET_OPTION,
			'ks-valgloftet-unreachable',
			'ks_valgloftet_unreachable' === $count->get_error_code()
				/* translators: %s: the address the administrator typed. */
				? sprintf( __( 'The service at %s could not be reached. The address was not saved.', 'ks-valgloftet' ), $address )
				/* translators: %s: the address the administrator typed. */
				: sprintf( __( 'The address %s does not answer as the Valgløftet service (no count at /api/count). The address was not saved.', 'ks-valgloftet' ), $address )
		);
		$done[ $value ] = $old;
		return $old;
	}
	add_settings_error(
		KS_VALGLOFTET_OPTION,
		'ks-valgloftet-saved',
		/* translators: %s: the number of signatures. */
		sprintf( __( 'The service answers: %s have joined.', 'ks-valgloftet' ), number_format_i18n( $count ) ),
		'success'
	);
	$done[ $value ] = $address;
	return $address;
}

add_action(
	'admin_init',
	static function () {
		register_setting(
			'ks_valgloftet',
			KS_VALGLOFTET_OPTION,
			array(
				'type'              => 'string',
				'default'           => '',
				'sanitize_callback' => 'ks_valgloftet_sanitise_service_option',
				'show_in_rest'      => false,
			)
		);
	}
);

add_action(
	'admin_menu',
	static function () {
		add_options_page(
			__( 'Valgløftet 2023', 'ks-valgloftet' ),
			__( 'Valgløftet', 'ks-valgloftet' ),
			'manage_options',
			'ks-valgloftet',
			'ks_valgloftet_settings_page'
		);
	}
);

/**
 * The settings page.
 */
function ks_valgloftet_settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<?php // The notices of a save are shown by WordPress itself above the page (options-head.php). ?>
		<form method="post" action="options.php">
			<?php settings_fields( 'ks_valgloftet' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="ks-valgloftet-service"><?php esc_html_e( 'Address of the Valgløftet service', 'ks-valgloftet' ); ?></label></th>
					<td>
						<input type="url" class="regular-text code" id="ks-valgloftet-service" name="<?php echo esc_attr( KS_VALGLOFTET_OPTION ); ?>" value="<?php echo esc_attr( ks_valgloftet_service() ); ?>" placeholder="https://valgloftet.example.no" aria-describedby="ks-valgloftet-service-help" />
						<p class="description" id="ks-valgloftet-service-help"><?php esc_html_e( 'The base address of the Valgløftet service, such as https://valgloftet.example.no. It is checked when you save. Leave it empty to show only a link to KS’s page about the pledge.', 'ks-valgloftet' ); ?></p>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
		<p><?php esc_html_e( 'Put the pledge in a post or page with the shortcode [valgloftet], for example [valgloftet lang="nn" counter="no" form="no"], or paste the pledge’s address on a line of its own.', 'ks-valgloftet' ); ?></p>
	</div>
	<?php
}
