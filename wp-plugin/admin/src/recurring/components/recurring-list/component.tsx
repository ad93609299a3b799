import { Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { listTemplates } from '../../../api/recurring-api';
import type { Template } from '../../../api/recurring-types';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { FilterSelect } from '../../../shared/components/filter-select';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { SearchBox } from '../../../shared/components/search-box';
import { formatDate } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { formatMoney } from '../../../shared/money';
import { useListPage } from '../../../shared/use-list-page';
import { periodicityLabel, TEMPLATE_STATUSES, templateStatusLabel } from '../../recurring-labels';
import { TemplateProblems } from '../template-problems';
import { TemplateStatusBadge } from '../template-status-badge';

const PER_PAGE = 20;

interface RecurringListProps {
	query: URLSearchParams;
}

function listQuery( query: URLSearchParams ): QueryValues {
	return { s: query.get( 's' ), status: query.get( 'status' ) };
}

/** Cuadra → Recurring: the templates with their status, next issue date and MRR contribution. */
export function RecurringList( { query }: RecurringListProps ) {
	const [ flash ] = useState( takeFlash );
	const searched = query.get( 's' ) ?? '';
	const status = query.get( 'status' ) ?? '';
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const templates = useListPage(
		() => listTemplates( { search: searched, status, page, per_page: PER_PAGE } ),
		[ searched, status, page ]
	);

	const base = listQuery( query );
	const filtered = searched !== '' || status !== '';

	const columns: ListTableColumn[] = [
		{ key: 'customer', label: __( 'Customer', 'cuadra' ), className: 'column-primary' },
		{ key: 'periodicity', label: __( 'Periodicity', 'cuadra' ), className: 'cuadra-column-periodicity' },
		{ key: 'status', label: __( 'Status', 'cuadra' ), className: 'cuadra-column-status' },
		{ key: 'next', label: __( 'Next invoice', 'cuadra' ), className: 'cuadra-column-next' },
		{ key: 'amount', label: __( 'Per invoice', 'cuadra' ), className: 'cuadra-amount' },
		{
			key: 'mrr',
			label: <abbr title={ __( 'Monthly recurring revenue', 'cuadra' ) }>{ __( 'MRR', 'cuadra' ) }</abbr>,
			className: 'cuadra-amount',
		},
	];

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

			<SearchBox
				id="cuadra-template-search"
				label={ __( 'Search recurring invoices', 'cuadra' ) }
				placeholder={ __( 'Customer or description', 'cuadra' ) }
				searched={ searched }
				onSearch={ ( search ) => navigate( { ...base, s: search } ) }
			/>

			<div className="cuadra-filters">
				<FilterSelect
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ status }
					allLabel={ __( 'All statuses', 'cuadra' ) }
					options={ TEMPLATE_STATUSES.map( ( value ) => ( {
						value: value as string,
						label: templateStatusLabel( value ),
					} ) ) }
					onChange={ ( value ) => navigate( { s: searched, status: value } ) }
				/>
			</div>

			<ListTable
				className="cuadra-template-table"
				columns={ columns }
				list={ templates }
				items={ templates.data?.templates }
				renderRow={ renderRow }
				emptyMessage={
					filtered
						? __( 'No recurring invoices match these filters.', 'cuadra' )
						: __( 'No recurring invoices yet. Create the first one with "New recurring invoice".', 'cuadra' )
				}
				pagination={ { page, perPage: PER_PAGE, query: base } }
			/>
		</div>
	);
}
