import { createElement } from '@wordpress/element';

import type { MemberStatus } from '../../../api/lists-types';
import { memberStatusLabel } from '../../list-labels';

interface MemberStatusBadgeProps {
	status: MemberStatus;
}

export function MemberStatusBadge( { status }: MemberStatusBadgeProps ) {
	return (
		<span className={ `cuadra-status-badge cuadra-status-badge--member-${ status }` }>{ memberStatusLabel( status ) }</span>
	);
}
