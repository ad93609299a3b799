import { Button, Card, CardBody, CardHeader, Notice, Spinner } from '@wordpress/components';
import { createElement, Fragment, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { MemberStatusBadge } from '../../../lists/components/member-status-badge';
import { sourceLabel } from '../../../lists/list-labels';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { formatDateTime } from '../../../shared/dates';
import { setFlash, type FlashNotice } from '../../../shared/flash';
import { DepartmentBadge } from '../../../tickets/components/department-badge';
import { TicketStatusBadge } from '../../../tickets/components/ticket-status-badge';
import { eraseContact, fetchContact, fetchPersonalData } from '../../contacts-api';
import { contactSourceLabel } from '../../contact-labels';
import type { ContactDetail, ErasureResult, PersonalDataPermissions } from '../../contacts-types';
import { ContactKindBadge } from '../contact-kind-badge';
import { LeadEditor } from '../lead-editor';

interface ContactViewProps {
	contactId: number;
	privacy: PersonalDataPermissions;
}

/**
 * Hands a JSON document to the browser as a file download.
 *
 * @param data     What to save.
 * @param fileName Name offered for the file.
 */
function downloadJson( data: unknown, fileName: string ): void {
	const url = URL.createObjectURL( new Blob( [ JSON.stringify( data, null, 2 ) ], { type: 'application/json' } ) );
	const link = document.createElement( 'a' );
	link.href = url;
	link.download = fileName;
	document.body.appendChild( link );
	link.click();
	link.remove();
	window.setTimeout( () => URL.revokeObjectURL( url ), 1000 );
}

function retainedText( result: ErasureResult ): string {
	const invoices = result.retained.filter( ( entry ) => entry.what === 'invoices' ).reduce( ( sum, entry ) => sum + entry.count, 0 );
	if ( invoices > 0 ) {
		return sprintf(
			/* translators: %d: number of invoices kept */
			_n(
				'The rest was erased. The contact is kept with its %d invoice, which the law requires us to keep.',
				'The rest was erased. The contact is kept with its %d invoices, which the law requires us to keep.',
				invoices,
				'cuadra'
			),
			invoices
		);
	}
	return __( 'The rest was erased. The contact is kept because it is an invoice customer, which the law requires us to keep.', 'cuadra' );
}

/** One contact: who it is, its tickets, its lists with the consent given, and its personal data. */
export function ContactView( { contactId, privacy }: ContactViewProps ) {
	const [ contact, setContact ] = useState< ContactDetail | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ attempt, setAttempt ] = useState( 0 );
	const [ notice, setNotice ] = useState< FlashNotice | null >( null );
	const [ exporting, setExporting ] = useState( false );
	const [ confirmingErase, setConfirmingErase ] = useState( false );
	const [ erasing, setErasing ] = useState( false );

	useEffect( () => {
		let current = true;
		setError( null );
		fetchContact( contactId )
			.then( ( loaded ) => {
				if ( current ) {
					setContact( loaded );
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
	}, [ contactId, attempt ] );

	const back = <AdminLink to={ { view: 'contacts' } }>{ __( '← Back to contacts', 'cuadra' ) }</AdminLink>;

	if ( error && ! contact ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ error }{ ' ' }
				<Button variant="link" onClick={ () => setAttempt( attempt + 1 ) }>
					{ __( 'Try again', 'cuadra' ) }
				</Button>{ ' ' }
				{ back }
			</Notice>
		);
	}
	if ( ! contact ) {
		return <Spinner />;
	}

	const onExport = () => {
		setExporting( true );
		setNotice( null );
		fetchPersonalData( contact.id )
			.then( ( data ) => downloadJson( data, `contact-${ contact.id }-personal-data.json` ) )
			.catch( ( problem: unknown ) => setNotice( { status: 'error', message: describeRequestProblem( problem ).message } ) )
			.finally( () => setExporting( false ) );
	};

	const onErase = () => {
		setErasing( true );
		eraseContact( contact.email )
			.then( ( result ) => {
				if ( result.retained.some( ( entry ) => entry.what === 'contact' && entry.contact_id === contact.id ) ) {
					setNotice( { status: 'warning', message: retainedText( result ) } );
					setAttempt( ( count ) => count + 1 );
					return;
				}
				setFlash( {
					status: 'success',
					/* translators: %s: e-mail address */
					message: sprintf( __( 'The personal data of %s was erased.', 'cuadra' ), result.email ),
				} );
				navigate( { view: 'contacts' }, { replace: true } );
			} )
			.catch( ( problem: unknown ) => setNotice( { status: 'error', message: describeRequestProblem( problem ).message } ) )
			.finally( () => {
				setErasing( false );
				setConfirmingErase( false );
			} );
	};

	return (
		<div className="cuadra-contact">
			<p className="cuadra-back-link">{ back }</p>
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline cuadra-contact__name">{ contact.name || contact.email }</h1>{ ' ' }
				<ContactKindBadge kind={ contact.kind } />
			</div>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice status={ notice.status } className="cuadra-contact-notice" isDismissible={ false }>
					{ notice.message }
				</Notice>
			) }

			<Card className="cuadra-card cuadra-contact__details">
				<CardHeader>
					<h2 className="cuadra-card__title">{ __( 'Details', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					<dl className="cuadra-contact__facts">
						<dt>{ __( 'E-mail', 'cuadra' ) }</dt>
						<dd className="cuadra-contact__email">
							<a href={ `mailto:${ contact.email }` }>{ contact.email }</a>
						</dd>
						<dt>{ __( 'Phone', 'cuadra' ) }</dt>
						<dd className="cuadra-contact__phone">{ contact.phone || '—' }</dd>
						<dt>{ __( 'First contact', 'cuadra' ) }</dt>
						<dd>
							<time dateTime={ contact.created_at }>{ formatDateTime( contact.created_at ) }</time>
							{ ' · ' }
							{ contactSourceLabel( contact.source ) }
						</dd>
						<dt>{ __( 'Last activity', 'cuadra' ) }</dt>
						<dd>
							<time dateTime={ contact.last_activity_at }>{ formatDateTime( contact.last_activity_at ) }</time>
						</dd>
					</dl>
					{ contact.editable ? (
						<LeadEditor contact={ contact } onSaved={ setContact } />
					) : (
						<p className="cuadra-muted cuadra-contact__billing-note">
							{ __( 'This contact is a customer: its name, phone and billing data are changed in Cuadra → Customers, by billing staff.', 'cuadra' ) }
						</p>
					) }
				</CardBody>
			</Card>

			<h2>{ __( 'Tickets', 'cuadra' ) }</h2>
			<table className="wp-list-table widefat fixed striped table-view-list cuadra-contact-tickets">
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'Ticket', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-department">
							{ __( 'Department', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-status">
							{ __( 'Status', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-activity">
							{ __( 'Last activity', 'cuadra' ) }
						</th>
					</tr>
				</thead>
				<tbody>
					{ contact.tickets.map( ( ticket ) => (
						<tr key={ ticket.id } className={ `cuadra-contact-ticket is-${ ticket.status }` }>
							<td className="column-primary">
								<AdminLink to={ { ticket: ticket.id } } className="row-title">
									{ `#${ ticket.number } ${ ticket.subject }` }
								</AdminLink>
							</td>
							<td>
								<DepartmentBadge department={ ticket.department } />
							</td>
							<td>
								<TicketStatusBadge status={ ticket.status } />
							</td>
							<td>
								<time dateTime={ ticket.last_message_at }>{ formatDateTime( ticket.last_message_at ) }</time>
							</td>
						</tr>
					) ) }
					{ contact.tickets.length === 0 && (
						<tr className="no-items">
							<td colSpan={ 4 }>{ __( 'No tickets from this contact.', 'cuadra' ) }</td>
						</tr>
					) }
				</tbody>
			</table>

			<h2>{ __( 'Lists and consent', 'cuadra' ) }</h2>
			<table className="wp-list-table widefat fixed striped table-view-list cuadra-contact-lists">
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'List', 'cuadra' ) }
						</th>
						<th scope="col">{ __( 'Status', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Consent', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Consent given', 'cuadra' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ contact.list_memberships.map( ( membership ) => (
						<tr key={ membership.list.id } className={ `cuadra-contact-membership is-${ membership.status }` }>
							<td className="column-primary">
								<AdminLink to={ { view: 'lists', list: membership.list.id } } className="row-title">
									{ membership.list.name }
								</AdminLink>
							</td>
							<td>
								<MemberStatusBadge status={ membership.status } />
								{ membership.confirmed_at && (
									<span className="cuadra-muted cuadra-member-row__detail cuadra-contact-membership__confirmed">
										{ sprintf(
											/* translators: %s: date and time */
											__( 'Confirmed %s', 'cuadra' ),
											formatDateTime( membership.confirmed_at )
										) }
									</span>
								) }
								{ membership.unsubscribed_at && (
									<span className="cuadra-muted cuadra-member-row__detail cuadra-contact-membership__unsubscribed">
										{ sprintf(
											/* translators: 1: date and time, 2: how the contact left (link, one-click, staff member) */
											__( 'Unsubscribed %1$s · %2$s', 'cuadra' ),
											formatDateTime( membership.unsubscribed_at ),
											sourceLabel( membership.unsubscribe_source )
										) }
									</span>
								) }
							</td>
							<td className="cuadra-member-row__consent">
								<span className="cuadra-member-row__consent-text">{ membership.consent.text }</span>
								{ membership.consent.version && (
									<span className="cuadra-muted cuadra-member-row__detail">
										{ sprintf(
											/* translators: %s: version of the consent text, e.g. v1 */
											__( 'Text version: %s', 'cuadra' ),
											membership.consent.version
										) }
									</span>
								) }
							</td>
							<td className="cuadra-contact-membership__given">
								<time dateTime={ membership.consent.consented_at }>{ formatDateTime( membership.consent.consented_at ) }</time>
								<span className="cuadra-muted cuadra-member-row__detail">{ sourceLabel( membership.consent.source ) }</span>
								{ membership.consent.ip && (
									<span className="cuadra-muted cuadra-member-row__detail">
										{ sprintf(
											/* translators: %s: IP address */
											__( 'IP: %s', 'cuadra' ),
											membership.consent.ip
										) }
									</span>
								) }
							</td>
						</tr>
					) ) }
					{ contact.list_memberships.length === 0 && (
						<tr className="no-items">
							<td colSpan={ 4 }>{ __( 'This contact is on no list.', 'cuadra' ) }</td>
						</tr>
					) }
				</tbody>
			</table>

			<Card className="cuadra-card cuadra-contact__privacy">
				<CardHeader>
					<h2 className="cuadra-card__title">{ __( 'Personal data', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					{ privacy.canExport || privacy.canErase ? (
						<>
							<p className="cuadra-muted">
								{ __( 'For requests under the GDPR: export everything stored about this e-mail address, or erase it.', 'cuadra' ) }
							</p>
							<div className="cuadra-panel__actions">
								{ privacy.canExport && (
									<Button variant="secondary" onClick={ onExport } isBusy={ exporting } disabled={ exporting }>
										{ __( 'Export personal data', 'cuadra' ) }
									</Button>
								) }
								{ privacy.canErase && (
									<Button variant="secondary" isDestructive onClick={ () => setConfirmingErase( true ) } disabled={ erasing }>
										{ __( 'Erase personal data', 'cuadra' ) }
									</Button>
								) }
							</div>
						</>
					) : (
						<p className="cuadra-muted">
							{ __( 'Exporting or erasing a person’s personal data is for users allowed to use WordPress’s privacy tools (administrators, by default).', 'cuadra' ) }
						</p>
					) }
				</CardBody>
			</Card>

			{ privacy.canErase && confirmingErase && (
				<ConfirmDialog
					title={ __( 'Erase this contact’s personal data?', 'cuadra' ) }
					confirmLabel={ __( 'Erase', 'cuadra' ) }
					cancelLabel={ __( 'Cancel', 'cuadra' ) }
					destructive
					busy={ erasing }
					onConfirm={ onErase }
					onCancel={ () => setConfirmingErase( false ) }
				>
					<p>
						{ sprintf(
							/* translators: %s: e-mail address */
							__( 'Everything stored about %s is erased: list memberships and their consent, contact-form submissions, and the text, names and attachments of its tickets (the tickets stay, anonymised, for the statistics).', 'cuadra' ),
							contact.email
						) }
					</p>
					<p>
						{ __( 'Invoices are kept, with the customer they name: Spanish law requires keeping them for years. A contact with invoices therefore stays, and the rest of its data is erased.', 'cuadra' ) }
					</p>
					<p>{ __( 'This cannot be undone.', 'cuadra' ) }</p>
				</ConfirmDialog>
			) }
		</div>
	);
}
