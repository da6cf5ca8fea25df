<?php
/**
 * ks_valgloftet_render(): the widget's server-rendered markup, fetched from the service, kept for
 * a while, sanitised by rules written for exactly this markup, and the loader script.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/** Seconds a fetched markup is kept. */
const KS_VALGLOFTET_MARKUP_TTL = 300;
/** Seconds a failed fetch is remembered, so a stopped service does not slow every page. */
const KS_VALGLOFTET_FAILURE_TTL = 60;

/** The colour options and the custom property each sets on the element (contract/embed.js). */
const KS_VALGLOFTET_COLOURS = array(
	'accent'     => '--ks-valgloftet-accent',
	'background' => '--ks-valgloftet-background',
	'color'      => '--ks-valgloftet-color',
);

/**
 * The site's default language: nn when the locale is nn_NO, else nb.
 */
function ks_valgloftet_default_lang(): string {
	return 'nn_NO' === get_locale() ? 'nn' : 'nb';
}

/**
 * A colour as the widget takes it (#rrggbb, lower case), or '' when it is not one.
 *
 * @param mixed $value Any value.
 */
function ks_valgloftet_colour( $value ): string {
	return is_string( $value ) && preg_match( '/^#[0-9a-fA-F]{6}$/', trim( $value ) ) ? strtolower( trim( $value ) ) : '';
}

/**
 * A council as the widget takes it: an SSB code, 4 digits for a municipality or 2 for a county
 * (contract/embed.js, MUNICIPALITY), or '' when it is not one. A well-formed code the service does
 * not know is kept: the widget ignores it with a warning.
 *
 * @param mixed $value Any value.
 */
function ks_valgloftet_municipality( $value ): string {
	return is_string( $value ) && preg_match( '/^[0-9]{2}(?:[0-9]{2})?$/D', trim( $value ) ) ? trim( $value ) : '';
}

/**
 * Options made whole and valid: lang nb|nn, counter and form bool, colours '' or #rrggbb,
 * municipality '' or an SSB code.
 *
 * @param array $atts Options, possibly partial.
 * @return array{lang: string, counter: bool, form: bool, accent: string, background: string, color: string, municipality: string}
 */
function ks_valgloftet_normalise( array $atts ): array {
	$lang = isset( $atts['lang'] ) && is_string( $atts['lang'] ) ? strtolower( trim( $atts['lang'] ) ) : '';
	return array(
		'lang'         => in_array( $lang, array( 'nb', 'nn' ), true ) ? $lang : ks_valgloftet_default_lang(),
		'counter'      => ! isset( $atts['counter'] ) || false !== $atts['counter'],
		'form'         => ! isset( $atts['form'] ) || false !== $atts['form'],
		'accent'       => ks_valgloftet_colour( $atts['accent'] ?? '' ),
		'background'   => ks_valgloftet_colour( $atts['background'] ?? '' ),
		'color'        => ks_valgloftet_colour( $atts['color'] ?? '' ),
		'municipality' => ks_valgloftet_municipality( $atts['municipality'] ?? '' ),
	);
}

/**
 * The pledge widget for a page. Never an error: without a service, KS's page as a link; with a
 * service that does not answer, the plain element with a link that the loader upgrades.
 *
 * @param array $atts Normalised options: lang ('nb'|'nn'), counter, form (bool), accent, background, color ('' or '#rrggbb'), municipality ('' or an SSB code).
 */
function ks_valgloftet_render( array $atts ): string {
	$options = ks_valgloftet_normalise( $atts );
	$service = ks_valgloftet_service();
	$nn      = 'nn' === $options['lang'];
	if ( '' === $service ) {
		return sprintf(
			'<p class="ks-valgloftet-link"><a href="%s">%s</a></p>',
			esc_url( KS_VALGLOFTET_KS_PAGE ),
			esc_html( $nn ? 'Les om Valgløftet 2023 hjå KS' : 'Les om Valgløftet 2023 hos KS' )
		);
	}

	ks_valgloftet_enqueue_loader();

	$markup = ks_valgloftet_fetch_markup( $service, $options );
	if ( '' === $markup ) {
		$markup = sprintf(
			'<ks-valgloftet lang="%s" api="%s"%s%s><a href="%s">%s</a></ks-valgloftet>',
			esc_attr( $options['lang'] ),
			esc_url( $service . '/api' ),
			$options['counter'] ? '' : ' no-counter',
			$options['form'] ? '' : ' no-form',
			esc_url( $service . ( $nn ? '/valgloftet/nn' : '/valgloftet' ) ),
			esc_html( $nn ? 'Les om Valgløftet 2023 hjå KS' : 'Les om Valgløftet 2023 hos KS' )
		);
	}

	$style = '';
	foreach ( KS_VALGLOFTET_COLOURS as $name => $property ) {
		if ( '' !== $options[ $name ] ) {
			$style .= $property . ':' . $options[ $name ] . ';';
		}
	}
	if ( '' !== $style ) {
		$markup = preg_replace( '/^<ks-valgloftet\b/', '<ks-valgloftet style="' . esc_attr( $style ) . '"', $markup, 1 );
	}
	// The council is the element's own attribute, not the markup's: the service renders the same
	// markup for every council (the widget adds the local line when it has the figures), so the
	// markup stays cached per language and switches.
	if ( '' !== $options['municipality'] ) {
		$markup = preg_replace( '/^<ks-valgloftet\b/', '<ks-valgloftet municipality="' . esc_attr( $options['municipality'] ) . '"', $markup, 1 );
	}
	return $markup;
}

/**
 * The URL of the service's markup for these options.
 *
 * @param string $service The service's base address.
 * @param array  $options Normalised options.
 */
function ks_valgloftet_markup_url( string $service, array $options ): string {
	return $service . '/api/markup?lang=' . $options['lang']
		. ( $options['counter'] ? '' : '&no-counter' )
		. ( $options['form'] ? '' : '&no-form' );
}

/**
 * The service's markup for these options, sanitised, or '' when it cannot be had. Kept in a
 * transient for 5 minutes; a failure is kept for 60 s. A second copy is kept for a week, so a
 * page still shows the pledge's text while the service is down (the script then shows that the
 * count cannot be had).
 *
 * @param string $service The service's base address.
 * @param array  $options Normalised options.
 */
function ks_valgloftet_fetch_markup( string $service, array $options ): string {
	$url       = ks_valgloftet_markup_url( $service, $options );
	$transient = KS_VALGLOFTET_TRANSIENT . md5( $url );
	$backup    = KS_VALGLOFTET_TRANSIENT . 'kept_' . md5( $url );
	$kept      = get_transient( $transient );
	if ( is_string( $kept ) ) {
		return $kept;
	}
	if ( false !== $kept ) {
		return ks_valgloftet_backup( $backup ); // A recent failure.
	}
	$response = wp_remote_get(
		$url,
		array(
			'timeout'     => 2,
			'redirection' => 0,
		)
	);
	$markup = '';
	if ( ! is_wp_error( $response ) && 200 === (int) wp_remote_retrieve_response_code( $response ) ) {
		$markup = ks_valgloftet_sanitise( wp_remote_retrieve_body( $response ) );
	}
	if ( '' === $markup ) {
		set_transient( $transient, 0, KS_VALGLOFTET_FAILURE_TTL );
		return ks_valgloftet_backup( $backup );
	}
	set_transient( $transient, $markup, KS_VALGLOFTET_MARKUP_TTL );
	set_transient( $backup, $markup, WEEK_IN_SECONDS );
	return $markup;
}

/**
 * The week-long copy of the markup, or '' when there is none.
 *
 * @param string $backup The copy's transient name.
 */
function ks_valgloftet_backup( string $backup ): string {
	$copy = get_transient( $backup );
	return is_string( $copy ) ? $copy : '';
}

/**
 * The elements and attributes the service's markup has, and no more.
 */
function ks_valgloftet_allowed_html(): array {
	$common = array(
		'class'           => true,
		'part'            => true,
		'id'              => true,
		'lang'            => true,
		'role'            => true,
		'hidden'          => true,
		'aria-labelledby' => true,
		'aria-live'       => true,
		'aria-hidden'     => true,
	);
	return array(
		'ks-valgloftet' => array(
			'lang'       => true,
			'api'        => true,
			'no-counter' => true,
			'no-form'    => true,
		),
		'template'      => array(
			'shadowroot'     => true,
			'shadowrootmode' => true,
		),
		'style'         => array(),
		'article'       => $common,
		'section'       => $common,
		'div'           => $common + array( 'data-state' => true ),
		'h2'            => $common,
		'h3'            => $common,
		'p'             => $common,
		'span'          => $common,
		'ul'            => $common,
		'li'            => $common,
		'slot'          => array( 'name' => true ),
		'a'             => $common + array( 'href' => true ),
		'button'        => $common + array(
			'type'          => true,
			'aria-expanded' => true,
			'aria-controls' => true,
			'aria-label'    => true,
			'aria-pressed'  => true,
		),
		'strong'        => array(),
		'em'            => array(),
		'br'            => array(),
	);
}

/**
 * The service's markup made safe: one <ks-valgloftet> element, only the elements and attributes
 * it has, links http or https only, and its CSS kept as it is unless it could leave <style>.
 * '' when the body is not the widget's markup.
 *
 * @param string $body The body of GET /api/markup.
 */
function ks_valgloftet_sanitise( string $body ): string {
	$body = trim( $body );
	if ( ! str_starts_with( $body, '<ks-valgloftet' ) || ! str_ends_with( $body, '</ks-valgloftet>' ) ) {
		return '';
	}
	// wp_kses would escape the CSS's '>' (child selectors) and cut what looks like tags: the style
	// sheets are set aside and put back after, and refused if they could close their element.
	$opened = preg_match_all( '#<style\b#i', $body );
	$closed = preg_match_all( '#</style\b#i', $body );
	if ( $opened !== $closed ) {
		return '';
	}
	$styles = array();
	$body   = preg_replace_callback(
		'#<style\b[^>]*>(.*?)</style>#is',
		static function ( array $match ) use ( &$styles ): string {
			$styles[] = $match[1];
			return '<style>' . ( count( $styles ) - 1 ) . '</style>';
		},
		$body
	);
	if ( ! is_string( $body ) || count( $styles ) !== $opened ) {
		return '';
	}
	foreach ( $styles as $css ) {
		if ( str_contains( $css, '<' ) ) {
			return '';
		}
	}
	$clean = wp_kses( $body, ks_valgloftet_allowed_html(), array( 'http', 'https' ) );
	$clean = preg_replace_callback(
		'#<style>(\d+)</style>#',
		static fn ( array $match ): string => '<style>' . ( $styles[ (int) $match[1] ] ?? '' ) . '</style>',
		$clean
	);
	return is_string( $clean ) && str_starts_with( $clean, '<ks-valgloftet' ) ? $clean : '';
}

/**
 * Puts the widget's loader (the plugin's own copy, assets.php) in the footer, deferred, once per page.
 */
function ks_valgloftet_enqueue_loader(): void {
	if ( wp_script_is( 'ks-valgloftet-loader', 'registered' ) ) {
		wp_enqueue_script( 'ks-valgloftet-loader' );
	}
}
