<?php
/**
 * The editor script's dependencies, read by register_block_type() for "file:./index.js" (there is
 * no build step to write this file).
 *
 * @package KsValgloftet
 */

defined( 'ABSPATH' ) || exit;

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-i18n', 'wp-server-side-render' ),
	'version'      => '0.2.0',
);
