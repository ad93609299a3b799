import apiFetch from '@wordpress/api-fetch';
import { useEffect, useState } from '@wordpress/element';

export interface NamedItem {
	id: number;
	name: string;
}

export interface ServiceList {
	items: NamedItem[];
	loading: boolean;
	/** The route does not exist yet on this site (404): not an error, just nothing to list. */
	missing: boolean;
	error: string;
}

/**
 * Reads `{ id, name }` records from a route; the answer may be a list or an object holding one.
 *
 * @param answer What the route returned.
 */
function toItems( answer: unknown ): NamedItem[] {
	const source = answer as Record< string, unknown > | unknown[];
	let list: unknown = source;
	if ( ! Array.isArray( source ) && source && typeof source === 'object' ) {
		list = source.items ?? source.departments ?? source.lists ?? [];
	}
	if ( ! Array.isArray( list ) ) {
		return [];
	}
	return list
		.map( ( item ) => item as { id?: unknown; name?: unknown } )
		.filter( ( item ) => typeof item.id === 'number' )
		.map( ( item ) => ( { id: item.id as number, name: String( item.name ?? item.id ) } ) );
}

/**
 * Loads a Cuadra list (departments, lists) for the block settings.
 *
 * @param path REST path such as /cuadra/v1/departments.
 */
export function useServiceList( path: string ): ServiceList {
	const [ state, setState ] = useState< ServiceList >( {
		items: [],
		loading: true,
		missing: false,
		error: '',
	} );
	useEffect( () => {
		let active = true;
		apiFetch( { path } )
			.then( ( answer: unknown ) => {
				if ( active ) {
					setState( { items: toItems( answer ), loading: false, missing: false, error: '' } );
				}
			} )
			.catch( ( error: { data?: { status?: number }; code?: string; message?: string } ) => {
				if ( ! active ) {
					return;
				}
				const missing =
					error?.data?.status === 404 || error?.code === 'rest_no_route' || error?.code === 'NOT_FOUND';
				setState( { items: [], loading: false, missing, error: missing ? '' : String( error?.message ?? '' ) } );
			} );
		return () => {
			active = false;
		};
	}, [ path ] );
	return state;
}
