import apiFetch from '@wordpress/api-fetch';

import type {
	Department,
	DepartmentInput,
	ReplyInput,
	TicketChange,
	TicketDetail,
	TicketFilter,
	TicketList,
	TicketMessage,
	TicketMetrics,
	TicketSummary,
} from './tickets-types';

const NAMESPACE = '/cuadra/v1';

/**
 * A path with the query values that are set.
 *
 * @param path  Route path.
 * @param query Query values; empty ones are left out.
 */
function withQuery( path: string, query: Record< string, string | number | undefined > ): string {
	const params = new URLSearchParams();
	for ( const [ name, value ] of Object.entries( query ) ) {
		if ( value !== undefined && value !== '' ) {
			params.set( name, String( value ) );
		}
	}
	const text = params.toString();
	return text ? `${ path }?${ text }` : path;
}

export function listDepartments(): Promise< { items: Department[] } > {
	return apiFetch< { items: Department[] } >( { path: `${ NAMESPACE }/departments` } );
}

export function createDepartment( input: DepartmentInput ): Promise< Department > {
	return apiFetch< Department >( { path: `${ NAMESPACE }/departments`, method: 'POST', data: input } );
}

export function updateDepartment( id: number, input: DepartmentInput ): Promise< Department > {
	return apiFetch< Department >( { path: `${ NAMESPACE }/departments/${ id }`, method: 'PUT', data: input } );
}

export function listTickets( filter: TicketFilter ): Promise< TicketList > {
	return apiFetch< TicketList >( { path: withQuery( `${ NAMESPACE }/tickets`, { ...filter } ) } );
}

export function fetchTicket( id: number ): Promise< TicketDetail > {
	return apiFetch< TicketDetail >( { path: `${ NAMESPACE }/tickets/${ id }` } );
}

export function changeTicket( id: number, change: TicketChange ): Promise< TicketSummary > {
	return apiFetch< TicketSummary >( { path: `${ NAMESPACE }/tickets/${ id }`, method: 'PUT', data: change } );
}

export function sendReply( id: number, input: ReplyInput ): Promise< TicketMessage > {
	return apiFetch< TicketMessage >( { path: `${ NAMESPACE }/tickets/${ id }/replies`, method: 'POST', data: input } );
}

export function addNote( id: number, body: string ): Promise< TicketMessage > {
	return apiFetch< TicketMessage >( { path: `${ NAMESPACE }/tickets/${ id }/notes`, method: 'POST', data: { body } } );
}

export function fetchTicketMetrics( from: string, to: string ): Promise< TicketMetrics > {
	return apiFetch< TicketMetrics >( { path: withQuery( `${ NAMESPACE }/tickets/metrics`, { from, to } ) } );
}
