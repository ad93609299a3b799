// The Invoices and Customers screens keep what is shown (list page, filters, the open record) in
// the admin page's query string, so reloading, bookmarking and the Back button work.
import { useEffect, useMemo, useState } from '@wordpress/element';

const LOCATION_CHANGED = 'cuadra:location-changed';

export type QueryValues = Record< string, string | number | null | undefined >;

/**
 * A URL on another admin page (from the shell's data-*-url) with more query values.
 *
 * @param base   Admin page URL, e.g. …/admin.php?page=cuadra-customers.
 * @param values Query values to add; empty ones are left out.
 */
export function pageUrl( base: string, values: QueryValues ): string {
	const url = new URL( base, window.location.href );
	for ( const [ name, value ] of Object.entries( values ) ) {
		if ( value !== null && value !== undefined && value !== '' ) {
			url.searchParams.set( name, String( value ) );
		}
	}
	return url.pathname + url.search;
}

/**
 * This admin page (its `page=` kept) with exactly these query values.
 *
 * @param values Query values; empty ones are left out.
 */
export function screenUrl( values: QueryValues ): string {
	const current = new URL( window.location.href );
	const base = new URL( current.pathname, current.origin );
	base.searchParams.set( 'page', current.searchParams.get( 'page' ) ?? '' );
	return pageUrl( base.toString(), values );
}

/**
 * Shows another view of this admin page without reloading it.
 *
 * @param values          The new query values (besides `page`).
 * @param options         How to navigate.
 * @param options.replace Change the current history entry instead of adding one.
 */
export function navigate(
	values: QueryValues,
	{ replace = false }: { replace?: boolean } = {}
): void {
	const url = screenUrl( values );
	if ( replace ) {
		window.history.replaceState( null, '', url );
	} else {
		window.history.pushState( null, '', url );
		window.scrollTo( 0, 0 );
	}
	window.dispatchEvent( new Event( LOCATION_CHANGED ) );
}

/** The current query string, updated on navigate() and on Back/Forward. */
export function useScreenQuery(): URLSearchParams {
	const [ search, setSearch ] = useState( window.location.search );
	useEffect( () => {
		const update = () => setSearch( window.location.search );
		window.addEventListener( 'popstate', update );
		window.addEventListener( LOCATION_CHANGED, update );
		return () => {
			window.removeEventListener( 'popstate', update );
			window.removeEventListener( LOCATION_CHANGED, update );
		};
	}, [] );
	return useMemo( () => new URLSearchParams( search ), [ search ] );
}
