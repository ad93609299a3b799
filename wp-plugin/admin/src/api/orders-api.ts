import apiFetch from '@wordpress/api-fetch';

import type {
	ConnectionTestResult,
	OrderDecisions,
	OrderDetail,
	OrderFilter,
	OrderInvoiceDraft,
	OrderPage,
	Store,
	StoreInput,
} from './orders-types';

const NAMESPACE = '/cuadra/v1';

/**
 * A path with the query values that are set.
 *
 * @param path  Route path.
 * @param query Query values; empty ones are left out.
 */
function withQuery(
	path: string,
	query: Record< string, string | number | undefined >
): string {
	const params = new URLSearchParams();
	for ( const [ name, value ] of Object.entries( query ) ) {
		if ( value !== undefined && value !== '' ) {
			params.set( name, String( value ) );
		}
	}
	const text = params.toString();
	return text ? `${ path }?${ text }` : path;
}

export function listStores(): Promise< { items: Store[] } > {
	return apiFetch< { items: Store[] } >( { path: `${ NAMESPACE }/stores` } );
}

export function createStore( input: StoreInput ): Promise< Store > {
	return apiFetch< Store >( { path: `${ NAMESPACE }/stores`, method: 'POST', data: input } );
}

export function updateStore( id: number, input: StoreInput ): Promise< Store > {
	return apiFetch< Store >( { path: `${ NAMESPACE }/stores/${ id }`, method: 'PUT', data: input } );
}

export function deleteStore( id: number ): Promise< unknown > {
	return apiFetch( { path: `${ NAMESPACE }/stores/${ id }`, method: 'DELETE' } );
}

/** URL and keys typed but not saved yet, tried instead of the stored ones. */
export type UnsavedConnection = { url?: string; consumer_key?: string; consumer_secret?: string };

/**
 * Tries the store's saved settings, or the unsaved ones given.
 *
 * @param id      Store id.
 * @param unsaved URL and keys typed but not saved yet.
 */
export function testStoreConnection(
	id: number,
	unsaved: UnsavedConnection = {}
): Promise< ConnectionTestResult > {
	return apiFetch< ConnectionTestResult >( {
		path: `${ NAMESPACE }/stores/${ id }/test-connection`,
		method: 'POST',
		data: unsaved,
	} );
}

export function newWebhookSecret( id: number ): Promise< { webhook_secret: string } > {
	return apiFetch< { webhook_secret: string } >( {
		path: `${ NAMESPACE }/stores/${ id }/webhook-secret`,
		method: 'POST',
	} );
}

export function startSync( id: number, options: { from?: string; restart?: boolean } = {} ): Promise< Store > {
	return apiFetch< Store >( { path: `${ NAMESPACE }/stores/${ id }/sync`, method: 'POST', data: options } );
}

export function cancelSync( id: number ): Promise< Store > {
	return apiFetch< Store >( { path: `${ NAMESPACE }/stores/${ id }/sync/cancel`, method: 'POST' } );
}

export function findOrderByNumber( storeId: number, number: string ): Promise< OrderDetail > {
	return apiFetch< OrderDetail >( {
		path: `${ NAMESPACE }/stores/${ storeId }/orders/by-number/${ encodeURIComponent( number ) }`,
	} );
}

export function listOrders( filter: OrderFilter ): Promise< OrderPage > {
	return apiFetch< OrderPage >( { path: withQuery( `${ NAMESPACE }/orders`, { ...filter } ) } );
}

export function fetchOrder( id: number ): Promise< OrderDetail > {
	return apiFetch< OrderDetail >( { path: `${ NAMESPACE }/orders/${ id }` } );
}

export function setOrderIgnored( id: number, ignored: boolean ): Promise< OrderDetail > {
	return apiFetch< OrderDetail >( {
		path: `${ NAMESPACE }/orders/${ id }/${ ignored ? 'ignore' : 'unignore' }`,
		method: 'POST',
	} );
}

export function createInvoiceFromOrder( id: number, decisions: OrderDecisions ): Promise< OrderInvoiceDraft > {
	return apiFetch< OrderInvoiceDraft >( {
		path: `${ NAMESPACE }/orders/${ id }/invoice-draft`,
		method: 'POST',
		data: { decisions },
	} );
}
