import { createElement } from '@wordpress/element';

import type { TemplateStatus } from '../../../api/recurring-types';
import { templateStatusLabel } from '../../recurring-labels';

interface TemplateStatusBadgeProps {
	status: TemplateStatus;
}

/** The template's status as a coloured label, like the invoices' badges. */
export function TemplateStatusBadge( { status }: TemplateStatusBadgeProps ) {
	return (
		<span className={ `cuadra-status-badge cuadra-status-badge--template-${ status }` }>
			{ templateStatusLabel( status ) }
		</span>
	);
}
