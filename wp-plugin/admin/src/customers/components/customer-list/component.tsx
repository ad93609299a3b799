import { Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { searchCustomers } from '../../../api/billing-api';
import type { Customer } from '../../../api/billing-types';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { SearchBox } from '../../../shared/components/search-box';
import { takeFlash } from '../../../shared/flash';
import { useListPage } from '../../../shared/use-list-page';

const PER_PAGE = 20;

interface CustomerListProps {
	query: URLSearchParams;
}

/** Cuadra → Customers: search by name, tax ID or e-mail, one page at a time. */
export function CustomerList( { query }: CustomerListProps ) {
	const [ flash ] = useState( takeFlash );
	const searched = query.get( 's' ) ?? '';
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const customers = useListPage(
		() => searchCustomers( { search: searched, page, per_page: PER_PAGE } ),
		[ searched, page ]
	);

	const base = { s: searched };

	const columns: ListTableColumn[] = [
		{ key: 'name', label: __( 'Name', 'cuadra' ), className: 'column-primary' },
		{ key: 'tax-id', label: __( 'Tax ID', 'cuadra' ) },
		{ key: 'email', label: __( 'E-mail', 'cuadra' ) },
		{ key: 'city', label: __( 'City', 'cuadra' ) },
		{ key: 'terms', label: __( 'Payment terms', 'cuadra' ), className: 'cuadra-column-terms' },
	];

	const renderRow = ( customer: Customer ) => (
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
	);

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
			<SearchBox
				id="cuadra-customer-search"
				label={ __( 'Search customers', 'cuadra' ) }
				placeholder={ __( 'Name, tax ID or e-mail', 'cuadra' ) }
				searched={ searched }
				onSearch={ ( search ) => navigate( { s: search } ) }
			/>

			<ListTable
				className="cuadra-customer-table"
				columns={ columns }
				list={ customers }
				items={ customers.data?.items }
				renderRow={ renderRow }
				emptyMessage={
					searched
						? __( 'No customers match this search.', 'cuadra' )
						: __( 'No customers yet. Add the first one with "Add customer".', 'cuadra' )
				}
				pagination={ { page, perPage: PER_PAGE, query: base } }
			/>
		</div>
	);
}
