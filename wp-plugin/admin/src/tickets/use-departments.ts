import { useCallback, useEffect, useState } from '@wordpress/element';

import { describeRequestProblem } from '../api/request-problem';
import { listDepartments } from '../api/tickets-api';
import type { Department } from '../api/tickets-types';

export interface DepartmentsState {
	departments: Department[] | null;
	error: string | null;
	reload: () => void;
}

/** The departments, loaded once for every Tickets view and reloaded after one is saved. */
export function useDepartments(): DepartmentsState {
	const [ departments, setDepartments ] = useState< Department[] | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ attempt, setAttempt ] = useState( 0 );

	useEffect( () => {
		let current = true;
		listDepartments()
			.then( ( loaded ) => {
				if ( current ) {
					setDepartments( loaded.items );
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
	return { departments, error, reload };
}
