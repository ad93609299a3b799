import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { safeColour, textColourOn } from '../../department-colour';

interface DepartmentBadgeProps {
	department: { name: string; colour: string } | null;
}

/** The department's name on its colour, as in the inbox, the filters and the ticket. */
export function DepartmentBadge( { department }: DepartmentBadgeProps ) {
	if ( ! department ) {
		return <span className="cuadra-department-badge is-none">{ __( 'No department', 'cuadra' ) }</span>;
	}
	const colour = safeColour( department.colour );
	return (
		<span
			className="cuadra-department-badge"
			data-colour={ colour }
			style={ { backgroundColor: colour, color: textColourOn( colour ) } }
		>
			{ department.name }
		</span>
	);
}
