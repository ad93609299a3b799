import { createElement } from '@wordpress/element';
import type { ReactNode } from 'react';

import { navigate, screenUrl, type QueryValues } from '../../admin-location';

interface AdminLinkProps {
	/** Query values of the view to open on this admin page. */
	to: QueryValues;
	children: ReactNode;
	className?: string;
	'aria-label'?: string;
}

/** A real link to another view of this admin page, opened without a reload (new tabs still work). */
export function AdminLink( { to, children, className, ...rest }: AdminLinkProps ) {
	return (
		<a
			href={ screenUrl( to ) }
			className={ className }
			aria-label={ rest[ 'aria-label' ] }
			onClick={ ( event ) => {
				if (
					event.button !== 0 ||
					event.metaKey ||
					event.ctrlKey ||
					event.shiftKey ||
					event.altKey
				) {
					return;
				}
				event.preventDefault();
				navigate( to );
			} }
		>
			{ children }
		</a>
	);
}
