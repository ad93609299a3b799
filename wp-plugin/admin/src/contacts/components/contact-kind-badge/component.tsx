import { createElement } from '@wordpress/element';

import { contactKindLabel } from '../../contact-labels';
import type { ContactKind } from '../../contacts-types';

interface ContactKindBadgeProps {
	kind: ContactKind;
}

export function ContactKindBadge( { kind }: ContactKindBadgeProps ) {
	return <span className={ `cuadra-status-badge cuadra-status-badge--contact-${ kind }` }>{ contactKindLabel( kind ) }</span>;
}
