import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { searchCustomers } from '../../../api/billing-api';
import type { Customer, Page } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { Pagination } from '../../../shared/components/pagination';
import { takeFlash } from '../../../shared/flash';

const PER_PAGE = 20;

interface CustomerListProps {
	query: URLSearchParams;
}

/** Cuadra → Customers: search by name, tax ID or e-mail, one page at a time. */
export function CustomerList( { query }: CustomerListProps ) {
	const [ flash ] = useState( takeFlash );
	const [ data, setData ] = useState< Page< Customer > | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ error, setError ] = useState< string | null >( null );
	const [ attempt, setAttempt ] = useState( 0 );
	const searched = query.get( 's' ) ?? '';
	const [ search, setSearch ] = useState( searched );
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );

	useEffect( () => setSearch( searched ), [ searched ] );

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		searchCustomers( { search: searched, page, per_page: PER_PAGE } )
			.then( ( loaded ) => current && setData( loaded ) )
			.catch( ( problem: unknown ) => current && setError( describeRequestProblem( problem ).message ) )
			.finally( () => current && setLoading( false ) );
		return () => {
			current = false;
		};
	}, [ searched, page, attempt ] );

	const base = { s: searched };

	return (
		<div className="cuadra-customers">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Customers', 'cuadra' ) }</h1>
				<AdminLink to={ { customer: 'new' } } className="page-title-action">
					{ __( 'Add customer', 'cuadra' ) }
				</AdminLink>
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }
			{ searched && (
				<span className="subtitle cuadra-search-subtitle">
					{ sprintf(
						/* translators: %s: what was searched for */
						__( 'Search results for: %s', 'cuadra' ),
						searched
					) }
				</span>
			) }
			<form
				className="search-box cuadra-search-box"
				role="search"
				onSubmit={ ( event ) => {
					event.preventDefault();
					navigate( { s: search.trim() } );
				} }
			>
				<label className="screen-reader-text" htmlFor="cuadra-customer-search">
					{ __( 'Search customers', 'cuadra' ) }
				</label>
				<input
					type="search"
					id="cuadra-customer-search"
					value={ search }
					placeholder={ __( 'Name, tax ID or e-mail', 'cuadra' ) }
					onChange={ ( event ) => setSearch( event.target.value ) }
				/>
				<Button variant="secondary" type="submit">
					{ __( 'Search customers', 'cuadra' ) }
				</Button>
			</form>

			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }{ ' ' }
					<Button variant="link" onClick={ () => setAttempt( attempt + 1 ) }>
						{ __( 'Try again', 'cuadra' ) }
					</Button>
				</Notice>
			) }

			<div className="tablenav top">
				{ data && <Pagination total={ data.total } page={ page } perPage={ PER_PAGE } query={ base } /> }
				<br className="clear" />
			</div>
			<table
				className={ `wp-list-table widefat fixed striped table-view-list cuadra-customer-table${
					loading ? ' is-loading' : ''
				}` }
			>
				<thead>
					<tr>
						<th scope="col" className="column-primary">{ __( 'Name', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Tax ID', 'cuadra' ) }</th>
						<th scope="col">{ __( 'E-mail', 'cuadra' ) }</th>
						<th scope="col">{ __( 'City', 'cuadra' ) }</th>
						<th scope="col" className="cuadra-column-terms">{ __( 'Payment terms', 'cuadra' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ data?.items.map( ( customer ) => (
						<tr key={ customer.id }>
							<td className="column-primary">
								<strong>
									<AdminLink to={ { customer: customer.id } } className="row-title">
										{ customer.legal_name }
									</AdminLink>
								</strong>
							</td>
							<td>{ customer.tax_id ?? '—' }</td>
							<td>{ customer.email || '—' }</td>
							<td>{ [ customer.city, customer.country_code !== 'ES' ? customer.country_code : '' ].filter( Boolean ).join( ', ' ) || '—' }</td>
							<td className="cuadra-column-terms">
								{ customer.payment_terms_days
									? sprintf(
										/* translators: %d: number of days to pay */
										_n( '%d day', '%d days', customer.payment_terms_days, 'cuadra' ),
										customer.payment_terms_days
									)
									: __( 'On receipt', 'cuadra' ) }
							</td>
						</tr>
					) ) }
					{ data && data.items.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ 5 }>
								{ searched
									? __( 'No customers match this search.', 'cuadra' )
									: __( 'No customers yet. Add the first one with "Add customer".', 'cuadra' ) }
							</td>
						</tr>
					) }
					{ ! data && loading && (
						<tr className="no-items">
							<td colSpan={ 5 }>
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
