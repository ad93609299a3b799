import { Notice, Spinner } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { MarketingList } from '../../../api/lists-types';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { takeFlash } from '../../../shared/flash';
import { userLocale } from '../../../shared/locale';
import { MEMBER_STATUSES, memberStatusLabel } from '../../list-labels';
import { useLists } from '../../use-lists';
import { ListEditor } from '../list-editor';
import { ListScreen } from '../list-screen';
import '../../lists.scss';

interface ListsScreenProps {
	query: URLSearchParams;
	/** admin-post.php URL with its nonce; `&list=…` is appended. */
	exportUrl: string;
}

/** Tickets → Lists: the marketing lists, one list with its members (&list=ID) or a new one (&list=new). */
export function ListsScreen( { query, exportUrl }: ListsScreenProps ) {
	const [ flash ] = useState( takeFlash );
	const lists = useLists();
	const chosen = query.get( 'list' );
	const numbers = new Intl.NumberFormat( userLocale() );

	if ( chosen === 'new' ) {
		return (
			<ListEditor
				key="new"
				list={ null }
				onSaved={ ( saved: MarketingList ) => {
					lists.reload();
					navigate( { view: 'lists', list: saved.id }, { replace: true } );
				} }
			/>
		);
	}
	if ( chosen !== null ) {
		const id = Number( chosen );
		if ( ! Number.isInteger( id ) || id < 1 ) {
			return (
				<Notice status="error" isDismissible={ false }>
					{ __( 'This list does not exist any more.', 'cuadra' ) }{ ' ' }
					<AdminLink to={ { view: 'lists' } }>{ __( '← Back to lists', 'cuadra' ) }</AdminLink>
				</Notice>
			);
		}
		return <ListScreen key={ id } listId={ id } query={ query } exportUrl={ exportUrl } onChanged={ lists.reload } />;
	}

	const items = lists.lists;
	return (
		<div className="cuadra-lists">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Lists', 'cuadra' ) }</h1>
				<AdminLink to={ { view: 'lists', list: 'new' } } className="page-title-action">
					{ __( 'Add list', 'cuadra' ) }
				</AdminLink>
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }
			{ lists.error && (
				<Notice status="error" isDismissible={ false }>
					{ lists.error }
				</Notice>
			) }
			<table className="wp-list-table widefat fixed striped table-view-list cuadra-list-table">
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'List', 'cuadra' ) }
						</th>
						<th scope="col">{ __( 'Description', 'cuadra' ) }</th>
						<th scope="col" className="cuadra-column-double-opt-in">
							{ __( 'Double opt-in', 'cuadra' ) }
						</th>
						{ MEMBER_STATUSES.map( ( status ) => (
							<th key={ status } scope="col" className="cuadra-column-count">
								{ memberStatusLabel( status ) }
							</th>
						) ) }
					</tr>
				</thead>
				<tbody>
					{ items === null && ! lists.error && (
						<tr className="no-items">
							<td colSpan={ 6 }>
								<Spinner />
							</td>
						</tr>
					) }
					{ items !== null && items.length === 0 && (
						<tr className="no-items">
							<td colSpan={ 6 }>{ __( 'No lists yet. Add one, then choose it in a contact form block.', 'cuadra' ) }</td>
						</tr>
					) }
					{ ( items ?? [] ).map( ( list ) => (
						<tr key={ list.id } className="cuadra-list-row">
							<td className="column-primary">
								<strong>
									<AdminLink to={ { view: 'lists', list: list.id } } className="row-title">
										{ list.name }
									</AdminLink>
								</strong>
							</td>
							<td className="cuadra-list-row__description">{ list.description }</td>
							<td>{ list.double_opt_in ? __( 'Yes', 'cuadra' ) : __( 'No', 'cuadra' ) }</td>
							{ MEMBER_STATUSES.map( ( status ) => (
								<td key={ status } className={ `cuadra-column-count cuadra-list-row__${ status }` }>
									{ numbers.format( list.counts[ status ] ) }
								</td>
							) ) }
						</tr>
					) ) }
				</tbody>
			</table>
		</div>
	);
}
