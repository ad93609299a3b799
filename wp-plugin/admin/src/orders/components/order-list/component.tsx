import { CheckboxControl, Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { listOrders } from '../../../api/orders-api';
import type { Order, Store } from '../../../api/orders-types';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { FilterSelect } from '../../../shared/components/filter-select';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { SearchBox } from '../../../shared/components/search-box';
import { formatDateTime } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { formatMoney } from '../../../shared/money';
import { useListPage } from '../../../shared/use-list-page';
import { ORDER_SOURCES, sourceLabel, WOO_STATUSES, wooStatusLabel } from '../../order-labels';
import { SourceBadges } from '../source-badges';

const PER_PAGE = 25;

interface OrderListProps {
	query: URLSearchParams;
	stores: Store[];
	canManage: boolean;
}

function listQuery( query: URLSearchParams ): QueryValues {
	return {
		s: query.get( 's' ),
		store: query.get( 'store' ),
		status: query.get( 'status' ),
		source: query.get( 'source' ),
		show: query.get( 'show' ),
	};
}

/**
 * The badge of an order refunded after it was invoiced: how many refunds still need a rectifying invoice.
 *
 * @param order An invoiced order with refunds.
 */
function refundBadgeText( order: Order ): string {
	if ( order.refunds_to_rectify === 0 ) {
		return __( 'Refunded, rectified', 'cuadra' );
	}
	return sprintf(
		/* translators: %d: number of refunds without a rectifying invoice */
		_n( 'Refunded: %d to rectify', 'Refunded: %d to rectify', order.refunds_to_rectify, 'cuadra' ),
		order.refunds_to_rectify
	);
}

/** Cuadra → Orders: the shop orders waiting to be invoiced (or all of them), with filters. */
export function OrderList( { query, stores, canManage }: OrderListProps ) {
	const [ flash ] = useState( takeFlash );
	const searched = query.get( 's' ) ?? '';
	const store = query.get( 'store' ) ?? '';
	const status = query.get( 'status' ) ?? '';
	const source = query.get( 'source' ) ?? '';
	const pendingOnly = query.get( 'show' ) !== 'all';
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const orders = useListPage(
		() =>
			listOrders( {
				search: searched,
				store_id: store ? Number( store ) : undefined,
				status,
				source,
				pending: pendingOnly ? 'true' : undefined,
				page,
				per_page: PER_PAGE,
			} ),
		[ searched, store, status, source, pendingOnly, page ]
	);

	const base = listQuery( query );
	const filtered = searched !== '' || store !== '' || status !== '' || source !== '';
	const storeName = ( id: number ) => stores.find( ( candidate ) => candidate.id === id )?.name ?? `#${ id }`;
	const filter = ( values: QueryValues ) => navigate( { ...base, ...values } );

	const columns: ListTableColumn[] = [
		{ key: 'order', label: __( 'Order', 'cuadra' ), className: 'column-primary' },
		{ key: 'store', label: __( 'Store', 'cuadra' ) },
		{ key: 'date', label: __( 'Date', 'cuadra' ) },
		{ key: 'customer', label: __( 'Customer', 'cuadra' ) },
		{ key: 'total', label: __( 'Total', 'cuadra' ), className: 'cuadra-amount' },
		{ key: 'status', label: __( 'Status', 'cuadra' ) },
		{ key: 'source', label: __( 'Source', 'cuadra' ) },
	];

	const renderRow = ( order: Order ) => (
		<tr key={ order.id } className={ `cuadra-order-row${ order.ignored ? ' is-ignored' : '' }` }>
			<td className="column-primary">
				<strong>
					<AdminLink to={ { order: order.id } } className="row-title">
						{ order.number }
					</AdminLink>
				</strong>
			</td>
			<td>{ storeName( order.store_id ) }</td>
			<td>{ formatDateTime( order.created_at ) }</td>
			<td>
				{ order.customer_name || '—' }
				{ order.customer_email && (
					<span className="cuadra-muted cuadra-order-row__email">{ order.customer_email }</span>
				) }
			</td>
			<td className="cuadra-amount">{ formatMoney( order.total, order.currency ) }</td>
			<td>
				{ wooStatusLabel( order.status ) }
				{ order.invoice_id !== null && (
					<span className="cuadra-status-badge cuadra-status-badge--paid">{ __( 'Invoiced', 'cuadra' ) }</span>
				) }
				{ order.ignored && <span className="cuadra-status-badge">{ __( 'Ignored', 'cuadra' ) }</span> }
				{ order.invoice_id !== null && order.refunds.length > 0 && (
					<span
						className={ `cuadra-status-badge cuadra-order-refunded${
							order.refunds_to_rectify > 0 ? ' cuadra-order-refunded--to-rectify' : ''
						}` }
						title={
							order.refunds_to_rectify > 0
								? __( 'Refunded after invoicing: open the order to create the rectifying invoice.', 'cuadra' )
								: __( 'Refunded after invoicing; every refund has its rectifying invoice.', 'cuadra' )
						}
					>
						{ refundBadgeText( order ) }
					</span>
				) }
			</td>
			<td>
				<SourceBadges order={ order } />
			</td>
		</tr>
	);

	return (
		<div className="cuadra-orders">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Shop orders', 'cuadra' ) }</h1>
				{ canManage && (
					<AdminLink to={ { view: 'stores' } } className="page-title-action">
						{ __( 'Stores', 'cuadra' ) }
					</AdminLink>
				) }
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }

			<SearchBox
				id="cuadra-order-search"
				label={ __( 'Search orders', 'cuadra' ) }
				placeholder={ __( 'Number, customer or e-mail', 'cuadra' ) }
				searched={ searched }
				onSearch={ ( search ) => filter( { s: search, paged: null } ) }
			/>

			<div className="cuadra-filters">
				<FilterSelect
					className="cuadra-filters__store"
					label={ __( 'Store', 'cuadra' ) }
					value={ store }
					allLabel={ __( 'All stores', 'cuadra' ) }
					options={ stores.map( ( candidate ) => ( { value: String( candidate.id ), label: candidate.name } ) ) }
					onChange={ ( value ) => filter( { store: value } ) }
				/>
				<FilterSelect
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ status }
					allLabel={ __( 'All statuses', 'cuadra' ) }
					options={ WOO_STATUSES.map( ( value ) => ( { value: value as string, label: wooStatusLabel( value ) } ) ) }
					onChange={ ( value ) => filter( { status: value } ) }
				/>
				<FilterSelect
					className="cuadra-filters__source"
					label={ __( 'Source', 'cuadra' ) }
					value={ source }
					allLabel={ __( 'All sources', 'cuadra' ) }
					options={ ORDER_SOURCES.map( ( value ) => ( { value: value as string, label: sourceLabel( value ) } ) ) }
					onChange={ ( value ) => filter( { source: value } ) }
				/>
				<CheckboxControl
					__nextHasNoMarginBottom
					className="cuadra-filters__pending"
					label={ __( 'Only orders to invoice', 'cuadra' ) }
					checked={ pendingOnly }
					onChange={ ( checked: boolean ) => filter( { show: checked ? null : 'all' } ) }
				/>
			</div>

			<ListTable
				className="cuadra-order-table"
				columns={ columns }
				list={ orders }
				items={ orders.data?.items }
				renderRow={ renderRow }
				emptyMessage={
					filtered || ! pendingOnly
						? __( 'No orders match these filters.', 'cuadra' )
						: __( 'No orders are waiting to be invoiced.', 'cuadra' )
				}
				pagination={ { page, perPage: PER_PAGE, query: base } }
			/>
		</div>
	);
}
