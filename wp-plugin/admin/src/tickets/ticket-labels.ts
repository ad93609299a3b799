// Names of ticket statuses, priorities and message kinds, in the user's language.
import { __, _x, sprintf } from '@wordpress/i18n';

import type { SupportAgent, TicketMessage, TicketPriority, TicketStatus } from '../api/tickets-types';

export const TICKET_STATUSES: TicketStatus[] = [ 'new', 'open', 'waiting', 'closed' ];
export const TICKET_PRIORITIES: TicketPriority[] = [ 'low', 'normal', 'high', 'urgent' ];

export function ticketStatusLabel( status: TicketStatus ): string {
	switch ( status ) {
		case 'new':
			return _x( 'New', 'ticket status', 'cuadra' );
		case 'open':
			return _x( 'Open', 'ticket status', 'cuadra' );
		case 'waiting':
			return _x( 'Waiting for customer', 'ticket status', 'cuadra' );
		case 'closed':
			return _x( 'Closed', 'ticket status', 'cuadra' );
	}
	return status;
}

export function priorityLabel( priority: TicketPriority ): string {
	switch ( priority ) {
		case 'low':
			return _x( 'Low', 'ticket priority', 'cuadra' );
		case 'normal':
			return _x( 'Normal', 'ticket priority', 'cuadra' );
		case 'high':
			return _x( 'High', 'ticket priority', 'cuadra' );
		case 'urgent':
			return _x( 'Urgent', 'ticket priority', 'cuadra' );
	}
	return priority;
}

/**
 * What a message of the thread is, as its header says.
 *
 * @param message The message.
 */
export function messageKindLabel( message: TicketMessage ): string {
	if ( message.kind === 'note' ) {
		return __( 'Internal note', 'cuadra' );
	}
	if ( message.kind === 'submission' ) {
		return __( 'Sent through the contact form', 'cuadra' );
	}
	if ( message.author === 'system' ) {
		return __( 'Automatic acknowledgement', 'cuadra' );
	}
	return message.author === 'customer' ? __( 'E-mail from the customer', 'cuadra' ) : __( 'Reply', 'cuadra' );
}

/**
 * The name of an assignee or department contact from the page's list of agents.
 *
 * @param agents All agents.
 * @param id     WordPress user id, or null.
 */
export function agentName( agents: SupportAgent[], id: number | null ): string {
	if ( id === null ) {
		return __( 'Unassigned', 'cuadra' );
	}
	const agent = agents.find( ( candidate ) => candidate.id === id );
	/* translators: %d: WordPress user id of someone who no longer answers tickets */
	return agent ? agent.name : sprintf( __( 'User #%d', 'cuadra' ), id );
}
