// Names of list member statuses and consent sources, in the user's language.
import { _x, sprintf, __ } from '@wordpress/i18n';

import type { MemberStatus } from '../api/lists-types';

export const MEMBER_STATUSES: MemberStatus[] = [ 'pending', 'subscribed', 'unsubscribed' ];

export function memberStatusLabel( status: MemberStatus ): string {
	switch ( status ) {
		case 'pending':
			return _x( 'Pending confirmation', 'list member status', 'cuadra' );
		case 'subscribed':
			return _x( 'Subscribed', 'list member status', 'cuadra' );
		case 'unsubscribed':
			return _x( 'Unsubscribed', 'list member status', 'cuadra' );
	}
	return status;
}

/**
 * Where a consent or an unsubscription came from: "form:12", "admin:ana", "import:ana", "link", "one-click", "mailto".
 *
 * @param source The service's source string.
 */
export function sourceLabel( source: string | null ): string {
	if ( ! source ) {
		return '—';
	}
	const [ kind, detail = '' ] = source.split( /:(.*)/s );
	switch ( kind ) {
		case 'form':
			/* translators: %s: id of the page or post holding the contact form */
			return sprintf( __( 'Contact form (post %s)', 'cuadra' ), detail );
		case 'admin':
			/* translators: %s: login of the WordPress user */
			return sprintf( __( 'Added by %s', 'cuadra' ), detail );
		case 'import':
			/* translators: %s: login of the WordPress user */
			return sprintf( __( 'Imported by %s', 'cuadra' ), detail );
		case 'link':
			return __( 'Unsubscribe link', 'cuadra' );
		case 'one-click':
			return __( 'One-click unsubscribe (mail client)', 'cuadra' );
		case 'mailto':
			return __( 'Unsubscribe e-mail (mail client)', 'cuadra' );
	}
	return source;
}
