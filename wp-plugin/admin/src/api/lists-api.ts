import apiFetch from '@wordpress/api-fetch';

import type { ListInput, ListMember, MarketingList, MemberFilter, MemberInput, MemberPage } from './lists-types';

const NAMESPACE = '/cuadra/v1';

export function listLists(): Promise< { items: MarketingList[] } > {
	return apiFetch< { items: MarketingList[] } >( { path: `${ NAMESPACE }/lists` } );
}

export function fetchList( id: number ): Promise< MarketingList > {
	return apiFetch< MarketingList >( { path: `${ NAMESPACE }/lists/${ id }` } );
}

export function createList( input: ListInput ): Promise< MarketingList > {
	return apiFetch< MarketingList >( { path: `${ NAMESPACE }/lists`, method: 'POST', data: input } );
}

export function updateList( id: number, input: ListInput ): Promise< MarketingList > {
	return apiFetch< MarketingList >( { path: `${ NAMESPACE }/lists/${ id }`, method: 'PUT', data: input } );
}

export function listMembers( id: number, filter: MemberFilter ): Promise< MemberPage > {
	const params = new URLSearchParams();
	for ( const [ name, value ] of Object.entries( filter ) ) {
		if ( value !== undefined && value !== '' ) {
			params.set( name, String( value ) );
		}
	}
	const query = params.toString();
	return apiFetch< MemberPage >( { path: `${ NAMESPACE }/lists/${ id }/members${ query ? `?${ query }` : '' }` } );
}

/**
 * Adds a contact; `created` is false when the contact was already on the list (left unchanged).
 * Read without api-fetch's parsing to see 201 from 200; errors are thrown as api-fetch throws them.
 *
 * @param id    List id.
 * @param input The contact and the consent it gave.
 */
export async function addMember( id: number, input: MemberInput ): Promise< { member: ListMember; created: boolean } > {
	let response: Response;
	try {
		response = await apiFetch< ListMember, false >( {
			path: `${ NAMESPACE }/lists/${ id }/members`,
			method: 'POST',
			data: input,
			parse: false,
		} );
	} catch ( error: unknown ) {
		if ( error instanceof Response ) {
			throw await error.json().catch( () => ( { code: 'invalid_json', message: error.statusText } ) );
		}
		throw error;
	}
	return { member: ( await response.json() ) as ListMember, created: response.status === 201 };
}

export function unsubscribeMember( id: number, contactId: number ): Promise< ListMember > {
	return apiFetch< ListMember >( {
		path: `${ NAMESPACE }/lists/${ id }/members/${ contactId }/unsubscribe`,
		method: 'POST',
	} );
}
