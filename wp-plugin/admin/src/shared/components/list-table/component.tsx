import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, Fragment } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import type { QueryValues } from '../../admin-location';
import type { ListPageState } from '../../use-list-page';
import { Pagination } from '../pagination';

export interface ListTableColumn {
	key: string;
	/** Already translated: the screen keeps its own strings. */
	label: ReactNode;
	className?: string;
}

interface ListTableProps< Item > {
	/** The screen's own table class, e.g. "cuadra-invoice-table" (e2e tests and styles select on it). */
	className: string;
	columns: ListTableColumn[];
	/** The page being loaded (useListPage): its total, load problem and loading state. */
	list: ListPageState< { total: number } >;
	/** The rows of the loaded page. */
	items: Item[] | undefined;
	renderRow: ( item: Item ) => ReactNode;
	/** What the empty table says; the screen picks its "no match" or "nothing yet" text. */
	emptyMessage: string;
	pagination: {
		page: number;
		perPage: number;
		/** Query values of the list, to which the page number is added. */
		query: QueryValues;
	};
	/** A <tfoot>, e.g. the sums of the invoices. */
	footer?: ReactNode;
	/** The translated count ("3 tickets found.") announced to screen readers once loaded. */
	foundText?: ( total: number ) => string;
	/** Show a spinner row before the first page arrives (default true). */
	spinner?: boolean;
	/** Repeat the pagination under the table when there is more than one page (default true). */
	bottomPagination?: boolean;
}

/**
 * WordPress's list table: the load problem, the pagination above and below, the column headings,
 * the rows, and the "no items" or loading row.
 */
export function ListTable< Item >( {
	className,
	columns,
	list,
	items,
	renderRow,
	emptyMessage,
	pagination,
	footer,
	foundText,
	spinner = true,
	bottomPagination = true,
}: ListTableProps< Item > ) {
	const { data, error, loading, reload } = list;
	const rows = data ? items ?? [] : null;
	const navigation = ( position: 'top' | 'bottom', total: number ) => (
		<div className={ `tablenav ${ position }` }>
			<Pagination total={ total } { ...pagination } />
			<br className="clear" />
		</div>
	);

	return (
		<Fragment>
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }{ ' ' }
					<Button variant="link" onClick={ reload }>
						{ __( 'Try again', 'cuadra' ) }
					</Button>
				</Notice>
			) }

			{ data && navigation( 'top', data.total ) }

			<table
				className={ `wp-list-table widefat fixed striped table-view-list ${ className }${
					loading ? ' is-loading' : ''
				}` }
			>
				<thead>
					<tr>
						{ columns.map( ( column ) => (
							<th key={ column.key } scope="col" className={ column.className }>
								{ column.label }
							</th>
						) ) }
					</tr>
				</thead>
				<tbody>
					{ rows?.map( renderRow ) }
					{ rows && rows.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ columns.length }>
								{ emptyMessage }
							</td>
						</tr>
					) }
					{ spinner && ! data && loading && (
						<tr className="no-items">
							<td colSpan={ columns.length }>
								<Spinner />
							</td>
						</tr>
					) }
				</tbody>
				{ footer }
			</table>

			{ bottomPagination && data && data.total > pagination.perPage && navigation( 'bottom', data.total ) }
			{ data && foundText && (
				<p className="screen-reader-text" aria-live="polite">
					{ foundText( data.total ) }
				</p>
			) }
		</Fragment>
	);
}
