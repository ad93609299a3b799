import { Button, Notice, SelectControl } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { listMembers, unsubscribeMember } from '../../../api/lists-api';
import type { ListMember, MemberPage, MemberStatus } from '../../../api/lists-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { Pagination } from '../../../shared/components/pagination';
import { formatDateTime } from '../../../shared/dates';
import { MEMBER_STATUSES, memberStatusLabel, sourceLabel } from '../../list-labels';
import { MemberStatusBadge } from '../member-status-badge';

const PER_PAGE = 20;
const COLUMNS = 5;

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
	const [ data, setData ] = useState< MemberPage | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ attempt, setAttempt ] = useState( 0 );
	const [ leaving, setLeaving ] = useState< ListMember | null >( null );
	const [ busy, setBusy ] = useState( false );
	const [ notice, setNotice ] = useState< { status: 'success' | 'error'; message: string } | null >( null );
	const requested = query.get( 'status' ) ?? '';
	const status = MEMBER_STATUSES.includes( requested as MemberStatus ) ? requested : '';
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const base = { view: 'lists', list: listId, status: status || null };

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		listMembers( listId, { status: status || undefined, page, per_page: PER_PAGE } )
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
	}, [ listId, status, page, version, attempt ] );

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
				setAttempt( ( count ) => count + 1 );
				onChanged();
			} )
			.catch( ( problem: unknown ) => setNotice( { status: 'error', message: describeRequestProblem( problem ).message } ) )
			.finally( () => {
				setBusy( false );
				setLeaving( null );
			} );
	};

	const members = data?.items ?? [];
	return (
		<div className="cuadra-list-members">
			<h2>{ __( 'Members', 'cuadra' ) }</h2>
			{ notice && (
				<Notice status={ notice.status } className="cuadra-list-members-notice" isDismissible={ false }>
					{ notice.message }
				</Notice>
			) }
			<div className="cuadra-filters">
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ status }
					options={ [
						{ value: '', label: __( 'All statuses', 'cuadra' ) },
						...MEMBER_STATUSES.map( ( value ) => ( { value: value as string, label: memberStatusLabel( value ) } ) ),
					] }
					onChange={ ( value: string ) => navigate( { ...base, status: value || null } ) }
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
			<table className={ `wp-list-table widefat fixed striped table-view-list cuadra-member-table${ loading ? ' is-loading' : '' }` }>
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'Contact', 'cuadra' ) }
						</th>
						<th scope="col">{ __( 'Status', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Consent', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Consent given', 'cuadra' ) }</th>
						<th scope="col" className="cuadra-column-actions">
							<span className="screen-reader-text">{ __( 'Actions', 'cuadra' ) }</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{ members.map( ( member ) => (
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
					) ) }
					{ data && members.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ COLUMNS }>
								{ status ? __( 'No members with this status.', 'cuadra' ) : __( 'This list has no members yet.', 'cuadra' ) }
							</td>
						</tr>
					) }
				</tbody>
			</table>
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
