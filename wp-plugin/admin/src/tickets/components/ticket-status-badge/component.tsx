import { createElement } from '@wordpress/element';

import type { TicketStatus } from '../../../api/tickets-types';
import { ticketStatusLabel } from '../../ticket-labels';

interface TicketStatusBadgeProps {
	status: TicketStatus;
}

export function TicketStatusBadge( { status }: TicketStatusBadgeProps ) {
	return (
		<span className={ `cuadra-status-badge cuadra-status-badge--ticket-${ status }` }>
			{ ticketStatusLabel( status ) }
		</span>
	);
}
