import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { listInvoices } from '../../../api/billing-api';
import type { InvoiceListItem, InvoicePage } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { Pagination } from '../../../shared/components/pagination';
import { formatDate } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { formatMoney } from '../../../shared/money';
import { userLocale } from '../../../shared/locale';
import { kindShortLabel } from '../../invoice-labels';
import { useCustomerNames } from '../../use-customer-names';
import { InvoiceFilters, type InvoiceFilterValues } from '../invoice-filters';
import { StatusBadge } from '../status-badge';
import { useVerifactuChainCheck } from '../verifactu-chain-check';

const PER_PAGE = 20;

interface InvoiceListProps {
	query: URLSearchParams;
}

function listQuery( query: URLSearchParams ): QueryValues {
	const values: QueryValues = {};
	for ( const name of [ 's', 'status', 'series', 'from', 'to', 'customer' ] ) {
		values[ name ] = query.get( name );
	}
	return values;
}

/** Cuadra → Invoices: search, filters, one page of invoices and the totals of all that match. */
export function InvoiceList( { query }: InvoiceListProps ) {
	const [ flash ] = useState( takeFlash );
	const [ data, setData ] = useState< InvoicePage | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ search, setSearch ] = useState( query.get( 's' ) ?? '' );
	const [ attempt, setAttempt ] = useState( 0 );
	const chainCheck = useVerifactuChainCheck();

	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const filters: InvoiceFilterValues = {
		status: query.get( 'status' ) ?? '',
		series: query.get( 'series' ) ?? '',
		from: query.get( 'from' ) ?? '',
		to: query.get( 'to' ) ?? '',
		customer: query.get( 'customer' ) ?? '',
	};
	const queryKey = query.toString();

	useEffect( () => setSearch( query.get( 's' ) ?? '' ), [ queryKey ] ); // eslint-disable-line react-hooks/exhaustive-deps

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		listInvoices( {
			search: query.get( 's' ) ?? undefined,
			status: filters.status,
			series_code: filters.series,
			from: filters.from,
			to: filters.to,
			customer_id: filters.customer,
			page,
			per_page: PER_PAGE,
		} )
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
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the query string is the input
	}, [ queryKey, attempt ] );

	const draftCustomers = ( data?.items ?? [] )
		.filter( ( item ) => ! item.recipient && item.customer_id !== null )
		.map( ( item ) => item.customer_id as number );
	const customerNames = useCustomerNames( draftCustomers );

	const base = listQuery( query );
	const customerOf = ( item: InvoiceListItem ) =>
		item.recipient?.legal_name ||
		( item.customer_id !== null ? customerNames.get( item.customer_id ) : '' ) ||
		'—';

	const filtered = Object.values( base ).some( Boolean );
	const numbers = new Intl.NumberFormat( userLocale() );

	const renderRows = () =>
		data?.items.map( ( item ) => (
			<tr key={ item.id } className={ `cuadra-invoice-row is-${ item.status }` }>
				<td className="column-primary cuadra-column-number">
					<strong>
						<AdminLink to={ { invoice: item.id } } className="row-title">
							{ item.number ??
								sprintf(
									/* translators: %d: internal id of a draft invoice */
									__( 'Draft #%d', 'cuadra' ),
									item.id
								) }
						</AdminLink>
					</strong>
					{ item.kind !== 'F1' && (
						<span className="cuadra-muted cuadra-kind-note">
							{ kindShortLabel( item.kind ) } · { item.kind }
						</span>
					) }
				</td>
				<td>{ customerOf( item ) }</td>
				<td>{ item.issue_date ? formatDate( item.issue_date ) : '—' }</td>
				<td>
					<StatusBadge status={ item.status } />
				</td>
				<td className="cuadra-amount">
					{ formatMoney( item.totals.base, item.currency ) }
				</td>
				<td className="cuadra-amount">
					{ formatMoney( item.totals.tax, item.currency ) }
				</td>
				<td className="cuadra-amount">
					<strong>{ formatMoney( item.totals.total, item.currency ) }</strong>
				</td>
			</tr>
		) );

	const columns = (
		<tr>
			<th scope="col" className="column-primary cuadra-column-number">
				{ __( 'Number', 'cuadra' ) }
			</th>
			<th scope="col">{ __( 'Customer', 'cuadra' ) }</th>
			<th scope="col" className="cuadra-column-date">
				{ __( 'Date', 'cuadra' ) }
			</th>
			<th scope="col" className="cuadra-column-status">
				{ __( 'Status', 'cuadra' ) }
			</th>
			<th scope="col" className="cuadra-amount">
				{ __( 'Taxable base', 'cuadra' ) }
			</th>
			<th scope="col" className="cuadra-amount">
				{ __( 'Taxes', 'cuadra' ) }
			</th>
			<th scope="col" className="cuadra-amount">
				{ __( 'Total', 'cuadra' ) }
			</th>
		</tr>
	);

	return (
		<div className="cuadra-invoices">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Invoices', 'cuadra' ) }</h1>
				<AdminLink to={ { action: 'new' } } className="page-title-action">
					{ __( 'New invoice', 'cuadra' ) }
				</AdminLink>
				<div className="cuadra-page-header__aside">{ chainCheck.button }</div>
			</div>
			<hr className="wp-header-end" />
			{ chainCheck.result }
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
				<label className="screen-reader-text" htmlFor="cuadra-invoice-search">
					{ __( 'Search invoices', 'cuadra' ) }
				</label>
				<input
					type="search"
					id="cuadra-invoice-search"
					value={ search }
					onChange={ ( event ) => setSearch( event.target.value ) }
					placeholder={ __( 'Number or customer', 'cuadra' ) }
				/>
				<Button variant="secondary" type="submit">
					{ __( 'Search invoices', 'cuadra' ) }
				</Button>
			</form>

			<InvoiceFilters
				values={ filters }
				onApply={ ( values ) => navigate( { s: query.get( 's' ), ...values } ) }
			/>

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
				className={ `wp-list-table widefat fixed striped table-view-list cuadra-invoice-table${
					loading ? ' is-loading' : ''
				}` }
			>
				<thead>{ columns }</thead>
				<tbody>
					{ data && data.items.length > 0 && renderRows() }
					{ data && data.items.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ 7 }>
								{ filtered
									? __( 'No invoices match these filters.', 'cuadra' )
									: __( 'No invoices yet. Create the first one with "New invoice".', 'cuadra' ) }
							</td>
						</tr>
					) }
					{ ! data && loading && (
						<tr className="no-items">
							<td colSpan={ 7 }>
								<Spinner />
							</td>
						</tr>
					) }
				</tbody>
				{ data && data.total > 0 && (
					<tfoot>
						<tr className="cuadra-invoice-table__sums">
							<th scope="row" colSpan={ 4 }>
								{ sprintf(
									/* translators: %s: number of invoices that match the search and filters */
									_n(
										'Total of the %s matching invoice',
										'Total of the %s matching invoices',
										data.total,
										'cuadra'
									),
									numbers.format( data.total )
								) }
							</th>
							<td className="cuadra-amount cuadra-sum-base">
								{ formatMoney( data.sums.base ) }
							</td>
							<td className="cuadra-amount cuadra-sum-tax">
								{ formatMoney( data.sums.tax ) }
							</td>
							<td className="cuadra-amount cuadra-sum-total">
								<strong>{ formatMoney( data.sums.total ) }</strong>
							</td>
						</tr>
					</tfoot>
				) }
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
