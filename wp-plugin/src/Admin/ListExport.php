<?php
/**
 * Streams a marketing list's CSV export from the service to the browser.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * The export holds personal data and consent records: it never gets a public URL. A link opens it
 * through admin-post.php with a nonce and cuadra_support, and it is always downloaded.
 */
final class ListExport {

	const ACTION = 'cuadra_list_export';

	/**
	 * Registers the admin-post handler.
	 */
	public function register() {
		add_action( 'admin_post_' . self::ACTION, array( $this, 'stream' ) );
	}

	/**
	 * The download URL without the list; the admin app appends `&list=…`.
	 *
	 * @return string
	 */
	public static function base_url() {
		return wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ACTION ), self::ACTION );
	}

	/**
	 * admin_post_cuadra_list_export: checks, fetches and sends the CSV file.
	 */
	public function stream() {
		if ( ! current_user_can( Capabilities::SUPPORT ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to see lists.', 'cuadra' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::ACTION );
		$list = isset( $_GET['list'] ) ? absint( wp_unslash( $_GET['list'] ) ) : 0;
		if ( $list < 1 ) {
			wp_die( esc_html__( 'Choose a list to export.', 'cuadra' ), '', array( 'response' => 400 ) );
		}

		$response = ( new ServiceClient() )->request( 'GET', '/lists/' . $list . '/export.csv', '', '', 120 );
		if ( is_wp_error( $response ) ) {
			wp_die(
				esc_html( $response->get_error_message() ),
				'',
				array(
					'response'  => 502,
					'back_link' => true,
				)
			);
		}
		if ( 200 !== $response['status'] ) {
			$message = 404 === $response['status']
				? __( 'This list does not exist any more.', 'cuadra' )
				: __( 'The Cuadra service could not export the list. Try again in a moment.', 'cuadra' );
			wp_die(
				esc_html( $message ),
				'',
				array(
					'response'  => $response['status'] >= 400 ? $response['status'] : 502,
					'back_link' => true,
				)
			);
		}

		nocache_headers();
		header( 'Content-Type: text/csv; charset=utf-8' );
		header( 'Content-Disposition: attachment; filename="list-' . $list . '-' . gmdate( 'Y-m-d' ) . '.csv"' );
		header( 'Content-Length: ' . strlen( $response['body'] ) );
		header( 'X-Content-Type-Options: nosniff' );
		header( "Content-Security-Policy: default-src 'none'; sandbox" );
		echo $response['body']; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- the CSV file's bytes (cells already guarded against formulas by the service), sent as a download.
		exit;
	}
}
