import { createElement, Fragment } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { Metrics, TimeStats } from '../../../api/tickets-types';
import { formatDuration } from '../../durations';

export interface MetricsRow {
	key: string;
	label: string;
	/** #rrggbb of the department, for its swatch. */
	colour?: string;
	metrics: Metrics;
}

interface MetricsTableProps {
	caption: string;
	/** Header of the first column: "Department" or "Agent". */
	rowHeader: string;
	rows: MetricsRow[];
	className?: string;
}

function statCells( stats: TimeStats, prefix: string ) {
	const cell = ( key: string, ms: number | null ) => (
		<td key={ `${ prefix }-${ key }` } className={ `cuadra-amount cuadra-metrics-table__${ prefix }-${ key }` }>
			{ formatDuration( ms ) }
		</td>
	);
	return (
		<Fragment>
			{ cell( 'calendar-mean', stats.calendar.mean_ms ) }
			{ cell( 'calendar-median', stats.calendar.median_ms ) }
			{ cell( 'calendar-p90', stats.calendar.p90_ms ) }
			{ cell( 'business-mean', stats.business.mean_ms ) }
			{ cell( 'business-median', stats.business.median_ms ) }
			{ cell( 'business-p90', stats.business.p90_ms ) }
		</Fragment>
	);
}

/** Volume, awaiting first reply, first response and resolution: mean, median and p90 in calendar and business time. */
export function MetricsTable( { caption, rowHeader, rows, className }: MetricsTableProps ) {
	const statHeaders = ( group: string ) =>
		[ __( 'Calendar', 'cuadra' ), __( 'Business hours', 'cuadra' ) ].map( ( clock ) => (
			<Fragment key={ `${ group }-${ clock }` }>
				<th scope="col" className="cuadra-amount">
					<span className="screen-reader-text">{ `${ group }, ${ clock }, ` }</span>
					{ __( 'mean', 'cuadra' ) }
				</th>
				<th scope="col" className="cuadra-amount">
					<span className="screen-reader-text">{ `${ group }, ${ clock }, ` }</span>
					{ __( 'median', 'cuadra' ) }
				</th>
				<th scope="col" className="cuadra-amount">
					<span className="screen-reader-text">{ `${ group }, ${ clock }, ` }</span>
					{ __( 'p90', 'cuadra' ) }
				</th>
			</Fragment>
		) );
	const firstResponse = __( 'First response', 'cuadra' );
	const resolution = __( 'Resolution', 'cuadra' );
	return (
		<div className="cuadra-metrics-table-wrap">
			<table className={ `widefat striped cuadra-metrics-table ${ className ?? '' }` }>
				<caption>{ caption }</caption>
				<thead>
					<tr>
						<th scope="col" rowSpan={ 3 }>
							{ rowHeader }
						</th>
						<th scope="col" rowSpan={ 3 } className="cuadra-amount">
							{ __( 'Tickets', 'cuadra' ) }
						</th>
						<th scope="col" rowSpan={ 3 } className="cuadra-amount">
							{ __( 'Awaiting first reply', 'cuadra' ) }
						</th>
						<th scope="colgroup" colSpan={ 6 } className="cuadra-metrics-table__group">
							{ firstResponse }
						</th>
						<th scope="colgroup" colSpan={ 6 } className="cuadra-metrics-table__group">
							{ resolution }
						</th>
					</tr>
					<tr>
						{ [ firstResponse, resolution ].map( ( group ) => (
							<Fragment key={ group }>
								<th scope="colgroup" colSpan={ 3 }>
									{ __( 'Calendar', 'cuadra' ) }
								</th>
								<th scope="colgroup" colSpan={ 3 }>
									{ __( 'Business hours', 'cuadra' ) }
								</th>
							</Fragment>
						) ) }
					</tr>
					<tr>
						{ statHeaders( firstResponse ) }
						{ statHeaders( resolution ) }
					</tr>
				</thead>
				<tbody>
					{ rows.map( ( row ) => (
						<tr key={ row.key } className="cuadra-metrics-table__row">
							<th scope="row">
								{ row.colour && (
									<span
										className="cuadra-department-filter__swatch"
										aria-hidden="true"
										style={ { backgroundColor: row.colour } }
									/>
								) }
								{ row.label }
							</th>
							<td className="cuadra-amount cuadra-metrics-table__volume">{ row.metrics.volume }</td>
							<td className="cuadra-amount cuadra-metrics-table__awaiting">{ row.metrics.awaiting_first_reply }</td>
							{ statCells( row.metrics.first_response, 'first-response' ) }
							{ statCells( row.metrics.resolution, 'resolution' ) }
						</tr>
					) ) }
				</tbody>
			</table>
		</div>
	);
}
