import { Button, Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { listMembers, unsubscribeMember } from '../../../api/lists-api';
import type { ListMember, MemberStatus } from '../../../api/lists-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { FilterSelect } from '../../../shared/components/filter-select';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { formatDateTime } from '../../../shared/dates';
import { useListPage } from '../../../shared/use-list-page';
import { MEMBER_STATUSES, memberStatusLabel, sourceLabel } from '../../list-labels';
import { MemberStatusBadge } from '../member-status-badge';

const PER_PAGE = 20;

interface ListMembersProps {
	listId: number;
	query: URLSearchParams;
	/** Changes when a member was added elsewhere on the screen: the page is loaded again. */
	version: number;
	onChanged: () => void;
}

function contactText( member: ListMember ): string {
	return member.contact.name ? `${ member.contact.name } <${ member.contact.email }>` : member.contact.email;
}

/** A list's members, newest first, filtered by status (&status=…, paged with &paged=N). */
export function ListMembers( { listId, query, version, onChanged }: ListMembersProps ) {
	const [ leaving, setLeaving ] = useState< ListMember | null >( null );
	const [ busy, setBusy ] = useState( false );
	const [ notice, setNotice ] = useState< { status: 'success' | 'error'; message: string } | null >( null );
	const requested = query.get( 'status' ) ?? '';
	const status = MEMBER_STATUSES.includes( requested as MemberStatus ) ? requested : '';
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const base = { view: 'lists', list: listId, status: status || null };

	const members = useListPage(
		() => listMembers( listId, { status: status || undefined, page, per_page: PER_PAGE } ),
		[ listId, status, page, version ]
	);

	const onUnsubscribe = () => {
		if ( ! leaving ) {
			return;
		}
		setBusy( true );
		unsubscribeMember( listId, leaving.contact.id )
			.then( ( member ) => {
				setNotice( {
					status: 'success',
					/* translators: %s: the contact's e-mail address */
					message: sprintf( __( '%s was unsubscribed from the list.', 'cuadra' ), member.contact.email ),
				} );
				members.reload();
				onChanged();
			} )
			.catch( ( problem: unknown ) => setNotice( { status: 'error', message: describeRequestProblem( problem ).message } ) )
			.finally( () => {
				setBusy( false );
				setLeaving( null );
			} );
	};

	const columns: ListTableColumn[] = [
		{ key: 'contact', label: __( 'Contact', 'cuadra' ), className: 'column-primary' },
		{ key: 'status', label: __( 'Status', 'cuadra' ) },
		{ key: 'consent', label: __( 'Consent', 'cuadra' ) },
		{ key: 'consented', label: __( 'Consent given', 'cuadra' ) },
		{
			key: 'actions',
			label: <span className="screen-reader-text">{ __( 'Actions', 'cuadra' ) }</span>,
			className: 'cuadra-column-actions',
		},
	];

	const renderRow = ( member: ListMember ) => (
		<tr key={ member.contact.id } className={ `cuadra-member-row is-${ member.status }` }>
			<td className="column-primary">{ contactText( member ) }</td>
			<td>
				<MemberStatusBadge status={ member.status } />
				{ member.confirmed_at && (
					<span className="cuadra-muted cuadra-member-row__detail">
						{ sprintf(
							/* translators: %s: date and time */
							__( 'Confirmed %s', 'cuadra' ),
							formatDateTime( member.confirmed_at )
						) }
					</span>
				) }
				{ member.unsubscribed_at && (
					<span className="cuadra-muted cuadra-member-row__detail">
						{ sprintf(
							/* translators: 1: date and time, 2: how the contact left (link, one-click, staff member) */
							__( 'Unsubscribed %1$s · %2$s', 'cuadra' ),
							formatDateTime( member.unsubscribed_at ),
							sourceLabel( member.unsubscribe_source )
						) }
					</span>
				) }
			</td>
			<td className="cuadra-member-row__consent">
				<span className="cuadra-member-row__consent-text">{ member.consent.text }</span>
				{ member.consent.version && (
					<span className="cuadra-muted cuadra-member-row__detail">
						{ sprintf(
							/* translators: %s: version of the consent text, e.g. v1 */
							__( 'Text version: %s', 'cuadra' ),
							member.consent.version
						) }
					</span>
				) }
			</td>
			<td>
				<time dateTime={ member.consent.consented_at }>{ formatDateTime( member.consent.consented_at ) }</time>
				<span className="cuadra-muted cuadra-member-row__detail">{ sourceLabel( member.consent.source ) }</span>
				{ member.consent.ip && (
					<span className="cuadra-muted cuadra-member-row__detail">
						{ sprintf(
							/* translators: %s: IP address */
							__( 'IP: %s', 'cuadra' ),
							member.consent.ip
						) }
					</span>
				) }
			</td>
			<td className="cuadra-column-actions">
				{ member.status !== 'unsubscribed' && (
					<Button variant="secondary" isDestructive size="small" onClick={ () => setLeaving( member ) }>
						{ __( 'Unsubscribe', 'cuadra' ) }
					</Button>
				) }
			</td>
		</tr>
	);

	return (
		<div className="cuadra-list-members">
			<h2>{ __( 'Members', 'cuadra' ) }</h2>
			{ notice && (
				<Notice status={ notice.status } className="cuadra-list-members-notice" isDismissible={ false }>
					{ notice.message }
				</Notice>
			) }
			<div className="cuadra-filters">
				<FilterSelect
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ status }
					allLabel={ __( 'All statuses', 'cuadra' ) }
					options={ MEMBER_STATUSES.map( ( value ) => ( { value: value as string, label: memberStatusLabel( value ) } ) ) }
					onChange={ ( value ) => navigate( { ...base, status: value || null } ) }
				/>
			</div>
			<ListTable
				className="cuadra-member-table"
				columns={ columns }
				list={ members }
				items={ members.data?.items }
				renderRow={ renderRow }
				emptyMessage={ status ? __( 'No members with this status.', 'cuadra' ) : __( 'This list has no members yet.', 'cuadra' ) }
				pagination={ { page, perPage: PER_PAGE, query: base } }
				spinner={ false }
				bottomPagination={ false }
			/>
			{ leaving && (
				<ConfirmDialog
					title={ __( 'Unsubscribe this contact?', 'cuadra' ) }
					confirmLabel={ __( 'Unsubscribe', 'cuadra' ) }
					cancelLabel={ __( 'Cancel', 'cuadra' ) }
					destructive
					busy={ busy }
					onConfirm={ onUnsubscribe }
					onCancel={ () => setLeaving( null ) }
				>
					<p>
						{ sprintf(
							/* translators: %s: the contact's name and e-mail address */
							__( '%s will receive nothing more from this list.', 'cuadra' ),
							contactText( leaving )
						) }
					</p>
					<p>
						{ __( 'This cannot be undone: the contact stays unsubscribed from this list, and later sign-ups (contact forms, staff, imports) leave it so.', 'cuadra' ) }
					</p>
				</ConfirmDialog>
			) }
		</div>
	);
}
