<?php
/**
 * Streams an invoice's PDF from the service to the browser.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * A plain link can open a PDF (the REST API would need a header a link cannot send), so the
 * download goes through admin-post.php with a nonce and the billing capability.
 */
final class InvoicePdf {

	const ACTION = 'cuadra_invoice_pdf';

	/**
	 * Registers the admin-post handler.
	 */
	public function register() {
		add_action( 'admin_post_' . self::ACTION, array( $this, 'stream' ) );
	}

	/**
	 * The download URL without the invoice id; the admin app appends `&id=`.
	 *
	 * @return string
	 */
	public static function base_url() {
		return wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ACTION ), self::ACTION );
	}

	/**
	 * admin_post_cuadra_invoice_pdf: checks, fetches and sends the PDF.
	 */
	public function stream() {
		if ( ! current_user_can( Capabilities::BILLING ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to see invoices.', 'cuadra' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::ACTION );
		$id = isset( $_GET['id'] ) ? absint( wp_unslash( $_GET['id'] ) ) : 0;
		if ( $id < 1 ) {
			wp_die( esc_html__( 'Choose an invoice.', 'cuadra' ), '', array( 'response' => 400 ) );
		}

		$response = ( new ServiceClient() )->request( 'GET', '/invoices/' . $id . '/pdf', '', '', 60 );
		if ( is_wp_error( $response ) ) {
			wp_die( esc_html( $response->get_error_message() ), '', array( 'response' => 502, 'back_link' => true ) );
		}
		if ( 200 !== $response['status'] || 0 !== strpos( $response['body'], '%PDF-' ) ) {
			$data    = json_decode( $response['body'], true );
			$message = isset( $data['errors'][0]['code'] ) && 'INVOICE_NOT_ISSUED' === $data['errors'][0]['code']
				? __( 'Drafts have no PDF yet: issue the invoice first.', 'cuadra' )
				: __( 'The Cuadra service could not produce the PDF. Try again in a moment.', 'cuadra' );
			wp_die( esc_html( $message ), '', array( 'response' => 200 === $response['status'] ? 502 : $response['status'], 'back_link' => true ) );
		}

		$filename = 'invoice-' . $id . '.pdf';
		if ( isset( $response['headers']['content-disposition'] ) && preg_match( '/filename="([A-Za-z0-9._\/ -]+)"/', $response['headers']['content-disposition'], $m ) ) {
			$filename = str_replace( '/', '-', $m[1] );
		}
		nocache_headers();
		header( 'Content-Type: application/pdf' );
		header( 'Content-Disposition: inline; filename="' . $filename . '"' );
		header( 'Content-Length: ' . strlen( $response['body'] ) );
		header( 'X-Content-Type-Options: nosniff' );
		echo $response['body']; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- binary PDF bytes.
		exit;
	}
}
