import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { ContactsScreen } from '../../../contacts/components/contacts-screen';
import { useScreenQuery } from '../../../shared/admin-location';
import { ListsScreen } from '../../../lists/components/lists-screen';
import { AdminLink } from '../../../shared/components/admin-link';
import type { TicketsBoot } from '../../tickets-boot';
import { useDepartments } from '../../use-departments';
import { DepartmentsScreen } from '../departments-screen';
import { MetricsScreen } from '../metrics-screen';
import { TicketInbox } from '../ticket-inbox';
import { TicketScreen } from '../ticket-screen';
import '../../tickets.scss';

interface TicketsPageProps {
	boot: TicketsBoot;
}

function idFrom( value: string | null ): number | null {
	const id = Number( value );
	return Number.isInteger( id ) && id > 0 ? id : null;
}

type View = 'inbox' | 'departments' | 'metrics' | 'lists' | 'contacts';

/** Cuadra → Tickets: the inbox, one ticket (?ticket=N), departments (?view=departments), metrics (?view=metrics), lists (?view=lists) or contacts (?view=contacts). */
export function TicketsPage( { boot }: TicketsPageProps ) {
	const query = useScreenQuery();
	const departments = useDepartments();
	const requested = query.get( 'view' );
	const view: View = requested === 'departments' || requested === 'metrics' || requested === 'lists' || requested === 'contacts' ? requested : 'inbox';
	const ticketId = view === 'inbox' ? idFrom( query.get( 'ticket' ) ) : null;

	const tab = ( target: View, label: string ) => (
		<AdminLink
			to={ target === 'inbox' ? {} : { view: target } }
			className={ `nav-tab${ view === target && ticketId === null ? ' nav-tab-active' : '' }` }
		>
			{ label }
		</AdminLink>
	);

	let screen;
	if ( view === 'departments' ) {
		screen = <DepartmentsScreen query={ query } agents={ boot.agents } departments={ departments } />;
	} else if ( view === 'metrics' ) {
		screen = <MetricsScreen agents={ boot.agents } />;
	} else if ( view === 'lists' ) {
		screen = <ListsScreen query={ query } exportUrl={ boot.listExportUrl } />;
	} else if ( view === 'contacts' ) {
		screen = (
			<ContactsScreen
				query={ query }
				privacy={ { canExport: boot.canExportPersonalData, canErase: boot.canErasePersonalData } }
			/>
		);
	} else if ( ticketId !== null ) {
		screen = <TicketScreen key={ ticketId } ticketId={ ticketId } boot={ boot } departments={ departments.departments ?? [] } />;
	} else {
		screen = <TicketInbox query={ query } boot={ boot } departments={ departments } />;
	}

	return (
		<div className="cuadra-tickets">
			<nav className="nav-tab-wrapper cuadra-tickets__tabs" aria-label={ __( 'Tickets sections', 'cuadra' ) }>
				{ tab( 'inbox', __( 'Inbox', 'cuadra' ) ) }
				{ tab( 'departments', __( 'Departments', 'cuadra' ) ) }
				{ tab( 'metrics', __( 'Metrics', 'cuadra' ) ) }
				{ tab( 'lists', __( 'Lists', 'cuadra' ) ) }
				{ tab( 'contacts', __( 'Contacts', 'cuadra' ) ) }
			</nav>
			{ screen }
		</div>
	);
}
