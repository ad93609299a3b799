import { createElement } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { QueryValues } from '../../admin-location';
import { userLocale } from '../../locale';
import { AdminLink } from '../admin-link';

interface PaginationProps {
	total: number;
	page: number;
	perPage: number;
	/** Query values of the list, to which the page number is added. */
	query: QueryValues;
	/** Query name of the page number. */
	pageParam?: string;
}

/** WordPress's list-table pagination ("12 items  « ‹ 1 of 2 › »"), as links. */
export function Pagination( {
	total,
	page,
	perPage,
	query,
	pageParam = 'paged',
}: PaginationProps ) {
	const pages = Math.max( 1, Math.ceil( total / perPage ) );
	const numbers = new Intl.NumberFormat( userLocale() );
	const link = (
		target: number,
		className: string,
		label: string,
		symbol: string
	) =>
		target < 1 || target > pages || target === page ? (
			<span
				className="tablenav-pages-navspan button disabled"
				aria-hidden="true"
			>
				{ symbol }
			</span>
		) : (
			<AdminLink
				className={ `${ className } button` }
				to={ { ...query, [ pageParam ]: target > 1 ? target : null } }
			>
				<span className="screen-reader-text">{ label }</span>
				<span aria-hidden="true">{ symbol }</span>
			</AdminLink>
		);

	return (
		<div
			className={ `tablenav-pages${ pages <= 1 ? ' one-page' : '' }` }
		>
			<span className="displaying-num">
				{ sprintf(
					/* translators: %s: number of items in the list */
					_n( '%s item', '%s items', total, 'cuadra' ),
					numbers.format( total )
				) }
			</span>
			{ pages > 1 && (
				<span className="pagination-links">
					{ link( 1, 'first-page', __( 'First page', 'cuadra' ), '«' ) }{ ' ' }
					{ link( page - 1, 'prev-page', __( 'Previous page', 'cuadra' ), '‹' ) }{ ' ' }
					<span className="paging-input">
						<span className="tablenav-paging-text">
							{ sprintf(
								/* translators: 1: current page, 2: number of pages */
								__( '%1$s of %2$s', 'cuadra' ),
								numbers.format( page ),
								numbers.format( pages )
							) }
						</span>
					</span>{ ' ' }
					{ link( page + 1, 'next-page', __( 'Next page', 'cuadra' ), '›' ) }{ ' ' }
					{ link( pages, 'last-page', __( 'Last page', 'cuadra' ), '»' ) }
				</span>
			) }
		</div>
	);
}
