<?php
/**
 * Streams a ticket attachment from the service to the browser.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * Attachments are customers' files: they are never given a public URL. A link opens them through
 * admin-post.php with a nonce and cuadra_support, and they are always downloaded, never shown inline
 * (an HTML or SVG file from a stranger must not run in the admin's origin).
 */
final class TicketAttachment {

	const ACTION = 'cuadra_ticket_attachment';

	/**
	 * Registers the admin-post handler.
	 */
	public function register() {
		add_action( 'admin_post_' . self::ACTION, array( $this, 'stream' ) );
	}

	/**
	 * The download URL without ids; the admin app appends `&ticket=…&attachment=…`.
	 *
	 * @return string
	 */
	public static function base_url() {
		return wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ACTION ), self::ACTION );
	}

	/**
	 * admin_post_cuadra_ticket_attachment: checks, fetches and sends the file.
	 */
	public function stream() {
		if ( ! current_user_can( Capabilities::SUPPORT ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to see tickets.', 'cuadra' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::ACTION );
		$ticket     = isset( $_GET['ticket'] ) ? absint( wp_unslash( $_GET['ticket'] ) ) : 0;
		$attachment = isset( $_GET['attachment'] ) ? absint( wp_unslash( $_GET['attachment'] ) ) : 0;
		if ( $ticket < 1 || $attachment < 1 ) {
			wp_die( esc_html__( 'Choose an attachment of a ticket.', 'cuadra' ), '', array( 'response' => 400 ) );
		}

		$response = ( new ServiceClient() )->request( 'GET', '/tickets/' . $ticket . '/attachments/' . $attachment, '', '', 60 );
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
				? __( 'This attachment does not exist on this ticket.', 'cuadra' )
				: __( 'The Cuadra service could not send the attachment. Try again in a moment.', 'cuadra' );
			wp_die(
				esc_html( $message ),
				'',
				array(
					'response'  => $response['status'] >= 400 ? $response['status'] : 502,
					'back_link' => true,
				)
			);
		}

		$type        = isset( $response['headers']['content-type'] ) && preg_match( '#^[a-z0-9!\#$&^_.+-]+/[a-z0-9!\#$&^_.+-]+#i', $response['headers']['content-type'], $m ) ? strtolower( $m[0] ) : 'application/octet-stream';
		$disposition = 'attachment; filename="attachment-' . $attachment . '"';
		// The service sends an ASCII fallback and the exact UTF-8 name (RFC 6266); both are passed on when well-formed.
		if ( isset( $response['headers']['content-disposition'] ) && preg_match( '/^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"(; filename\*=UTF-8\'\'[A-Za-z0-9%!#$&+.^_`|~-]+)?$/', $response['headers']['content-disposition'] ) ) {
			$disposition = $response['headers']['content-disposition'];
		}
		nocache_headers();
		header( 'Content-Type: ' . $type );
		header( 'Content-Disposition: ' . $disposition );
		header( 'Content-Length: ' . strlen( $response['body'] ) );
		header( 'X-Content-Type-Options: nosniff' );
		header( "Content-Security-Policy: default-src 'none'; sandbox" );
		echo $response['body']; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- the file's bytes, sent as a download.
		exit;
	}
}
