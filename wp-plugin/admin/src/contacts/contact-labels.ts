// Names of contact kinds, filters and sources, in the user's language.
import { __, _x } from '@wordpress/i18n';

import type { ContactFilterName, ContactKind } from './contacts-types';

export const CONTACT_FILTERS: ContactFilterName[] = [ 'all', 'leads', 'customers', 'subscribers' ];

export function contactKindLabel( kind: ContactKind ): string {
	return kind === 'customer' ? _x( 'Customer', 'contact kind', 'cuadra' ) : _x( 'Lead', 'contact kind', 'cuadra' );
}

export function contactFilterLabel( filter: ContactFilterName ): string {
	switch ( filter ) {
		case 'all':
			return __( 'All contacts', 'cuadra' );
		case 'leads':
			return __( 'Leads (not customers yet)', 'cuadra' );
		case 'customers':
			return __( 'Customers', 'cuadra' );
		case 'subscribers':
			return __( 'Subscribed to a list', 'cuadra' );
	}
	return filter;
}

/**
 * How the contact first reached us.
 *
 * @param source billing, form, email, admin or import.
 */
export function contactSourceLabel( source: string ): string {
	switch ( source ) {
		case 'billing':
			return __( 'Entered as a customer', 'cuadra' );
		case 'form':
			return __( 'Contact form', 'cuadra' );
		case 'email':
			return __( 'E-mail to the support address', 'cuadra' );
		case 'admin':
			return __( 'Added to a list by staff', 'cuadra' );
		case 'import':
			return __( 'Imported into a list', 'cuadra' );
	}
	return source;
}
