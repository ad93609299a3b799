import { Button, Card, CardBody, CardHeader, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { fetchCompanySettings } from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import { fetchTicketMetrics } from '../../../api/tickets-api';
import type { Metrics, SupportAgent, TicketMetrics } from '../../../api/tickets-types';
import { navigate, useScreenQuery } from '../../../shared/admin-location';
import { formatDate } from '../../../shared/dates';
import { useUniqueId } from '../../../shared/use-unique-id';
import { safeColour } from '../../department-colour';
import { formatDuration } from '../../durations';
import { PERIOD_CHOICES, periodDates, periodLabel, todayIn, type PeriodChoice } from '../../metrics-period';
import { agentName } from '../../ticket-labels';
import { MetricsChart, type ChartBar } from '../metrics-chart';
import { MetricsTable, type MetricsRow } from '../metrics-table';

interface MetricsScreenProps {
	agents: SupportAgent[];
}

type Measure = 'volume' | 'first-response' | 'resolution' | 'awaiting';

const MEASURES: Measure[] = [ 'first-response', 'resolution', 'volume', 'awaiting' ];

function measureLabel( measure: Measure ): string {
	switch ( measure ) {
		case 'volume':
			return __( 'Tickets received', 'cuadra' );
		case 'awaiting':
			return __( 'Awaiting first reply', 'cuadra' );
		case 'first-response':
			return __( 'Median first response, business hours', 'cuadra' );
		case 'resolution':
			return __( 'Median resolution, business hours', 'cuadra' );
	}
	return measure;
}

function measured( metrics: Metrics, measure: Measure ): { value: number | null; text: string } {
	switch ( measure ) {
		case 'volume':
			return { value: metrics.volume, text: String( metrics.volume ) };
		case 'awaiting':
			return { value: metrics.awaiting_first_reply, text: String( metrics.awaiting_first_reply ) };
		case 'first-response':
			return {
				value: metrics.first_response.business.median_ms,
				text: formatDuration( metrics.first_response.business.median_ms ),
			};
		case 'resolution':
			return { value: metrics.resolution.business.median_ms, text: formatDuration( metrics.resolution.business.median_ms ) };
	}
	return { value: null, text: '—' };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Tickets → Metrics: volume, first response and resolution per department and agent, for a chosen period. */
export function MetricsScreen( { agents }: MetricsScreenProps ) {
	const query = useScreenQuery();
	const requested = query.get( 'period' ) as PeriodChoice | null;
	const period: PeriodChoice = requested && PERIOD_CHOICES.includes( requested ) ? requested : 'this-month';
	const [ timeZone, setTimeZone ] = useState< string | null >( null );
	const [ customFrom, setCustomFrom ] = useState( query.get( 'from' ) ?? '' );
	const [ customTo, setCustomTo ] = useState( query.get( 'to' ) ?? '' );
	const [ measure, setMeasure ] = useState< Measure >( 'first-response' );
	const [ data, setData ] = useState< TicketMetrics | null >( null );
	const [ error, setError ] = useState< { message: string; fields: Record< string, string > } | null >( null );
	const [ loading, setLoading ] = useState( false );
	const departmentTableId = useUniqueId( 'cuadra-metrics-departments' );

	// "This month" is the company's month, which near midnight may differ from the browser's.
	useEffect( () => {
		fetchCompanySettings()
			.then( ( company ) => setTimeZone( company.timezone || 'Europe/Madrid' ) )
			.catch( () => setTimeZone( 'Europe/Madrid' ) );
	}, [] );

	let range: { from: string; to: string } | null = null;
	if ( period === 'custom' ) {
		const from = query.get( 'from' ) ?? '';
		const to = query.get( 'to' ) ?? '';
		range = DAY.test( from ) && DAY.test( to ) ? { from, to } : null;
	} else if ( timeZone !== null ) {
		range = periodDates( period, todayIn( timeZone ) );
	}
	const rangeKey = range ? `${ range.from }/${ range.to }` : '';

	useEffect( () => {
		if ( ! range ) {
			return;
		}
		let current = true;
		setLoading( true );
		setError( null );
		fetchTicketMetrics( range.from, range.to )
			.then( ( loaded ) => {
				if ( current ) {
					setData( loaded );
				}
			} )
			.catch( ( problem: unknown ) => {
				if ( current ) {
					const described = describeRequestProblem( problem );
					setData( null );
					setError( { message: described.message, fields: described.fieldErrors } );
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
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the range's dates are the key
	}, [ rangeKey ] );

	const departmentRows: MetricsRow[] = ( data?.departments ?? [] ).map( ( department ) => ( {
		key: `department-${ department.department_id }`,
		label: department.name,
		colour: safeColour( department.colour ),
		metrics: department,
	} ) );
	if ( data ) {
		departmentRows.push( { key: 'overall', label: __( 'All departments', 'cuadra' ), metrics: data.overall } );
	}
	const agentRows: MetricsRow[] = ( data?.agents ?? [] ).map( ( agent ) => ( {
		key: `agent-${ agent.agent_id ?? 'none' }`,
		label: agentName( agents, agent.agent_id ),
		metrics: agent,
	} ) );
	const bars: ChartBar[] = ( data?.departments ?? [] ).map( ( department ) => ( {
		key: String( department.department_id ),
		label: department.name,
		colour: department.colour,
		...measured( department, measure ),
	} ) );
	const fieldError = ( name: string ) => error?.fields[ name ];

	return (
		<div className="cuadra-ticket-metrics">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Ticket metrics', 'cuadra' ) }</h1>
			</div>
			<hr className="wp-header-end" />

			<form
				className="cuadra-filters cuadra-metrics-period"
				onSubmit={ ( event ) => {
					event.preventDefault();
					navigate( { view: 'metrics', period: 'custom', from: customFrom, to: customTo } );
				} }
			>
				<SelectControl
					__nextHasNoMarginBottom
					label={ __( 'Period', 'cuadra' ) }
					value={ period }
					options={ PERIOD_CHOICES.map( ( choice ) => ( { value: choice as string, label: periodLabel( choice ) } ) ) }
					onChange={ ( value: string ) =>
						navigate(
							value === 'custom'
								? { view: 'metrics', period: value, from: range?.from ?? customFrom, to: range?.to ?? customTo }
								: { view: 'metrics', period: value }
						)
					}
				/>
				{ period === 'custom' && (
					<TextControl
						__nextHasNoMarginBottom
						type="date"
						label={ __( 'From', 'cuadra' ) }
						value={ customFrom }
						onChange={ ( value: string ) => setCustomFrom( value ) }
						help={ fieldError( 'from' ) }
						aria-invalid={ Boolean( fieldError( 'from' ) ) }
					/>
				) }
				{ period === 'custom' && (
					<TextControl
						__nextHasNoMarginBottom
						type="date"
						label={ __( 'To', 'cuadra' ) }
						value={ customTo }
						onChange={ ( value: string ) => setCustomTo( value ) }
						help={ fieldError( 'to' ) }
						aria-invalid={ Boolean( fieldError( 'to' ) ) }
					/>
				) }
				{ period === 'custom' && (
					<div className="cuadra-filters__actions">
						<Button variant="secondary" type="submit">
							{ __( 'Show', 'cuadra' ) }
						</Button>
					</div>
				) }
			</form>

			{ range && (
				<p className="cuadra-muted cuadra-metrics-period__range">
					{ sprintf(
						/* translators: 1: first day, 2: last day */
						__( 'Tickets created from %1$s to %2$s, both included.', 'cuadra' ),
						formatDate( range.from ),
						formatDate( range.to )
					) }
				</p>
			) }
			{ period === 'custom' && ! range && ! error && (
				<p>{ __( 'Choose the first and last day, then press Show.', 'cuadra' ) }</p>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ Object.values( error.fields ).length ? Object.values( error.fields ).join( ' ' ) : error.message }
				</Notice>
			) }
			{ loading && ! data && <Spinner /> }

			{ data && (
				<div className={ `cuadra-metrics-results${ loading ? ' is-loading' : '' }` }>
					<ul className="cuadra-metrics-summary">
						<li>
							<span className="cuadra-metrics-summary__value">{ data.overall.volume }</span>
							<span className="cuadra-metrics-summary__label">{ __( 'Tickets received', 'cuadra' ) }</span>
						</li>
						<li>
							<span className="cuadra-metrics-summary__value">{ data.overall.awaiting_first_reply }</span>
							<span className="cuadra-metrics-summary__label">{ __( 'Awaiting first reply', 'cuadra' ) }</span>
						</li>
						<li>
							<span className="cuadra-metrics-summary__value">
								{ formatDuration( data.overall.first_response.business.median_ms ) }
							</span>
							<span className="cuadra-metrics-summary__label">
								{ __( 'Median first response, business hours', 'cuadra' ) }
							</span>
						</li>
						<li>
							<span className="cuadra-metrics-summary__value">
								{ formatDuration( data.overall.resolution.business.median_ms ) }
							</span>
							<span className="cuadra-metrics-summary__label">{ __( 'Median resolution, business hours', 'cuadra' ) }</span>
						</li>
					</ul>

					<Card className="cuadra-card cuadra-metrics-chart-card">
						<CardHeader>
							<h2 className="cuadra-card__title">{ __( 'By department', 'cuadra' ) }</h2>
							<SelectControl
								__nextHasNoMarginBottom
								label={ __( 'Chart', 'cuadra' ) }
								value={ measure }
								options={ MEASURES.map( ( choice ) => ( { value: choice as string, label: measureLabel( choice ) } ) ) }
								onChange={ ( value: string ) => setMeasure( value as Measure ) }
							/>
						</CardHeader>
						<CardBody>
							{ bars.length > 0 ? (
								<MetricsChart
									title={ sprintf(
										/* translators: %s: what the bars measure */
										__( '%s, by department', 'cuadra' ),
										measureLabel( measure )
									) }
									bars={ bars }
									tableId={ departmentTableId }
								/>
							) : (
								<p>{ __( 'No departments yet.', 'cuadra' ) }</p>
							) }
						</CardBody>
					</Card>

					<div id={ departmentTableId }>
						<MetricsTable
							caption={ __( 'By department', 'cuadra' ) }
							rowHeader={ __( 'Department', 'cuadra' ) }
							rows={ departmentRows }
							className="cuadra-metrics-table--departments"
						/>
					</div>
					<MetricsTable
						caption={ __( 'By agent', 'cuadra' ) }
						rowHeader={ __( 'Agent', 'cuadra' ) }
						rows={ agentRows }
						className="cuadra-metrics-table--agents"
					/>
					<p className="cuadra-muted">
						{ __(
							'First response: from the ticket\'s creation to the first public reply (notes and automatic acknowledgements do not count). Resolution: to the last close, for tickets closed now. Tickets without a reply count as awaiting, not in the averages. Business hours follow each department\'s calendar in the company\'s time zone.',
							'cuadra'
						) }
					</p>
				</div>
			) }
		</div>
	);
}
