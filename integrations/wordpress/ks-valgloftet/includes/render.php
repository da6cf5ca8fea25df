<?php
/**
 * ks_valgloftet_render(): the widget's server-rendered markup, fetched from the service, kept for
 * a while, sanitised by rules written for exactly this markup, and the loader script.
 *
 * A reader's page view never waits on the service for more than 2 seconds in all, however many
 * widgets the page has: each question has 1 second (KS_VALGLOFTET_ASK_TIMEOUT), none is asked once
 * the view has spent 1 second on the service (KS_VALGLOFTET_PAGE_BUDGET), and after a question
 * that went unanswered no view asks for KS_VALGLOFTET_DOWN_TTL seconds: only the first view after
 * the service stops answering waits at all, for 1 second. Without fresh markup a page shows the
 * last good copy, else the pledge's fallback: the element with a link to KS's page, which the
 * widget's script (served by the site, assets.php) fills with the pledge.
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

/** Seconds a fetched markup is fresh; after that the next view asks the service again. */
const KS_VALGLOFTET_MARKUP_TTL = 300;
/** Seconds the last good markup is kept, for the views while the service does not answer. */
const KS_VALGLOFTET_COPY_TTL = 7 * 24 * 3600;
/**
 * Seconds one question to the service may take. Whole seconds: WordPress's HTTP transport takes a
 * fraction as an int with a deprecation notice on PHP 8.
 */
const KS_VALGLOFTET_ASK_TIMEOUT = 1;
/** Seconds of waiting on the service after which a page view asks it no more. */
const KS_VALGLOFTET_PAGE_BUDGET = 1.0;
/** Seconds no page view asks the service after it failed to answer. */
const KS_VALGLOFTET_DOWN_TTL = 60;
/** The most of an answer that is read: the markup is some 30 KB. */
const KS_VALGLOFTET_MAX_MARKUP = 512 * 1024;

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
 * A campaign as the widget takes it: its id, lower-case letters, digits and hyphens, 1 to 32
 * characters (contract/campaign.ts, CAMPAIGN_ID), or '' when it is not one (then the widget shows
 * the service's current campaign). An id the service does not serve is kept: the service says so.
 *
 * @param mixed $value Any value.
 */
function ks_valgloftet_campaign( $value ): string {
	return is_string( $value ) && preg_match( '/^[a-z0-9][a-z0-9-]{0,31}$/D', trim( $value ) ) ? trim( $value ) : '';
}

/**
 * Options made whole and valid: lang nb|nn, counter and form bool, colours '' or #rrggbb,
 * municipality '' or an SSB code, campaign '' or an id.
 *
 * @param array $atts Options, possibly partial.
 * @return array{lang: string, counter: bool, form: bool, accent: string, background: string, color: string, municipality: string, campaign: string}
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
		'campaign'     => ks_valgloftet_campaign( $atts['campaign'] ?? '' ),
	);
}

/**
 * The pledge widget for a page. Never an error: without a service, KS's page as a link; with a
 * service that does not answer, the last good copy of its markup, else the element with a link to
 * KS's page, which the widget's script fills.
 *
 * @param array $atts Normalised options: lang ('nb'|'nn'), counter, form (bool), accent, background, color ('' or '#rrggbb'), municipality ('' or an SSB code), campaign ('' or an id).
 */
function ks_valgloftet_render( array $atts ): string {
	$options  = ks_valgloftet_normalise( $atts );
	$service  = ks_valgloftet_service();
	$nn       = 'nn' === $options['lang'];
	$campaign = $options['campaign'];
	// A campaign named: KS's page is Valgløftet 2023's, so the link names no campaign and goes to
	// the campaign's own page on the service.
	if ( '' === $campaign ) {
		$about = $nn ? 'Les om Valgløftet 2023 hjå KS' : 'Les om Valgløftet 2023 hos KS';
	} else {
		$about = $nn ? 'Les om løftet hjå KS' : 'Les om løftet hos KS';
	}
	if ( '' === $service ) {
		return sprintf(
			'<p class="ks-valgloftet-link"><a href="%s">%s</a></p>',
			esc_url( KS_VALGLOFTET_KS_PAGE ),
			esc_html( $about )
		);
	}
	$page = '' === $campaign ? KS_VALGLOFTET_KS_PAGE : $service . '/valgloftet/' . $campaign . ( $nn ? '/nn' : '' );

	ks_valgloftet_enqueue_loader();

	$markup = ks_valgloftet_fetch_markup( $service, $options );
	if ( '' === $markup ) {
		$markup = sprintf(
			'<ks-valgloftet lang="%s" api="%s"%s%s%s><a href="%s">%s</a></ks-valgloftet>',
			esc_attr( $options['lang'] ),
			esc_url( $service . '/api' ),
			$options['counter'] ? '' : ' no-counter',
			$options['form'] ? '' : ' no-form',
			'' === $campaign ? '' : ' campaign="' . esc_attr( $campaign ) . '"',
			esc_url( $page ),
			esc_html( $about )
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
	// The campaign (an id: letters, digits, hyphens) is the markup's own: its words and attribute.
	return $service . '/api/markup?lang=' . $options['lang']
		. ( empty( $options['campaign'] ) ? '' : '&campaign=' . $options['campaign'] )
		. ( $options['counter'] ? '' : '&no-counter' )
		. ( $options['form'] ? '' : '&no-form' );
}

/**
 * The service's markup for these options, sanitised, or '' when there is none to show: fresh for
 * KS_VALGLOFTET_MARKUP_TTL seconds, then asked for again within the page's budget, and kept as the
 * last good copy for a week to show while the service does not answer.
 *
 * @param string $service The service's base address.
 * @param array  $options Normalised options.
 */
function ks_valgloftet_fetch_markup( string $service, array $options ): string {
	$url  = ks_valgloftet_markup_url( $service, $options );
	$key  = KS_VALGLOFTET_TRANSIENT . md5( $url );
	$copy = ks_valgloftet_copy( $key );
	if ( null !== $copy && time() - $copy['fetched'] < KS_VALGLOFTET_MARKUP_TTL ) {
		return $copy['markup'];
	}
	$markup = ks_valgloftet_ask( $service, $url );
	if ( '' === $markup ) {
		return null === $copy ? '' : $copy['markup'];
	}
	set_transient(
		$key,
		array(
			'markup'  => $markup,
			'fetched' => time(),
		),
		KS_VALGLOFTET_COPY_TTL
	);
	return $markup;
}

/**
 * The kept markup and when it was fetched, or null when there is none. Anything else that may be
 * under the name (an older version's value, a cache's stray answer) is no copy.
 *
 * @param string $key The transient's name.
 * @return array{markup: string, fetched: int}|null
 */
function ks_valgloftet_copy( string $key ): ?array {
	$copy = get_transient( $key );
	if ( ! is_array( $copy ) || ! isset( $copy['markup'], $copy['fetched'] ) || ! is_string( $copy['markup'] ) || ! is_int( $copy['fetched'] ) ) {
		return null;
	}
	if ( ! str_starts_with( $copy['markup'], '<ks-valgloftet' ) || ! str_ends_with( $copy['markup'], '</ks-valgloftet>' ) ) {
		return null;
	}
	return $copy;
}

/**
 * Asks the service for markup, unless it failed to answer within the last KS_VALGLOFTET_DOWN_TTL
 * seconds or this page view has spent its KS_VALGLOFTET_PAGE_BUDGET. The sanitised markup, or ''.
 *
 * @param string $service The service's base address.
 * @param string $url     The markup's address on it.
 */
function ks_valgloftet_ask( string $service, string $url ): string {
	static $deadline = null;
	static $down     = array();
	$down_key = KS_VALGLOFTET_TRANSIENT . 'down_' . md5( $service );
	if ( isset( $down[ $service ] ) || 'down' === get_transient( $down_key ) ) {
		return '';
	}
	$deadline = $deadline ?? microtime( true ) + KS_VALGLOFTET_PAGE_BUDGET;
	if ( microtime( true ) >= $deadline ) {
		return ''; // This view has waited enough; the next one asks again.
	}
	$response = wp_remote_get(
		$url,
		array(
			'timeout'             => KS_VALGLOFTET_ASK_TIMEOUT,
			'redirection'         => 0,
			'limit_response_size' => KS_VALGLOFTET_MAX_MARKUP,
		)
	);
	$markup   = '';
	$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
	if ( 200 === $code ) {
		$markup = ks_valgloftet_sanitise( wp_remote_retrieve_body( $response ) );
	}
	// A 4xx is the service's answer to this question (a campaign it does not serve): it is up, and
	// the page's other widgets still ask it.
	if ( '' === $markup && ( $code < 400 || $code >= 500 ) ) {
		$down[ $service ] = true;
		set_transient( $down_key, 'down', KS_VALGLOFTET_DOWN_TTL );
	}
	return $markup;
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
			'campaign'   => true,
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
