import apiFetch from '@wordpress/api-fetch';

import type {
	Customer,
	CustomerInput,
	DraftInput,
	Invoice,
	InvoiceFilter,
	InvoicePage,
	Page,
	VerifactuChainCheck,
} from './billing-types';

const NAMESPACE = '/cuadra/v1';

/**
 * A path with a query string of the filters that are set, so the service sees only what the user chose.
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

export function searchCustomers( query: {
	search?: string;
	page?: number;
	per_page?: number;
} ): Promise< Page< Customer > > {
	return apiFetch< Page< Customer > >( {
		path: withQuery( `${ NAMESPACE }/customers`, query ),
	} );
}

export function fetchCustomer( id: number ): Promise< Customer > {
	return apiFetch< Customer >( { path: `${ NAMESPACE }/customers/${ id }` } );
}

export function createCustomer( input: CustomerInput ): Promise< Customer > {
	return apiFetch< Customer >( {
		path: `${ NAMESPACE }/customers`,
		method: 'POST',
		data: input,
	} );
}

export function updateCustomer(
	id: number,
	input: CustomerInput
): Promise< Customer > {
	return apiFetch< Customer >( {
		path: `${ NAMESPACE }/customers/${ id }`,
		method: 'PUT',
		data: input,
	} );
}

export function listInvoices( filter: InvoiceFilter ): Promise< InvoicePage > {
	return apiFetch< InvoicePage >( {
		path: withQuery( `${ NAMESPACE }/invoices`, { ...filter } ),
	} );
}

export function fetchInvoice( id: number ): Promise< Invoice > {
	return apiFetch< Invoice >( { path: `${ NAMESPACE }/invoices/${ id }` } );
}

export function createDraft( draft: DraftInput ): Promise< Invoice > {
	return apiFetch< Invoice >( {
		path: `${ NAMESPACE }/invoices`,
		method: 'POST',
		data: draft,
	} );
}

export function updateDraft( id: number, draft: DraftInput ): Promise< Invoice > {
	return apiFetch< Invoice >( {
		path: `${ NAMESPACE }/invoices/${ id }`,
		method: 'PUT',
		data: draft,
	} );
}

export function deleteDraft( id: number ): Promise< unknown > {
	return apiFetch( {
		path: `${ NAMESPACE }/invoices/${ id }`,
		method: 'DELETE',
	} );
}

export type InvoiceAction = 'issue' | 'mark-paid' | 'cancel';

export function runInvoiceAction(
	id: number,
	action: InvoiceAction
): Promise< Invoice > {
	return apiFetch< Invoice >( {
		path: `${ NAMESPACE }/invoices/${ id }/${ action }`,
		method: 'POST',
	} );
}

export function verifyVerifactuChain(): Promise< VerifactuChainCheck > {
	return apiFetch< VerifactuChainCheck >( {
		path: `${ NAMESPACE }/verifactu/chain`,
	} );
}

export interface InvoiceEmail {
	id: number;
	status: 'pending' | 'sent' | 'failed';
	attempts: number;
	last_error: string | null;
	message_id: string | null;
	sent_at: string | null;
	created_at: string;
}

export function fetchInvoiceEmails( id: number ): Promise< { emails: InvoiceEmail[] } > {
	return apiFetch< { emails: InvoiceEmail[] } >( {
		path: `${ NAMESPACE }/invoices/${ id }/emails`,
	} );
}

export function sendInvoice( id: number, to: string[] ): Promise< { emails: InvoiceEmail[] } > {
	return apiFetch< { emails: InvoiceEmail[] } >( {
		path: `${ NAMESPACE }/invoices/${ id }/send`,
		method: 'POST',
		data: to.length ? { to } : {},
	} );
}

export interface InvoiceSeriesDefinition {
	id?: number;
	code: string;
	prefix: string;
	reset: 'yearly' | 'never';
	padding: number;
	kind: 'ordinary' | 'rectifying' | 'simplified';
}

export function listInvoiceSeries(): Promise< { items: InvoiceSeriesDefinition[] } > {
	return apiFetch< { items: InvoiceSeriesDefinition[] } >( {
		path: `${ NAMESPACE }/invoice-series`,
	} );
}

export function createInvoiceSeries(
	series: InvoiceSeriesDefinition
): Promise< InvoiceSeriesDefinition > {
	return apiFetch< InvoiceSeriesDefinition >( {
		path: `${ NAMESPACE }/invoice-series`,
		method: 'POST',
		data: series,
	} );
}
