import { useEffect, useState } from '@wordpress/element';

import { describeRequestProblem } from '../api/request-problem';
import { fetchMrrHistory, fetchMrrSummary, fetchUpcomingIssues } from '../api/recurring-api';
import type { MrrHistory, MrrSummary, UpcomingIssue } from '../api/recurring-types';

/** undefined while loading, the data, or what went wrong. */
export type Loadable< T > = undefined | { ok: true; data: T } | { ok: false; message: string };

export interface MrrDashboard {
	summary: Loadable< MrrSummary >;
	history: Loadable< MrrHistory >;
	upcoming: Loadable< UpcomingIssue[] >;
}

function settle< T >( request: Promise< T >, set: ( value: Loadable< T > ) => void, isCurrent: () => boolean ) {
	request
		.then( ( data ) => isCurrent() && set( { ok: true, data } ) )
		.catch( ( error: unknown ) => isCurrent() && set( { ok: false, message: describeRequestProblem( error ).message } ) );
}

/**
 * The Home's MRR figures, 12 months of history and the next invoices, asked for at once so the
 * cards fill in as each answer comes.
 *
 * @param enabled Only people with cuadra_billing may see them.
 */
export function useMrrDashboard( enabled: boolean ): MrrDashboard {
	const [ summary, setSummary ] = useState< Loadable< MrrSummary > >( undefined );
	const [ history, setHistory ] = useState< Loadable< MrrHistory > >( undefined );
	const [ upcoming, setUpcoming ] = useState< Loadable< UpcomingIssue[] > >( undefined );

	useEffect( () => {
		if ( ! enabled ) {
			return;
		}
		let current = true;
		const isCurrent = () => current;
		settle( fetchMrrSummary(), setSummary, isCurrent );
		settle( fetchMrrHistory( 12 ), setHistory, isCurrent );
		settle( fetchUpcomingIssues( 5 ).then( ( answer ) => answer.upcoming ), setUpcoming, isCurrent );
		return () => {
			current = false;
		};
	}, [ enabled ] );

	return { summary, history, upcoming };
}
