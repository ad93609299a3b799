import { Notice } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { AdminLink } from '../../../shared/components/admin-link';
import type { PersonalDataPermissions } from '../../contacts-types';
import { ContactList } from '../contact-list';
import { ContactView } from '../contact-view';
import '../../contacts.scss';

interface ContactsScreenProps {
	query: URLSearchParams;
	/** Whether the export and erase buttons show (the proxy refuses both routes to anyone else). */
	privacy: PersonalDataPermissions;
}

/** Tickets → Contacts: every person (leads, customers, subscribers), or one of them (&contact=ID). */
export function ContactsScreen( { query, privacy }: ContactsScreenProps ) {
	const chosen = query.get( 'contact' );
	if ( chosen !== null ) {
		const id = Number( chosen );
		if ( ! Number.isInteger( id ) || id < 1 ) {
			return (
				<Notice status="error" isDismissible={ false }>
					{ __( 'This contact does not exist any more.', 'cuadra' ) }{ ' ' }
					<AdminLink to={ { view: 'contacts' } }>{ __( '← Back to contacts', 'cuadra' ) }</AdminLink>
				</Notice>
			);
		}
		return <ContactView key={ id } contactId={ id } privacy={ privacy } />;
	}
	return <ContactList query={ query } />;
}
