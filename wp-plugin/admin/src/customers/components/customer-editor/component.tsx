import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	SelectControl,
	TextareaControl,
	TextControl,
} from '@wordpress/components';
import { createElement, useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { createCustomer, updateCustomer } from '../../../api/billing-api';
import type { Customer } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { AdminLink } from '../../../shared/components/admin-link';
import { FieldError } from '../../../shared/components/field-error';
import { pageUrl } from '../../../shared/admin-location';
import { takeFlash, type FlashNotice } from '../../../shared/flash';
import { revealProblem } from '../../../shared/reveal-problem';
import { countryChoices } from '../../../settings/company-options';
import {
	additionalEmails,
	customerInput,
	type CustomerForm,
} from '../../customer-form';

interface CustomerEditorProps {
	/** The saved customer; null for a new one. */
	customer: Customer | null;
	initialForm: CustomerForm;
	invoicesUrl: string;
	onSaved: ( customer: Customer ) => void;
}

type TextField = Exclude< keyof CustomerForm, 'country_code' | 'notes' | 'additional_emails' >;

const FIELD_NAMES: Array< keyof CustomerForm > = [
	'legal_name',
	'tax_id',
	'address_line',
	'postal_code',
	'city',
	'province',
	'country_code',
	'email',
	'additional_emails',
	'phone',
	'payment_terms_days',
	'notes',
];

/** Add or edit a customer: who is invoiced, where, and how long they have to pay. */
export function CustomerEditor( { customer, initialForm, invoicesUrl, onSaved }: CustomerEditorProps ) {
	const [ form, setForm ] = useState< CustomerForm >( initialForm );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< FlashNotice | null >( takeFlash );
	const [ saving, setSaving ] = useState( false );
	const [ problems, setProblems ] = useState( 0 );
	const root = useRef< HTMLDivElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-customer-notice' );
		}
	}, [ problems ] );

	const update = ( name: keyof CustomerForm, value: string ) => {
		setForm( ( current ) => ( { ...current, [ name ]: value } ) );
		if ( errors[ name ] !== undefined ) {
			setErrors( ( current ) => {
				const remaining = { ...current };
				delete remaining[ name ];
				return remaining;
			} );
		}
	};

	const onSave = () => {
		const input = customerInput( form );
		if ( ! input ) {
			setErrors( {
				payment_terms_days: __( 'Enter a whole number of days from 0 to 365.', 'cuadra' ),
			} );
			setNotice( {
				status: 'error',
				message: __( 'The customer was not saved. Correct the fields marked below and save again.', 'cuadra' ),
			} );
			setProblems( ( count ) => count + 1 );
			return;
		}
		setSaving( true );
		setNotice( null );
		( customer ? updateCustomer( customer.id, input ) : createCustomer( input ) )
			.then( ( saved ) => {
				setErrors( {} );
				setNotice( {
					status: 'success',
					message: customer ? __( 'Customer saved.', 'cuadra' ) : __( 'Customer added.', 'cuadra' ),
				} );
				onSaved( saved );
			} )
			.catch( ( error: unknown ) => {
				const problem = describeRequestProblem( error );
				const atFields: Record< string, string > = {};
				const elsewhere: string[] = [];
				const addresses = additionalEmails( form.additional_emails );
				for ( const [ property, message ] of Object.entries( problem.fieldErrors ) ) {
					const extra = /^additional_emails\.(\d+)$/.exec( property );
					if ( extra ) {
						const address = addresses[ Number( extra[ 1 ] ) ] ?? '';
						atFields.additional_emails = `${ atFields.additional_emails ?? '' } ${ address }: ${ message }`.trim();
					} else if ( ( FIELD_NAMES as string[] ).includes( property ) ) {
						atFields[ property ] = message;
					} else {
						elsewhere.push( message );
					}
				}
				setErrors( atFields );
				setProblems( ( count ) => count + 1 );
				const summary = Object.keys( atFields ).length
					? __( 'The customer was not saved. Correct the fields marked below and save again.', 'cuadra' )
					: problem.message;
				setNotice( { status: 'error', message: [ summary, ...elsewhere ].join( ' ' ) } );
			} )
			.finally( () => setSaving( false ) );
	};

	const errorFor = ( name: keyof CustomerForm ) =>
		errors[ name ] !== undefined ? <FieldError message={ errors[ name ] ?? '' } /> : undefined;

	const text = (
		name: TextField,
		label: string,
		options: { type?: 'text' | 'email' | 'tel' | 'number'; autoComplete?: string; help?: string } = {}
	) => (
		<TextControl
			__nextHasNoMarginBottom
			className={ `cuadra-field cuadra-field--${ name }` }
			label={ label }
			type={ options.type ?? 'text' }
			value={ form[ name ] }
			onChange={ ( value: string ) => update( name, value ) }
			help={ errorFor( name ) ?? options.help }
			aria-invalid={ errors[ name ] !== undefined }
			autoComplete={ options.autoComplete ?? 'off' }
			disabled={ saving }
		/>
	);

	return (
		<div className="cuadra-customer-editor" ref={ root }>
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">
					{ customer ? customer.legal_name : __( 'Add customer', 'cuadra' ) }
				</h1>
				{ customer && (
					<a className="page-title-action" href={ pageUrl( invoicesUrl, { customer: customer.id } ) }>
						{ __( 'Invoices of this customer', 'cuadra' ) }
					</a>
				) }
			</div>
			<p className="cuadra-back-link">
				<AdminLink to={ {} }>{ __( '← Back to customers', 'cuadra' ) }</AdminLink>
			</p>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice status={ notice.status } className="cuadra-customer-notice" onRemove={ () => setNotice( null ) }>
					{ notice.message }
				</Notice>
			) }
			<form
				noValidate
				onSubmit={ ( event ) => {
					event.preventDefault();
					onSave();
				} }
			>
				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Billing details', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<div className="cuadra-field-grid">
							{ text( 'legal_name', __( 'Legal name', 'cuadra' ), { autoComplete: 'organization' } ) }
							{ text( 'tax_id', __( 'Tax ID', 'cuadra' ), {
								help: __( 'NIF, NIE or CIF; an EU VAT number for other EU countries. Leave empty for consumers abroad.', 'cuadra' ),
							} ) }
							{ text( 'address_line', __( 'Address', 'cuadra' ), { autoComplete: 'street-address' } ) }
							{ text( 'postal_code', __( 'Postal code', 'cuadra' ), { autoComplete: 'postal-code' } ) }
							{ text( 'city', __( 'City', 'cuadra' ), { autoComplete: 'address-level2' } ) }
							{ text( 'province', __( 'Province', 'cuadra' ), { autoComplete: 'address-level1' } ) }
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field cuadra-field--country_code"
								label={ __( 'Country', 'cuadra' ) }
								value={ form.country_code }
								options={ countryChoices( form.country_code ) }
								onChange={ ( value: string ) => update( 'country_code', value ) }
								help={ errorFor( 'country_code' ) }
								aria-invalid={ errors.country_code !== undefined }
								disabled={ saving }
							/>
						</div>
					</CardBody>
				</Card>
				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Contact and payment', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<div className="cuadra-field-grid">
							{ text( 'email', __( 'E-mail', 'cuadra' ), { type: 'email', autoComplete: 'email' } ) }
							{ text( 'phone', __( 'Phone', 'cuadra' ), { type: 'tel', autoComplete: 'tel' } ) }
							{ text( 'payment_terms_days', __( 'Payment terms (days)', 'cuadra' ), {
								type: 'number',
								help: __( 'Days the customer has to pay; 0 means on receipt.', 'cuadra' ),
							} ) }
						</div>
						<TextareaControl
							__nextHasNoMarginBottom
							className="cuadra-field cuadra-field--additional_emails"
							label={ __( 'Other e-mail addresses', 'cuadra' ) }
							value={ form.additional_emails }
							onChange={ ( value: string ) => update( 'additional_emails', value ) }
							help={
								errorFor( 'additional_emails' ) ??
								__( 'One per line, at most 10. Invoices are sent to these too.', 'cuadra' )
							}
							aria-invalid={ errors.additional_emails !== undefined }
							rows={ 2 }
							disabled={ saving }
						/>
						<TextareaControl
							__nextHasNoMarginBottom
							className="cuadra-field cuadra-field--notes"
							label={ __( 'Notes', 'cuadra' ) }
							value={ form.notes }
							onChange={ ( value: string ) => update( 'notes', value ) }
							help={ errorFor( 'notes' ) ?? __( 'Only for your team; not printed on invoices.', 'cuadra' ) }
							aria-invalid={ errors.notes !== undefined }
							rows={ 3 }
							disabled={ saving }
						/>
					</CardBody>
				</Card>
				<div className="cuadra-panel__actions">
					<Button variant="primary" type="submit" isBusy={ saving } disabled={ saving }>
						{ customer ? __( 'Save customer', 'cuadra' ) : __( 'Add customer', 'cuadra' ) }
					</Button>
					{ customer && (
						<span className="cuadra-muted">
							{ sprintf(
								/* translators: %d: internal id of the customer */
								__( 'Customer #%d', 'cuadra' ),
								customer.id
							) }
						</span>
					) }
				</div>
			</form>
		</div>
	);
}
