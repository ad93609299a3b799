import { useEffect, useState } from '@wordpress/element';

import { describeRequestProblem } from '../api/request-problem';

export interface ListPageState< Page > {
	/** The last page loaded; kept while the next one loads. */
	data: Page | null;
	error: string | null;
	loading: boolean;
	/** Loads the page again (after a problem, or after a change made on the screen). */
	reload: () => void;
}

/**
 * Loads one page of a list screen whenever one of `inputs` changes; a late answer to an older
 * request is dropped.
 *
 * @param load   Requests the page.
 * @param inputs What the request depends on (filters, page number…).
 */
export function useListPage< Page >( load: () => Promise< Page >, inputs: unknown[] ): ListPageState< Page > {
	const [ data, setData ] = useState< Page | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ attempt, setAttempt ] = useState( 0 );

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		load()
			.then( ( loaded ) => {
				if ( current ) {
					setData( loaded );
				}
			} )
			.catch( ( problem: unknown ) => {
				if ( current ) {
					setError( describeRequestProblem( problem ).message );
				}
			} )
			.finally( () => {
				if ( current ) {
					setLoading( false );
				}
			} );
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the inputs of `load`
	}, [ ...inputs, attempt ] );

	return { data, error, loading, reload: () => setAttempt( ( count ) => count + 1 ) };
}
