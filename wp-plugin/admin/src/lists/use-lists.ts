import { useCallback, useEffect, useState } from '@wordpress/element';

import { listLists } from '../api/lists-api';
import type { MarketingList } from '../api/lists-types';
import { describeRequestProblem } from '../api/request-problem';

export interface ListsState {
	lists: MarketingList[] | null;
	error: string | null;
	reload: () => void;
}

/** The marketing lists with their member counts, reloaded after a list or a member changes. */
export function useLists(): ListsState {
	const [ lists, setLists ] = useState< MarketingList[] | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ attempt, setAttempt ] = useState( 0 );

	useEffect( () => {
		let current = true;
		listLists()
			.then( ( loaded ) => {
				if ( current ) {
					setLists( loaded.items );
					setError( null );
				}
			} )
			.catch( ( problem: unknown ) => {
				if ( current ) {
					setError( describeRequestProblem( problem ).message );
				}
			} );
		return () => {
			current = false;
		};
	}, [ attempt ] );

	const reload = useCallback( () => setAttempt( ( count ) => count + 1 ), [] );
	return { lists, error, reload };
}
