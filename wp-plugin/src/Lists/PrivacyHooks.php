<?php
/**
 * Tools → Export / Erase Personal Data: what the Cuadra service holds about an e-mail address.
 *
 * @package Cuadra
 */

namespace Cuadra\Lists;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;
use Cuadra\Service\SystemUser;

defined( 'ABSPATH' ) || exit;

/**
 * Registers an exporter and an eraser with WordPress's privacy tools. Both call the service
 * (GET /contacts/personal-data, POST /contacts/erase); invoices and the customer they name are kept,
 * because Spanish law requires them, and the eraser says so.
 */
final class PrivacyHooks {

	const KEY = 'cuadra';

	/** Seconds: an export or erasure may touch many tickets. */
	const TIMEOUT = 30;

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the hooks.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Adds the exporter and the eraser.
	 */
	public function register() {
		add_filter( 'wp_privacy_personal_data_exporters', array( $this, 'add_exporter' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( $this, 'add_eraser' ) );
	}

	/**
	 * Filter: wp_privacy_personal_data_exporters.
	 *
	 * @param array<string, array<string, mixed>> $exporters Registered exporters.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_exporter( $exporters ) {
		$exporters[ self::KEY ] = array(
			'exporter_friendly_name' => __( 'Cuadra contacts, lists and tickets', 'cuadra' ),
			'callback'               => array( $this, 'export' ),
		);
		return $exporters;
	}

	/**
	 * Filter: wp_privacy_personal_data_erasers.
	 *
	 * @param array<string, array<string, mixed>> $erasers Registered erasers.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_eraser( $erasers ) {
		$erasers[ self::KEY ] = array(
			'eraser_friendly_name' => __( 'Cuadra contacts, lists and tickets', 'cuadra' ),
			'callback'             => array( $this, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * Who the service sees: the person running the privacy tool when they hold a Cuadra capability
	 * that covers contacts, otherwise a system identity for this one purpose (WordPress has already
	 * checked export_others_personal_data / erase_others_personal_data before calling us).
	 *
	 * @return SystemUser|null Null signs as the current user.
	 */
	private static function signer() {
		if ( current_user_can( Capabilities::SUPPORT ) || current_user_can( Capabilities::MANAGE ) ) {
			return null;
		}
		return new SystemUser( 'cuadra-privacy-tools', array( Capabilities::SUPPORT ) );
	}

	/**
	 * Exporter callback: one page with everything.
	 *
	 * @param string $email_address The person's address.
	 * @param int    $page          Page number (one page is all there is).
	 * @return array{data: array<int, array<string, mixed>>, done: bool}|\WP_Error
	 */
	public function export( $email_address, $page = 1 ) {
		unset( $page );
		if ( ! current_user_can( 'export_others_personal_data' ) ) {
			return new \WP_Error( 'cuadra_privacy_forbidden', __( 'You are not allowed to export personal data.', 'cuadra' ) );
		}
		$response = $this->client->request( 'GET', '/contacts/personal-data', 'email=' . rawurlencode( (string) $email_address ), '', self::TIMEOUT, self::signer() );
		$data     = self::decode( $response );
		if ( is_wp_error( $data ) ) {
			return $data;
		}

		$items = array();
		foreach ( (array) ( $data['contacts'] ?? array() ) as $contact ) {
			$items[] = self::item(
				'cuadra-contacts',
				__( 'Cuadra contacts', 'cuadra' ),
				'cuadra-contact-' . (int) $contact['id'],
				array(
					__( 'Name', 'cuadra' )        => $contact['name'] ?? '',
					__( 'E-mail', 'cuadra' )      => $contact['email'] ?? '',
					__( 'Phone', 'cuadra' )       => $contact['phone'] ?? '',
					__( 'Tax ID', 'cuadra' )      => $contact['tax_id'] ?? '',
					__( 'Address', 'cuadra' )     => trim( ( $contact['address_line'] ?? '' ) . ' ' . ( $contact['postal_code'] ?? '' ) . ' ' . ( $contact['city'] ?? '' ) ),
					__( 'Notes', 'cuadra' )       => $contact['notes'] ?? '',
					__( 'First seen', 'cuadra' )  => $contact['created_at'] ?? '',
				)
			);
		}
		foreach ( (array) ( $data['list_memberships'] ?? array() ) as $membership ) {
			$consent = (array) ( $membership['consent'] ?? array() );
			$items[] = self::item(
				'cuadra-lists',
				__( 'Cuadra mailing lists', 'cuadra' ),
				'cuadra-list-' . (int) ( $membership['list']['id'] ?? 0 ),
				array(
					__( 'List', 'cuadra' )               => $membership['list']['name'] ?? '',
					__( 'Status', 'cuadra' )             => $membership['status'] ?? '',
					__( 'Consent text', 'cuadra' )       => $consent['text'] ?? '',
					__( 'Consent version', 'cuadra' )    => $consent['version'] ?? '',
					__( 'Consent given at', 'cuadra' )   => $consent['consented_at'] ?? '',
					__( 'Consent IP address', 'cuadra' ) => $consent['ip'] ?? '',
					__( 'Browser', 'cuadra' )            => $consent['user_agent'] ?? '',
					__( 'Confirmed at', 'cuadra' )       => $membership['confirmed_at'] ?? '',
					__( 'Unsubscribed at', 'cuadra' )    => $membership['unsubscribed_at'] ?? '',
				)
			);
		}
		foreach ( (array) ( $data['tickets'] ?? array() ) as $ticket ) {
			$thread = array();
			foreach ( (array) ( $ticket['messages'] ?? array() ) as $message ) {
				$thread[] = ( $message['created_at'] ?? '' ) . ' — ' . ( $message['author'] ?? '' ) . "\n" . ( $message['body_text'] ?? '' );
			}
			$items[] = self::item(
				'cuadra-tickets',
				__( 'Cuadra support tickets', 'cuadra' ),
				'cuadra-ticket-' . (int) $ticket['id'],
				array(
					__( 'Ticket', 'cuadra' )   => '#' . (int) $ticket['id'],
					__( 'Subject', 'cuadra' )  => $ticket['subject'] ?? '',
					__( 'Status', 'cuadra' )   => $ticket['status'] ?? '',
					__( 'Opened', 'cuadra' )   => $ticket['created_at'] ?? '',
					__( 'Messages', 'cuadra' ) => implode( "\n\n", $thread ),
				)
			);
		}
		foreach ( (array) ( $data['invoices'] ?? array() ) as $invoice ) {
			$items[] = self::item(
				'cuadra-invoices',
				__( 'Cuadra invoices', 'cuadra' ),
				'cuadra-invoice-' . (int) $invoice['id'],
				array(
					__( 'Invoice', 'cuadra' ) => $invoice['number'] ?? __( 'Draft', 'cuadra' ),
					__( 'Date', 'cuadra' )    => $invoice['issue_date'] ?? '',
					__( 'Status', 'cuadra' )  => $invoice['status'] ?? '',
				)
			);
		}
		return array(
			'data' => $items,
			'done' => true,
		);
	}

	/**
	 * Eraser callback: erases in one go and reports what the law makes us keep.
	 *
	 * @param string $email_address The person's address.
	 * @param int    $page          Page number (one page is all there is).
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}|\WP_Error
	 */
	public function erase( $email_address, $page = 1 ) {
		unset( $page );
		if ( ! current_user_can( 'erase_others_personal_data' ) ) {
			return new \WP_Error( 'cuadra_privacy_forbidden', __( 'You are not allowed to erase personal data.', 'cuadra' ) );
		}
		$response = $this->client->request( 'POST', '/contacts/erase', '', (string) wp_json_encode( array( 'email' => (string) $email_address ) ), self::TIMEOUT, self::signer() );
		$data     = self::decode( $response );
		if ( is_wp_error( $data ) ) {
			return $data;
		}
		$erased   = (array) ( $data['erased'] ?? array() );
		$retained = (array) ( $data['retained'] ?? array() );
		$messages = array();
		$invoices = 0;
		foreach ( $retained as $entry ) {
			if ( isset( $entry['what'] ) && 'invoices' === $entry['what'] ) {
				$invoices += (int) ( $entry['count'] ?? 0 );
			}
		}
		if ( ! empty( $retained ) ) {
			$messages[] = sprintf(
				/* translators: %d: number of invoices. */
				_n(
					'Cuadra kept the customer record and %d invoice: invoices must be kept by law.',
					'Cuadra kept the customer record and %d invoices: invoices must be kept by law.',
					$invoices,
					'cuadra'
				),
				$invoices
			);
		}
		return array(
			'items_removed'  => array_sum( array_map( 'intval', $erased ) ) > 0,
			'items_retained' => ! empty( $retained ),
			'messages'       => $messages,
			'done'           => true,
		);
	}

	/**
	 * One export item in WordPress's shape; empty values are left out.
	 *
	 * @param string               $group_id    Group id.
	 * @param string               $group_label Group label.
	 * @param string               $item_id     Item id.
	 * @param array<string, mixed> $fields      Label → value.
	 * @return array<string, mixed>
	 */
	private static function item( $group_id, $group_label, $item_id, array $fields ) {
		$data = array();
		foreach ( $fields as $name => $value ) {
			if ( null === $value || '' === $value ) {
				continue;
			}
			$data[] = array(
				'name'  => $name,
				'value' => is_scalar( $value ) ? (string) $value : (string) wp_json_encode( $value ),
			);
		}
		return array(
			'group_id'    => $group_id,
			'group_label' => $group_label,
			'item_id'     => $item_id,
			'data'        => $data,
		);
	}

	/**
	 * The service's JSON answer, or an error the privacy screen can show.
	 *
	 * @param array{status: int, body: string}|\WP_Error $response The response.
	 * @return array<string, mixed>|\WP_Error
	 */
	private static function decode( $response ) {
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$data = json_decode( $response['body'], true );
		if ( 200 !== $response['status'] || ! is_array( $data ) ) {
			return new \WP_Error(
				'cuadra_privacy_failed',
				/* translators: %d: HTTP status code. */
				sprintf( __( 'The Cuadra service could not answer the privacy request (HTTP %d). Try again later.', 'cuadra' ), (int) $response['status'] )
			);
		}
		return $data;
	}
}
