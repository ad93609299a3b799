import { Button, Notice, SelectControl, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { listTemplates } from '../../../api/recurring-api';
import type { Template, TemplateList } from '../../../api/recurring-types';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { Pagination } from '../../../shared/components/pagination';
import { formatDate } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { formatMoney } from '../../../shared/money';
import { periodicityLabel, TEMPLATE_STATUSES, templateStatusLabel } from '../../recurring-labels';
import { TemplateProblems } from '../template-problems';
import { TemplateStatusBadge } from '../template-status-badge';

const PER_PAGE = 20;
const COLUMNS = 6;

interface RecurringListProps {
	query: URLSearchParams;
}

function listQuery( query: URLSearchParams ): QueryValues {
	return { s: query.get( 's' ), status: query.get( 'status' ) };
}

/** Cuadra → Recurring: the templates with their status, next issue date and MRR contribution. */
export function RecurringList( { query }: RecurringListProps ) {
	const [ flash ] = useState( takeFlash );
	const [ data, setData ] = useState< TemplateList | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ attempt, setAttempt ] = useState( 0 );
	const searched = query.get( 's' ) ?? '';
	const status = query.get( 'status' ) ?? '';
	const [ search, setSearch ] = useState( searched );
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );

	useEffect( () => setSearch( searched ), [ searched ] );

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		listTemplates( { search: searched, status, page, per_page: PER_PAGE } )
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
	}, [ searched, status, page, attempt ] );

	const base = listQuery( query );
	const filtered = searched !== '' || status !== '';
	const templates = data?.templates ?? [];

	const renderRow = ( template: Template ) => (
		<tr key={ template.id } className={ `cuadra-template-row is-${ template.status }` }>
			<td className="column-primary">
				<strong>
					<AdminLink to={ { template: template.id } } className="row-title">
						{ template.customer?.legal_name || __( '(no customer)', 'cuadra' ) }
					</AdminLink>
				</strong>
				<span className="cuadra-muted cuadra-kind-note">
					{ template.lines
						.filter( ( line ) => ! line.one_off )
						.map( ( line ) => line.description )
						.filter( Boolean )
						.join( ', ' ) }
				</span>
			</td>
			<td>{ periodicityLabel( template.interval_unit, template.interval_count ) }</td>
			<td>
				<TemplateStatusBadge status={ template.status } />
			</td>
			<td className="cuadra-template-row__next">
				{ template.next_issue_date ? formatDate( template.next_issue_date ) : '—' }
				{ template.problems.length > 0 && template.status !== 'ended' && (
					<span className="cuadra-template-row__problems">
						<TemplateProblems
							problems={ template.problems }
							nextDate={ template.next_issue_date }
							compact
						/>
					</span>
				) }
			</td>
			<td className="cuadra-amount">{ formatMoney( template.period_amount, template.currency ) }</td>
			<td className="cuadra-amount cuadra-template-row__mrr">
				<strong>{ formatMoney( template.mrr, template.currency ) }</strong>
			</td>
		</tr>
	);

	return (
		<div className="cuadra-recurring">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Recurring invoices', 'cuadra' ) }</h1>
				<AdminLink to={ { action: 'new' } } className="page-title-action">
					{ __( 'New recurring invoice', 'cuadra' ) }
				</AdminLink>
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }

			<form
				className="search-box cuadra-search-box"
				role="search"
				onSubmit={ ( event ) => {
					event.preventDefault();
					navigate( { ...base, s: search.trim() } );
				} }
			>
				<label className="screen-reader-text" htmlFor="cuadra-template-search">
					{ __( 'Search recurring invoices', 'cuadra' ) }
				</label>
				<input
					type="search"
					id="cuadra-template-search"
					value={ search }
					onChange={ ( event ) => setSearch( event.target.value ) }
					placeholder={ __( 'Customer or description', 'cuadra' ) }
				/>
				<Button variant="secondary" type="submit">
					{ __( 'Search recurring invoices', 'cuadra' ) }
				</Button>
			</form>

			<div className="cuadra-filters">
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ status }
					options={ [
						{ value: '', label: __( 'All statuses', 'cuadra' ) },
						...TEMPLATE_STATUSES.map( ( value ) => ( {
							value: value as string,
							label: templateStatusLabel( value ),
						} ) ),
					] }
					onChange={ ( value: string ) => navigate( { s: searched, status: value } ) }
				/>
			</div>

			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }{ ' ' }
					<Button variant="link" onClick={ () => setAttempt( attempt + 1 ) }>
						{ __( 'Try again', 'cuadra' ) }
					</Button>
				</Notice>
			) }

			{ data && (
				<div className="tablenav top">
					<Pagination total={ data.total } page={ page } perPage={ PER_PAGE } query={ base } />
					<br className="clear" />
				</div>
			) }

			<table
				className={ `wp-list-table widefat fixed striped table-view-list cuadra-template-table${
					loading ? ' is-loading' : ''
				}` }
			>
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'Customer', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-periodicity">
							{ __( 'Periodicity', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-status">
							{ __( 'Status', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-next">
							{ __( 'Next invoice', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-amount">
							{ __( 'Per invoice', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-amount">
							<abbr title={ __( 'Monthly recurring revenue', 'cuadra' ) }>
								{ __( 'MRR', 'cuadra' ) }
							</abbr>
						</th>
					</tr>
				</thead>
				<tbody>
					{ templates.map( renderRow ) }
					{ data && templates.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ COLUMNS }>
								{ filtered
									? __( 'No recurring invoices match these filters.', 'cuadra' )
									: __( 'No recurring invoices yet. Create the first one with "New recurring invoice".', 'cuadra' ) }
							</td>
						</tr>
					) }
					{ ! data && loading && (
						<tr className="no-items">
							<td colSpan={ COLUMNS }>
								<Spinner />
							</td>
						</tr>
					) }
				</tbody>
			</table>

			{ data && data.total > PER_PAGE && (
				<div className="tablenav bottom">
					<Pagination total={ data.total } page={ page } perPage={ PER_PAGE } query={ base } />
					<br className="clear" />
				</div>
			) }
		</div>
	);
}
