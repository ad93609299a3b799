import { Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { listInvoices } from '../../../api/billing-api';
import type { InvoiceListItem } from '../../../api/billing-types';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { SearchBox } from '../../../shared/components/search-box';
import { formatDate } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { formatMoney } from '../../../shared/money';
import { userLocale } from '../../../shared/locale';
import { useListPage } from '../../../shared/use-list-page';
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

	const invoices = useListPage(
		() =>
			listInvoices( {
				search: query.get( 's' ) ?? undefined,
				status: filters.status,
				series_code: filters.series,
				from: filters.from,
				to: filters.to,
				customer_id: filters.customer,
				page,
				per_page: PER_PAGE,
			} ),
		[ queryKey ]
	);
	const { data } = invoices;

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

	const renderRow = ( item: InvoiceListItem ) => (
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
	);

	const columns: ListTableColumn[] = [
		{ key: 'number', label: __( 'Number', 'cuadra' ), className: 'column-primary cuadra-column-number' },
		{ key: 'customer', label: __( 'Customer', 'cuadra' ) },
		{ key: 'date', label: __( 'Date', 'cuadra' ), className: 'cuadra-column-date' },
		{ key: 'status', label: __( 'Status', 'cuadra' ), className: 'cuadra-column-status' },
		{ key: 'base', label: __( 'Taxable base', 'cuadra' ), className: 'cuadra-amount' },
		{ key: 'tax', label: __( 'Taxes', 'cuadra' ), className: 'cuadra-amount' },
		{ key: 'total', label: __( 'Total', 'cuadra' ), className: 'cuadra-amount' },
	];

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

			<SearchBox
				id="cuadra-invoice-search"
				label={ __( 'Search invoices', 'cuadra' ) }
				placeholder={ __( 'Number or customer', 'cuadra' ) }
				searched={ query.get( 's' ) ?? '' }
				resetKey={ queryKey }
				onSearch={ ( search ) => navigate( { ...base, s: search } ) }
			/>

			<InvoiceFilters
				values={ filters }
				onApply={ ( values ) => navigate( { s: query.get( 's' ), ...values } ) }
			/>

			<ListTable
				className="cuadra-invoice-table"
				columns={ columns }
				list={ invoices }
				items={ data?.items }
				renderRow={ renderRow }
				emptyMessage={
					filtered
						? __( 'No invoices match these filters.', 'cuadra' )
						: __( 'No invoices yet. Create the first one with "New invoice".', 'cuadra' )
				}
				pagination={ { page, perPage: PER_PAGE, query: base } }
				footer={
					data && data.total > 0 && (
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
					)
				}
			/>
		</div>
	);
}
