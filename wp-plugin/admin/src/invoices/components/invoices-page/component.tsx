import { createElement } from '@wordpress/element';

import { useScreenQuery } from '../../../shared/admin-location';
import { InvoiceList } from '../invoice-list';
import { InvoiceScreen } from '../invoice-screen';

interface InvoicesPageProps {
	customersUrl: string;
	settingsUrl: string;
	canManage: boolean;
}

function idFrom( value: string | null ): number | null {
	const id = Number( value );
	return Number.isInteger( id ) && id > 0 ? id : null;
}

/** Cuadra → Invoices: the list, or one invoice (?invoice=ID), or a new one (?action=new[&rectify=ID]). */
export function InvoicesPage( { customersUrl, settingsUrl, canManage }: InvoicesPageProps ) {
	const query = useScreenQuery();
	const invoiceId = idFrom( query.get( 'invoice' ) );
	const isNew = query.get( 'action' ) === 'new';

	if ( invoiceId === null && ! isNew ) {
		return <InvoiceList query={ query } />;
	}
	return (
		<InvoiceScreen
			invoiceId={ invoiceId }
			rectifyId={ isNew ? idFrom( query.get( 'rectify' ) ) : null }
			customersUrl={ customersUrl }
			settingsUrl={ settingsUrl }
			canManage={ canManage }
		/>
	);
}
