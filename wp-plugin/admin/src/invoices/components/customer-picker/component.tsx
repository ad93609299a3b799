import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { searchCustomers } from '../../../api/billing-api';
import type { Customer } from '../../../api/billing-types';
import {
	SearchPicker,
	type PickerItem,
} from '../../../shared/components/search-picker';

interface CustomerPickerProps {
	value: PickerItem | null;
	onChange: ( customer: PickerItem | null ) => void;
	label?: string;
	help?: ReactNode;
	invalid?: boolean;
	disabled?: boolean;
	className?: string;
}

/**
 * A customer as the picker lists it: name, then tax ID and e-mail.
 *
 * @param customer From the service.
 */
export function customerChoice( customer: Customer ): PickerItem {
	return {
		id: customer.id,
		label: customer.legal_name,
		detail: [ customer.tax_id, customer.email, customer.city ]
			.filter( Boolean )
			.join( ' · ' ),
	};
}

/** Finds a customer by name, tax ID or e-mail as you type. */
export function CustomerPicker( {
	value,
	onChange,
	label,
	help,
	invalid,
	disabled,
	className,
}: CustomerPickerProps ) {
	return (
		<SearchPicker
			label={ label ?? __( 'Customer', 'cuadra' ) }
			value={ value }
			onChange={ onChange }
			search={ ( term ) =>
				searchCustomers( { search: term, per_page: 8 } ).then( ( page ) =>
					page.items.map( customerChoice )
				)
			}
			placeholder={ __( 'Search by name, tax ID or e-mail', 'cuadra' ) }
			noResults={ __( 'No customer matches. Add customers under Cuadra → Customers.', 'cuadra' ) }
			help={ help }
			invalid={ invalid }
			disabled={ disabled }
			className={ className }
		/>
	);
}
