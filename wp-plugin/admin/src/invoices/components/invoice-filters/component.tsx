import { Button, SelectControl, TextControl } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchCustomer } from '../../../api/billing-api';
import type { PickerItem } from '../../../shared/components/search-picker';
import { INVOICE_STATUSES, statusLabel } from '../../invoice-labels';
import { CustomerPicker } from '../customer-picker';

export interface InvoiceFilterValues {
	status: string;
	series: string;
	from: string;
	to: string;
	customer: string;
}

interface InvoiceFiltersProps {
	values: InvoiceFilterValues;
	onApply: ( values: InvoiceFilterValues ) => void;
}

/** Status, series, date range and customer, applied together with "Filter". */
export function InvoiceFilters( { values, onApply }: InvoiceFiltersProps ) {
	const [ draft, setDraft ] = useState( values );
	const [ customer, setCustomer ] = useState< PickerItem | null >( null );

	const valuesKey = JSON.stringify( values );
	// eslint-disable-next-line react-hooks/exhaustive-deps -- compared by content, not identity
	useEffect( () => setDraft( values ), [ valuesKey ] );

	// The URL holds the customer's id; the picker shows the name.
	useEffect( () => {
		const id = Number( values.customer );
		if ( ! id ) {
			setCustomer( null );
			return;
		}
		if ( customer?.id === id ) {
			return;
		}
		let current = true;
		fetchCustomer( id )
			.then( ( found ) => {
				if ( current ) {
					setCustomer( { id: found.id, label: found.legal_name } );
				}
			} )
			.catch( () => undefined );
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- only the URL's value matters
	}, [ values.customer ] );

	const set = ( name: keyof InvoiceFilterValues, value: string ) =>
		setDraft( ( current ) => ( { ...current, [ name ]: value } ) );

	const anySet = Object.values( values ).some( ( value ) => value !== '' );

	return (
		<form
			className="cuadra-filters"
			onSubmit={ ( event ) => {
				event.preventDefault();
				onApply( draft );
			} }
		>
			<SelectControl
				__nextHasNoMarginBottom
				className="cuadra-filters__status"
				label={ __( 'Status', 'cuadra' ) }
				value={ draft.status }
				options={ [
					{ value: '', label: __( 'All statuses', 'cuadra' ) },
					...INVOICE_STATUSES.map( ( status ) => ( {
						value: status as string,
						label: statusLabel( status ),
					} ) ),
				] }
				onChange={ ( value: string ) => set( 'status', value ) }
			/>
			<TextControl
				__nextHasNoMarginBottom
				className="cuadra-filters__series"
				label={ __( 'Series', 'cuadra' ) }
				value={ draft.series }
				placeholder={ __( 'All', 'cuadra' ) }
				onChange={ ( value: string ) => set( 'series', value.trim().toUpperCase() ) }
			/>
			<TextControl
				__nextHasNoMarginBottom
				className="cuadra-filters__date"
				label={ __( 'Issued from', 'cuadra' ) }
				type="date"
				value={ draft.from }
				onChange={ ( value: string ) => set( 'from', value ) }
			/>
			<TextControl
				__nextHasNoMarginBottom
				className="cuadra-filters__date"
				label={ __( 'Issued until', 'cuadra' ) }
				type="date"
				value={ draft.to }
				onChange={ ( value: string ) => set( 'to', value ) }
			/>
			<CustomerPicker
				className="cuadra-filters__customer"
				value={ customer }
				onChange={ ( chosen ) => {
					setCustomer( chosen );
					set( 'customer', chosen ? String( chosen.id ) : '' );
				} }
			/>
			<div className="cuadra-filters__actions">
				<Button variant="secondary" type="submit">
					{ __( 'Filter', 'cuadra' ) }
				</Button>
				{ anySet && (
					<Button
						variant="tertiary"
						onClick={ () =>
							onApply( { status: '', series: '', from: '', to: '', customer: '' } )
						}
					>
						{ __( 'Clear filters', 'cuadra' ) }
					</Button>
				) }
			</div>
		</form>
	);
}
