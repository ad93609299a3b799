import { Button, CheckboxControl, Notice, SelectControl, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { listOrders } from '../../../api/orders-api';
import type { Order, OrderPage, Store } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { Pagination } from '../../../shared/components/pagination';
import { formatDateTime } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { formatMoney } from '../../../shared/money';
import { ORDER_SOURCES, sourceLabel, WOO_STATUSES, wooStatusLabel } from '../../order-labels';
import { SourceBadges } from '../source-badges';

const PER_PAGE = 25;
const COLUMNS = 7;

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

/** Cuadra → Orders: the shop orders waiting to be invoiced (or all of them), with filters. */
export function OrderList( { query, stores, canManage }: OrderListProps ) {
	const [ flash ] = useState( takeFlash );
	const [ data, setData ] = useState< OrderPage | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ attempt, setAttempt ] = useState( 0 );
	const searched = query.get( 's' ) ?? '';
	const store = query.get( 'store' ) ?? '';
	const status = query.get( 'status' ) ?? '';
	const source = query.get( 'source' ) ?? '';
	const pendingOnly = query.get( 'show' ) !== 'all';
	const [ search, setSearch ] = useState( searched );
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );

	useEffect( () => setSearch( searched ), [ searched ] );

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		listOrders( {
			search: searched,
			store_id: store ? Number( store ) : undefined,
			status,
			source,
			pending: pendingOnly ? 'true' : undefined,
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
	}, [ searched, store, status, source, pendingOnly, page, attempt ] );

	const base = listQuery( query );
	const filtered = searched !== '' || store !== '' || status !== '' || source !== '';
	const orders = data?.items ?? [];
	const storeName = ( id: number ) => stores.find( ( candidate ) => candidate.id === id )?.name ?? `#${ id }`;
	const filter = ( values: QueryValues ) => navigate( { ...base, ...values } );

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

			<form
				className="search-box cuadra-search-box"
				role="search"
				onSubmit={ ( event ) => {
					event.preventDefault();
					filter( { s: search.trim(), paged: null } );
				} }
			>
				<label className="screen-reader-text" htmlFor="cuadra-order-search">
					{ __( 'Search orders', 'cuadra' ) }
				</label>
				<input
					type="search"
					id="cuadra-order-search"
					value={ search }
					onChange={ ( event ) => setSearch( event.target.value ) }
					placeholder={ __( 'Number, customer or e-mail', 'cuadra' ) }
				/>
				<Button variant="secondary" type="submit">
					{ __( 'Search orders', 'cuadra' ) }
				</Button>
			</form>

			<div className="cuadra-filters">
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__store"
					label={ __( 'Store', 'cuadra' ) }
					value={ store }
					options={ [
						{ value: '', label: __( 'All stores', 'cuadra' ) },
						...stores.map( ( candidate ) => ( { value: String( candidate.id ), label: candidate.name } ) ),
					] }
					onChange={ ( value: string ) => filter( { store: value } ) }
				/>
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ status }
					options={ [
						{ value: '', label: __( 'All statuses', 'cuadra' ) },
						...WOO_STATUSES.map( ( value ) => ( { value: value as string, label: wooStatusLabel( value ) } ) ),
					] }
					onChange={ ( value: string ) => filter( { status: value } ) }
				/>
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__source"
					label={ __( 'Source', 'cuadra' ) }
					value={ source }
					options={ [
						{ value: '', label: __( 'All sources', 'cuadra' ) },
						...ORDER_SOURCES.map( ( value ) => ( { value: value as string, label: sourceLabel( value ) } ) ),
					] }
					onChange={ ( value: string ) => filter( { source: value } ) }
				/>
				<CheckboxControl
					__nextHasNoMarginBottom
					className="cuadra-filters__pending"
					label={ __( 'Only orders to invoice', 'cuadra' ) }
					checked={ pendingOnly }
					onChange={ ( checked: boolean ) => filter( { show: checked ? null : 'all' } ) }
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
				className={ `wp-list-table widefat fixed striped table-view-list cuadra-order-table${
					loading ? ' is-loading' : ''
				}` }
			>
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'Order', 'cuadra' ) }
						</th>
						<th scope="col">{ __( 'Store', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Date', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Customer', 'cuadra' ) }</th>
						<th scope="col" className="cuadra-amount">
							{ __( 'Total', 'cuadra' ) }
						</th>
						<th scope="col">{ __( 'Status', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Source', 'cuadra' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ orders.map( renderRow ) }
					{ data && orders.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ COLUMNS }>
								{ filtered || ! pendingOnly
									? __( 'No orders match these filters.', 'cuadra' )
									: __( 'No orders are waiting to be invoiced.', 'cuadra' ) }
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
