import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { listInvoices } from '../../../api/billing-api';
import { formatDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import { SearchPicker } from '../../../shared/components/search-picker';
import type { OriginalInvoiceChoice } from '../../invoice-form';

interface OriginalInvoicePickerProps {
	value: OriginalInvoiceChoice | null;
	onChange: ( invoice: OriginalInvoiceChoice | null ) => void;
	help?: ReactNode;
	invalid?: boolean;
	disabled?: boolean;
}

/** Finds the issued (or paid) invoice that a rectifying invoice corrects, by number or recipient. */
export function OriginalInvoicePicker( {
	value,
	onChange,
	help,
	invalid,
	disabled,
}: OriginalInvoicePickerProps ) {
	const search = ( term: string ) =>
		Promise.all(
			( [ 'issued', 'paid' ] as const ).map( ( status ) =>
				listInvoices( { status, search: term, per_page: 8 } )
			)
		).then( ( pages ) =>
			pages
				.flatMap( ( page ) => page.items )
				.filter( ( invoice ) => invoice.number !== null )
				.sort( ( a, b ) => ( b.number ?? '' ).localeCompare( a.number ?? '' ) )
				.slice( 0, 10 )
				.map(
					( invoice ): OriginalInvoiceChoice => ( {
						id: invoice.id,
						label: invoice.number ?? '',
						kind: invoice.kind,
						detail: [
							invoice.recipient?.legal_name,
							formatDate( invoice.issue_date ),
							formatMoney( invoice.totals.total, invoice.currency ),
						]
							.filter( Boolean )
							.join( ' · ' ),
					} )
				)
		);

	return (
		<SearchPicker
			label={ __( 'Invoice being rectified', 'cuadra' ) }
			value={ value }
			onChange={ onChange }
			search={ search }
			placeholder={ __( 'Search by number or customer', 'cuadra' ) }
			noResults={ __( 'No issued invoice matches.', 'cuadra' ) }
			help={ help }
			invalid={ invalid }
			disabled={ disabled }
			className="cuadra-field--original"
		/>
	);
}
