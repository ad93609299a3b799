// Names of WooCommerce statuses, order sources, sync states and connection problems, in the user's language.
import { __, sprintf } from '@wordpress/i18n';

import type { OrderSource, SyncState } from '../api/orders-types';

/** The WooCommerce statuses a store can count as "to invoice". */
export const WOO_STATUSES = [
	'pending',
	'processing',
	'on-hold',
	'completed',
	'cancelled',
	'refunded',
	'failed',
	'checkout-draft',
] as const;

export function wooStatusLabel( status: string ): string {
	switch ( status ) {
		case 'pending':
			return __( 'Pending payment', 'cuadra' );
		case 'processing':
			return __( 'Processing', 'cuadra' );
		case 'on-hold':
			return __( 'On hold', 'cuadra' );
		case 'completed':
			return __( 'Completed', 'cuadra' );
		case 'cancelled':
			return __( 'Cancelled', 'cuadra' );
		case 'refunded':
			return __( 'Refunded', 'cuadra' );
		case 'failed':
			return __( 'Failed', 'cuadra' );
		case 'checkout-draft':
			return __( 'Checkout draft', 'cuadra' );
	}
	return status;
}

export const ORDER_SOURCES: OrderSource[] = [ 'api', 'webhook', 'mail', 'push' ];

export function sourceLabel( source: OrderSource ): string {
	switch ( source ) {
		case 'api':
			return __( 'API', 'cuadra' );
		case 'webhook':
			return __( 'Webhook', 'cuadra' );
		case 'mail':
			return __( 'E-mail', 'cuadra' );
		case 'push':
			return __( 'This site', 'cuadra' );
	}
	return source;
}

export function syncStateLabel( state: SyncState ): string {
	switch ( state ) {
		case 'idle':
			return __( 'Not synced yet', 'cuadra' );
		case 'queued':
			return __( 'Waiting to start', 'cuadra' );
		case 'running':
			return __( 'Syncing', 'cuadra' );
		case 'done':
			return __( 'Up to date', 'cuadra' );
		case 'failed':
			return __( 'Failed', 'cuadra' );
		case 'interrupted':
			return __( 'Interrupted (resumes by itself)', 'cuadra' );
		case 'cancelled':
			return __( 'Cancelled', 'cuadra' );
	}
	return state;
}

/**
 * Seconds → "2 h 5 min", "3 min", "40 s".
 *
 * @param seconds Time left.
 */
export function durationLabel( seconds: number ): string {
	const total = Math.max( 0, Math.round( seconds ) );
	if ( total < 60 ) {
		/* translators: %d: seconds */
		return sprintf( __( '%d s', 'cuadra' ), total );
	}
	const minutes = Math.round( total / 60 );
	if ( minutes < 60 ) {
		/* translators: %d: minutes */
		return sprintf( __( '%d min', 'cuadra' ), minutes );
	}
	/* translators: 1: hours, 2: minutes */
	return sprintf( __( '%1$d h %2$d min', 'cuadra' ), Math.floor( minutes / 60 ), minutes % 60 );
}

/**
 * What a failed connection test means and what to do about it.
 *
 * @param code     The service's code.
 * @param fallback The service's English message.
 */
export function connectionProblemLabel( code: string, fallback: string ): string {
	switch ( code ) {
		case 'WRONG_KEYS':
			return __( 'The store rejected the consumer key and secret. Create a new REST API key in WooCommerce → Settings → Advanced → REST API (Read permission) and paste both values again.', 'cuadra' );
		case 'AUTH_NOT_RECEIVED':
			return __( 'The keys did not reach WooCommerce: the web server or a proxy removes the Authorization header. Use the store over HTTPS, or ask your host to pass the Authorization header to PHP.', 'cuadra' );
		case 'NO_PERMISSION':
			return __( 'The keys are valid but cannot read orders. Give the REST API key Read (or Read/Write) permission.', 'cuadra' );
		case 'HTTPS_REQUIRED':
			return __( 'The store redirects http:// to https://. Write the store URL with https://.', 'cuadra' );
		case 'REDIRECTED':
			return __( 'The store redirects to another address. Write the final address of the store as its URL.', 'cuadra' );
		case 'UNREACHABLE':
			return __( 'The store could not be reached. Check the URL and that the site is online.', 'cuadra' );
		case 'TIMEOUT':
			return __( 'The store took too long to answer. Try again later.', 'cuadra' );
		case 'NOT_WOOCOMMERCE':
			return __( 'No WooCommerce REST API answers at this URL. Check that WooCommerce is active and that permalinks are not "Plain" (Settings → Permalinks).', 'cuadra' );
		case 'HTML_INSTEAD_OF_JSON':
			return __( 'The store answered with a web page instead of data: a security plugin, a maintenance mode or a cache may be blocking the REST API.', 'cuadra' );
		case 'TRUNCATED_JSON':
			return __( 'The store\'s answer was cut off. A PHP error or a memory limit on the store may be the cause.', 'cuadra' );
		case 'EMPTY_RESPONSE':
			return __( 'The store answered with nothing. Check the store\'s error log.', 'cuadra' );
		case 'URL_WITHOUT_SCHEME':
			return __( 'Write the store URL with https:// (or http://) at the start.', 'cuadra' );
		case 'INVALID_URL':
			return __( 'This is not a valid web address.', 'cuadra' );
		case 'NO_KEYS':
			return __( 'Enter the consumer key and secret of a WooCommerce REST API key first.', 'cuadra' );
	}
	return fallback;
}
