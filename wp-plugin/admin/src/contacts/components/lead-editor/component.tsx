import { Button, Notice, TextControl } from '@wordpress/components';
import { createElement, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { FieldError } from '../../../shared/components/field-error';
import type { FlashNotice } from '../../../shared/flash';
import { revealProblem } from '../../../shared/reveal-problem';
import { updateLead } from '../../contacts-api';
import type { ContactDetail, LeadInput } from '../../contacts-types';

interface LeadEditorProps {
	contact: ContactDetail;
	onSaved: ( contact: ContactDetail ) => void;
}

const FIELD_NAMES = [ 'name', 'phone' ];

/** The name and phone of a lead: what support staff may correct. Billing data stays in Customers. */
export function LeadEditor( { contact, onSaved }: LeadEditorProps ) {
	const [ form, setForm ] = useState< LeadInput >( { name: contact.name, phone: contact.phone } );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< FlashNotice | null >( null );
	const [ saving, setSaving ] = useState( false );
	const [ problems, setProblems ] = useState( 0 );
	const root = useRef< HTMLDivElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-lead-editor-notice' );
		}
	}, [ problems ] );

	const update = ( name: keyof LeadInput, value: string ) => {
		setForm( ( current ) => ( { ...current, [ name ]: value } ) );
		setErrors( ( current ) => {
			const remaining = { ...current };
			delete remaining[ name ];
			return remaining;
		} );
	};

	const onSave = () => {
		setSaving( true );
		setNotice( null );
		updateLead( contact.id, form )
			.then( ( saved ) => {
				setErrors( {} );
				setForm( { name: saved.name, phone: saved.phone } );
				setNotice( { status: 'success', message: __( 'Contact saved.', 'cuadra' ) } );
				onSaved( saved );
			} )
			.catch( ( error: unknown ) => {
				const problem = describeRequestProblem( error );
				const atFields: Record< string, string > = {};
				const elsewhere: string[] = [];
				for ( const [ property, message ] of Object.entries( problem.fieldErrors ) ) {
					if ( FIELD_NAMES.includes( property ) ) {
						atFields[ property ] = message;
					} else {
						elsewhere.push( message );
					}
				}
				setErrors( atFields );
				setProblems( ( count ) => count + 1 );
				let summary = problem.message;
				if ( Object.keys( atFields ).length ) {
					summary = __( 'The contact was not saved. Correct the fields marked below and try again.', 'cuadra' );
				} else if ( problem.code === 'CONTACT_IS_CUSTOMER' ) {
					summary = __( 'This contact has become a customer: billing staff change its details in Cuadra → Customers.', 'cuadra' );
				}
				setNotice( { status: 'error', message: [ summary, ...elsewhere ].join( ' ' ) } );
			} )
			.finally( () => setSaving( false ) );
	};

	const errorFor = ( name: string ) => ( errors[ name ] ? <FieldError message={ errors[ name ] ?? '' } /> : undefined );

	return (
		<div className="cuadra-lead-editor" ref={ root }>
			{ notice && (
				<Notice status={ notice.status } className="cuadra-lead-editor-notice" isDismissible={ false }>
					{ notice.message }
				</Notice>
			) }
			<div className="cuadra-field-grid">
				<TextControl
					__nextHasNoMarginBottom
					label={ __( 'Name', 'cuadra' ) }
					value={ form.name }
					onChange={ ( value: string ) => update( 'name', value ) }
					help={ errorFor( 'name' ) }
					aria-invalid={ Boolean( errors.name ) }
					disabled={ saving }
				/>
				<TextControl
					__nextHasNoMarginBottom
					type="tel"
					label={ __( 'Phone', 'cuadra' ) }
					value={ form.phone }
					onChange={ ( value: string ) => update( 'phone', value ) }
					help={ errorFor( 'phone' ) }
					aria-invalid={ Boolean( errors.phone ) }
					disabled={ saving }
				/>
			</div>
			<div className="cuadra-panel__actions">
				<Button variant="primary" onClick={ onSave } isBusy={ saving } disabled={ saving }>
					{ __( 'Save contact', 'cuadra' ) }
				</Button>
			</div>
		</div>
	);
}
