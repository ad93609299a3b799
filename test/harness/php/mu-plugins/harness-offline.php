<?php
/**
 * Test harness only: the test machines have no internet. WordPress's update and translation checks
 * would each fail and log "could not establish a secure connection to WordPress.org" as a PHP
 * warning, drowning the warnings that matter. Answer them locally with an empty 503 instead.
 */
add_filter(
	'pre_http_request',
	static function ( $preempt, $args, $url ) {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( preg_match( '/(^|\.)(wordpress\.org|w\.org|gravatar\.com)$/', $host ) ) {
			return array(
				'headers'  => array(),
				'body'     => '',
				'response' => array( 'code' => 503, 'message' => 'Offline test site' ),
				'cookies'  => array(),
				'filename' => null,
			);
		}
		return $preempt;
	},
	10,
	3
);

// The dashboard's "WordPress Events and News" box fetches two feeds; SimplePie warns about the offline answer.
add_action(
	'wp_dashboard_setup',
	static function () {
		remove_meta_box( 'dashboard_primary', 'dashboard', 'side' );
	}
);
