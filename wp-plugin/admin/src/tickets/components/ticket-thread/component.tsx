import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { SupportAgent, TicketDetail, TicketMessage } from '../../../api/tickets-types';
import { formatDateTime } from '../../../shared/dates';
import { formatFileSize } from '../../durations';
import { messageText } from '../../message-text';
import { agentName, messageKindLabel } from '../../ticket-labels';

interface TicketThreadProps {
	ticket: TicketDetail;
	agents: SupportAgent[];
	attachmentUrl: string;
}

function attachmentHref( base: string, ticketId: number, attachmentId: number ): string {
	const url = new URL( base, window.location.href );
	url.searchParams.set( 'ticket', String( ticketId ) );
	url.searchParams.set( 'attachment', String( attachmentId ) );
	return url.toString();
}

function author( message: TicketMessage, agents: SupportAgent[] ): string {
	if ( message.author === 'staff' && message.staff_user_id !== null ) {
		const known = agents.find( ( agent ) => agent.id === message.staff_user_id );
		if ( known ) {
			return known.name;
		}
	}
	if ( message.author === 'system' ) {
		return __( 'Cuadra', 'cuadra' );
	}
	if ( message.author_name && message.author_email ) {
		return `${ message.author_name } <${ message.author_email }>`;
	}
	return message.author_name || message.author_email || agentName( agents, message.staff_user_id );
}

function Delivery( { message }: { message: TicketMessage } ) {
	const delivery = message.delivery;
	if ( ! delivery || message.kind !== 'reply' ) {
		return null;
	}
	if ( delivery.status === 'sent' ) {
		return (
			<span className="cuadra-ticket-message__delivery is-sent">
				{ sprintf(
					/* translators: %s: date and time the e-mail left */
					__( 'E-mailed %s', 'cuadra' ),
					formatDateTime( delivery.sent_at )
				) }
			</span>
		);
	}
	if ( delivery.status === 'failed' ) {
		return (
			<span className="cuadra-ticket-message__delivery is-failed">
				{ sprintf(
					/* translators: %s: the mail server's error */
					__( 'Could not be e-mailed: %s', 'cuadra' ),
					delivery.last_error ?? ''
				) }
			</span>
		);
	}
	return (
		<span className="cuadra-ticket-message__delivery is-pending">
			{ delivery.attempts > 0
				? __( 'Waiting to be e-mailed (will try again)', 'cuadra' )
				: __( 'Waiting to be e-mailed', 'cuadra' ) }
		</span>
	);
}

/**
 * The conversation, oldest first. Every text is rendered as text (React escapes it); an HTML e-mail
 * is reduced to its text, never inserted as HTML. Internal notes look different and say so.
 */
export function TicketThread( { ticket, agents, attachmentUrl }: TicketThreadProps ) {
	return (
		<ol className="cuadra-ticket-thread" aria-label={ __( 'Conversation', 'cuadra' ) }>
			{ ticket.messages.map( ( message ) => (
				<li
					key={ message.id }
					className={ `cuadra-ticket-message cuadra-ticket-message--${ message.kind } is-${ message.author }` }
				>
					<div className="cuadra-ticket-message__header">
						<span className="cuadra-ticket-message__kind">{ messageKindLabel( message ) }</span>
						<span className="cuadra-ticket-message__author">{ author( message, agents ) }</span>
						<time className="cuadra-ticket-message__time cuadra-muted" dateTime={ message.created_at }>
							{ formatDateTime( message.created_at ) }
						</time>
						<Delivery message={ message } />
					</div>
					{ message.kind === 'note' && (
						<p className="cuadra-ticket-message__note-warning">
							{ __( 'Only your team sees this note; it was not e-mailed.', 'cuadra' ) }
						</p>
					) }
					<div className="cuadra-ticket-message__body">{ messageText( message ) }</div>
					{ message.kind === 'submission' && ticket.submission && (
						<dl className="cuadra-ticket-message__fields">
							{ ticket.submission.phone && (
								<div>
									<dt>{ __( 'Phone', 'cuadra' ) }</dt>
									<dd>{ ticket.submission.phone }</dd>
								</div>
							) }
							{ Object.entries( ticket.submission.selects ).map( ( [ name, value ] ) => (
								<div key={ name }>
									<dt>{ name }</dt>
									<dd>{ Array.isArray( value ) ? value.join( ', ' ) : value }</dd>
								</div>
							) ) }
							{ ticket.submission.source.page_url && (
								<div>
									<dt>{ __( 'Sent from', 'cuadra' ) }</dt>
									<dd>{ ticket.submission.source.page_url }</dd>
								</div>
							) }
						</dl>
					) }
					{ message.attachments.length > 0 && (
						<ul className="cuadra-ticket-message__attachments" aria-label={ __( 'Attachments', 'cuadra' ) }>
							{ message.attachments.map( ( attachment ) => (
								<li key={ attachment.id }>
									<a href={ attachmentHref( attachmentUrl, ticket.id, attachment.id ) } download={ attachment.name }>
										{ attachment.name }
									</a>{ ' ' }
									<span className="cuadra-muted">({ formatFileSize( attachment.size ) })</span>
								</li>
							) ) }
						</ul>
					) }
				</li>
			) ) }
		</ol>
	);
}
