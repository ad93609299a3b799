import { Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchList } from '../../../api/lists-api';
import type { MarketingList } from '../../../api/lists-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { AdminLink } from '../../../shared/components/admin-link';
import { takeFlash } from '../../../shared/flash';
import { userLocale } from '../../../shared/locale';
import { MEMBER_STATUSES, memberStatusLabel } from '../../list-labels';
import { AddMemberForm } from '../add-member-form';
import { ListEditor } from '../list-editor';
import { ListMembers } from '../list-members';

interface ListScreenProps {
	listId: number;
	query: URLSearchParams;
	exportUrl: string;
	/** Something about the list changed (name, counts): the lists overview reloads. */
	onChanged: () => void;
}

/** One list: its counts, the CSV export, its settings, adding a contact, and its members. */
export function ListScreen( { listId, query, exportUrl, onChanged }: ListScreenProps ) {
	const [ flash ] = useState( takeFlash );
	const [ list, setList ] = useState< MarketingList | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ version, setVersion ] = useState( 0 );
	const numbers = new Intl.NumberFormat( userLocale() );

	useEffect( () => {
		let current = true;
		fetchList( listId )
			.then( ( loaded ) => {
				if ( current ) {
					setList( loaded );
					setError( null );
				}
			} )
			.catch( ( problem: unknown ) => {
				if ( current ) {
					setError( describeRequestProblem( problem ).message );
				}
			} );
		return () => {
			current = false;
		};
	}, [ listId, version ] );

	const membersChanged = () => {
		setVersion( ( count ) => count + 1 );
		onChanged();
	};

	const back = (
		<p className="cuadra-back-link">
			<AdminLink to={ { view: 'lists' } }>{ __( '← Back to lists', 'cuadra' ) }</AdminLink>
		</p>
	);
	if ( ! list ) {
		return error ? (
			<div>
				{ back }
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			</div>
		) : (
			<div className="cuadra-screen-loading">
				<Spinner />
			</div>
		);
	}

	const exportHref = exportUrl ? `${ exportUrl }&list=${ list.id }` : '';
	return (
		<div className="cuadra-list-screen">
			{ back }
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ list.name }</h1>
				{ exportHref && (
					<a className="page-title-action cuadra-list-export" href={ exportHref }>
						{ __( 'Export CSV', 'cuadra' ) }
					</a>
				) }
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }
			<ul className="cuadra-list-counts">
				{ MEMBER_STATUSES.map( ( status ) => (
					<li key={ status } className={ `cuadra-list-counts__${ status }` }>
						<strong>{ numbers.format( list.counts[ status ] ) }</strong> { memberStatusLabel( status ) }
					</li>
				) ) }
			</ul>
			<p className="cuadra-muted">
				{ __( 'The CSV export holds every member with the consent that put them on the list (text, version, IP, browser, source and dates).', 'cuadra' ) }
			</p>

			<ListMembers listId={ list.id } query={ query } version={ version } onChanged={ membersChanged } />
			<AddMemberForm list={ list } onAdded={ membersChanged } />
			<ListEditor
				key={ list.updated_at }
				list={ list }
				onSaved={ ( saved ) => {
					setList( saved );
					onChanged();
				} }
			/>
		</div>
	);
}
