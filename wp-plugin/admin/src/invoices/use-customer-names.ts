import { useEffect, useState } from '@wordpress/element';

import { fetchCustomer } from '../api/billing-api';

// Drafts name their customer by id only (the recipient is frozen when the invoice is issued).
const known = new Map< number, string >();

/**
 * Names of the given customers, fetched once per page load.
 *
 * @param ids Customer ids to name.
 */
export function useCustomerNames( ids: number[] ): Map< number, string > {
	const [ , setVersion ] = useState( 0 );
	const missing = [ ...new Set( ids ) ].filter( ( id ) => ! known.has( id ) );
	const key = missing.join( ',' );

	useEffect( () => {
		if ( key === '' ) {
			return;
		}
		let current = true;
		Promise.all(
			key.split( ',' ).map( ( id ) =>
				fetchCustomer( Number( id ) )
					.then( ( customer ) => known.set( customer.id, customer.legal_name ) )
					.catch( () => known.set( Number( id ), '' ) )
			)
		).then( () => {
			if ( current ) {
				setVersion( ( version ) => version + 1 );
			}
		} );
		return () => {
			current = false;
		};
	}, [ key ] );

	return known;
}

/**
 * Remembers a customer's name seen elsewhere (e.g. just picked in the editor).
 *
 * @param id   Customer id.
 * @param name Legal name.
 */
export function rememberCustomerName( id: number, name: string ): void {
	known.set( id, name );
}
