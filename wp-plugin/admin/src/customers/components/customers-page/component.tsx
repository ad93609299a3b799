import { createElement } from '@wordpress/element';

import { useScreenQuery } from '../../../shared/admin-location';
import { CustomerList } from '../customer-list';
import { CustomerScreen } from '../customer-screen';

interface CustomersPageProps {
	invoicesUrl: string;
}

/** Cuadra → Customers: the list, or one customer (?customer=ID), or a new one (?customer=new). */
export function CustomersPage( { invoicesUrl }: CustomersPageProps ) {
	const query = useScreenQuery();
	const customer = query.get( 'customer' );
	if ( customer === null ) {
		return <CustomerList query={ query } />;
	}
	const id = Number( customer );
	return (
		<CustomerScreen
			customerId={ customer !== 'new' && Number.isInteger( id ) && id > 0 ? id : null }
			invoicesUrl={ invoicesUrl }
		/>
	);
}
