import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { fetchTicket } from '../../../api/tickets-api';
import type { Department, TicketDetail, TicketSummary } from '../../../api/tickets-types';
import { AdminLink } from '../../../shared/components/admin-link';
import { formatDateTime } from '../../../shared/dates';
import type { FlashNotice } from '../../../shared/flash';
import type { TicketsBoot } from '../../tickets-boot';
import { DepartmentBadge } from '../department-badge';
import { NoteBox } from '../note-box';
import { ReplyBox } from '../reply-box';
import { TicketProperties } from '../ticket-properties';
import { TicketStatusBadge } from '../ticket-status-badge';
import { TicketThread } from '../ticket-thread';

interface TicketScreenProps {
	ticketId: number;
	boot: TicketsBoot;
	departments: Department[];
}

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; ticket: TicketDetail };

/** One ticket: its thread, the reply and note boxes, and its status, priority, assignee and department. */
export function TicketScreen( { ticketId, boot, departments }: TicketScreenProps ) {
	const [ loaded, setLoaded ] = useState< Loaded >( { state: 'loading' } );
	const [ notice, setNotice ] = useState< FlashNotice | null >( null );
	const [ attempt, setAttempt ] = useState( 0 );

	useEffect( () => {
		let current = true;
		fetchTicket( ticketId )
			.then( ( ticket ) => {
				if ( current ) {
					setLoaded( { state: 'ready', ticket } );
				}
			} )
			.catch( ( error: unknown ) => {
				if ( current ) {
					setLoaded( { state: 'failed', message: describeRequestProblem( error ).message } );
				}
			} );
		return () => {
			current = false;
		};
	}, [ ticketId, attempt ] );

	if ( loaded.state === 'loading' ) {
		return (
			<div className="cuadra-screen-loading">
				<Spinner />
			</div>
		);
	}
	if ( loaded.state === 'failed' ) {
		return (
			<div className="cuadra-ticket-screen">
				<h1>{ __( 'Ticket', 'cuadra' ) }</h1>
				<Notice status="error" isDismissible={ false }>
					{ loaded.message }{ ' ' }
					<Button variant="link" onClick={ () => setAttempt( attempt + 1 ) }>
						{ __( 'Try again', 'cuadra' ) }
					</Button>
				</Notice>
				<p>
					<AdminLink to={ {} }>{ __( '← Back to tickets', 'cuadra' ) }</AdminLink>
				</p>
			</div>
		);
	}

	const { ticket } = loaded;
	const reload = () => setAttempt( ( count ) => count + 1 );
	const changed = ( summary: TicketSummary ) =>
		setLoaded( ( current ) => ( current.state === 'ready' ? { state: 'ready', ticket: { ...current.ticket, ...summary } } : current ) );

	return (
		<div className="cuadra-ticket-screen">
			<p className="cuadra-back-link">
				<AdminLink to={ {} }>{ __( '← Back to tickets', 'cuadra' ) }</AdminLink>
			</p>
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline cuadra-ticket-screen__title">{ `#${ ticket.number } ${ ticket.subject }` }</h1>
				<DepartmentBadge department={ ticket.department } />
				<TicketStatusBadge status={ ticket.status } />
			</div>
			<p className="cuadra-ticket-screen__meta cuadra-muted">
				{ sprintf(
					/* translators: 1: customer's name and e-mail, 2: date and time the ticket was created */
					__( 'From %1$s, %2$s', 'cuadra' ),
					ticket.contact.name ? `${ ticket.contact.name } <${ ticket.contact.email }>` : ticket.contact.email,
					formatDateTime( ticket.created_at )
				) }
			</p>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice status={ notice.status } className="cuadra-ticket-notice" onRemove={ () => setNotice( null ) }>
					{ notice.message }
				</Notice>
			) }

			<div className="cuadra-ticket-screen__layout">
				<div className="cuadra-ticket-screen__main">
					<TicketThread ticket={ ticket } agents={ boot.agents } attachmentUrl={ boot.attachmentUrl } />
					<ReplyBox
						ticket={ ticket }
						maxRequestBytes={ boot.maxRequestBytes }
						onSent={ ( message ) => {
							setNotice( { status: 'success', message } );
							reload();
						} }
					/>
					<NoteBox
						ticketId={ ticket.id }
						onAdded={ ( message ) => {
							setNotice( { status: 'success', message } );
							reload();
						} }
					/>
				</div>
				<aside className="cuadra-ticket-screen__side">
					<TicketProperties
						ticket={ ticket }
						agents={ boot.agents }
						departments={ departments }
						onChanged={ ( summary, message ) => {
							changed( summary );
							setNotice( { status: 'success', message } );
						} }
						onFailed={ ( message ) => setNotice( { status: 'error', message } ) }
					/>
				</aside>
			</div>
		</div>
	);
}
