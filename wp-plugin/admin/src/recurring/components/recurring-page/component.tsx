import { createElement } from '@wordpress/element';

import { useScreenQuery } from '../../../shared/admin-location';
import { RecurringList } from '../recurring-list';
import { RecurringScreen } from '../recurring-screen';

interface RecurringPageProps {
	invoicesUrl: string;
	customersUrl: string;
}

function idFrom( value: string | null ): number | null {
	const id = Number( value );
	return Number.isInteger( id ) && id > 0 ? id : null;
}

/** Cuadra → Recurring: the list, one template (?template=ID), or a new one (?action=new). */
export function RecurringPage( { invoicesUrl, customersUrl }: RecurringPageProps ) {
	const query = useScreenQuery();
	const templateId = idFrom( query.get( 'template' ) );
	const isNew = query.get( 'action' ) === 'new';
	if ( templateId === null && ! isNew ) {
		return <RecurringList query={ query } />;
	}
	return (
		<RecurringScreen
			templateId={ templateId }
			customerId={ isNew ? idFrom( query.get( 'customer' ) ) : null }
			invoicesUrl={ invoicesUrl }
			customersUrl={ customersUrl }
		/>
	);
}
