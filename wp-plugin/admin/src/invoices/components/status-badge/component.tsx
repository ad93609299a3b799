import { createElement } from '@wordpress/element';

import type { InvoiceStatus } from '../../../api/billing-types';
import { statusLabel } from '../../invoice-labels';

interface StatusBadgeProps {
	status: InvoiceStatus;
}

/** The invoice's status as a coloured label. */
export function StatusBadge( { status }: StatusBadgeProps ) {
	return (
		<span className={ `cuadra-status-badge cuadra-status-badge--${ status }` }>
			{ statusLabel( status ) }
		</span>
	);
}
