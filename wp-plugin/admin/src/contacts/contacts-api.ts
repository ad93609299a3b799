import apiFetch from '@wordpress/api-fetch';

import type { ContactDetail, ContactFilter, ContactPage, ErasureResult, LeadInput } from './contacts-types';

const NAMESPACE = '/cuadra/v1';

export function listContacts( filter: ContactFilter ): Promise< ContactPage > {
	const params = new URLSearchParams();
	for ( const [ name, value ] of Object.entries( filter ) ) {
		if ( value !== undefined && value !== '' ) {
			params.set( name, String( value ) );
		}
	}
	const query = params.toString();
	return apiFetch< ContactPage >( { path: `${ NAMESPACE }/contacts${ query ? `?${ query }` : '' }` } );
}

export function fetchContact( id: number ): Promise< ContactDetail > {
	return apiFetch< ContactDetail >( { path: `${ NAMESPACE }/contacts/${ id }` } );
}

export function updateLead( id: number, input: LeadInput ): Promise< ContactDetail > {
	return apiFetch< ContactDetail >( { path: `${ NAMESPACE }/contacts/${ id }`, method: 'PUT', data: input } );
}

/**
 * Everything stored about the contact's e-mail address (GDPR access), as the WordPress privacy exporter gets it.
 *
 * @param id Contact id.
 */
export function fetchPersonalData( id: number ): Promise< Record< string, unknown > > {
	return apiFetch< Record< string, unknown > >( { path: `${ NAMESPACE }/contacts/${ id }/personal-data` } );
}

export function eraseContact( email: string ): Promise< ErasureResult > {
	return apiFetch< ErasureResult >( { path: `${ NAMESPACE }/contacts/erase`, method: 'POST', data: { email } } );
}
