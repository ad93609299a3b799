import * as element from '@wordpress/element';
import { createElement } from '@wordpress/element';

import { CustomersPage } from './customers/components/customers-page';
import { HomePage } from './home/components/home-page';
import { InvoicesPage } from './invoices/components/invoices-page';
import { OrdersPage } from './orders/components/orders-page';
import { RecurringPage } from './recurring/components/recurring-page';
import { SettingsPage } from './settings/components/settings-page';
import { TicketsPage } from './tickets/components/tickets-page';
import { readTicketsBoot } from './tickets/tickets-boot';
import './admin.scss';

type AppElement = ReturnType< typeof createElement >;

/**
 * WordPress ≥ 6.2 ships React 18 (createRoot); 6.1 has only render().
 *
 * @param container Element the page shell printed.
 * @param app       Screen to show in it.
 */
function mount( container: HTMLElement, app: AppElement ) {
	if ( typeof element.createRoot === 'function' ) {
		element.createRoot( container ).render( app );
	} else {
		element.render( app, container );
	}
}

function start() {
	const home = document.getElementById( 'cuadra-home-root' );
	if ( home ) {
		mount(
			home,
			<HomePage
				canManage={ home.dataset.canManage === '1' }
				canBill={ home.dataset.canBill === '1' }
				settingsUrl={ home.dataset.settingsUrl ?? '' }
				recurringUrl={ home.dataset.recurringUrl ?? '' }
			/>
		);
	}

	const settings = document.getElementById( 'cuadra-settings-root' );
	if ( settings ) {
		mount( settings, <SettingsPage /> );
	}

	const invoices = document.getElementById( 'cuadra-invoices-root' );
	if ( invoices ) {
		mount(
			invoices,
			<InvoicesPage
				canManage={ invoices.dataset.canManage === '1' }
				settingsUrl={ invoices.dataset.settingsUrl ?? '' }
				customersUrl={ invoices.dataset.customersUrl ?? '' }
			/>
		);
	}

	const recurring = document.getElementById( 'cuadra-recurring-root' );
	if ( recurring ) {
		mount(
			recurring,
			<RecurringPage
				invoicesUrl={ recurring.dataset.invoicesUrl ?? '' }
				customersUrl={ recurring.dataset.customersUrl ?? '' }
			/>
		);
	}

	const tickets = document.getElementById( 'cuadra-tickets-root' );
	if ( tickets ) {
		mount( tickets, <TicketsPage boot={ readTicketsBoot( tickets.dataset ) } /> );
	}

	const orders = document.getElementById( 'cuadra-orders-root' );
	if ( orders ) {
		mount(
			orders,
			<OrdersPage
				invoicesUrl={ orders.dataset.invoicesUrl ?? '' }
				canManage={ orders.dataset.canManage === '1' }
			/>
		);
	}

	const customers = document.getElementById( 'cuadra-customers-root' );
	if ( customers ) {
		mount(
			customers,
			<CustomersPage invoicesUrl={ customers.dataset.invoicesUrl ?? '' } />
		);
	}
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', start );
} else {
	start();
}
