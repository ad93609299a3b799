import { Button, Card, CardBody, CardHeader, Notice, SelectControl, TextareaControl, TextControl } from '@wordpress/components';
import { createElement, useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { addMember } from '../../../api/lists-api';
import type { MarketingList, MemberInput } from '../../../api/lists-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { FieldError } from '../../../shared/components/field-error';
import type { FlashNotice } from '../../../shared/flash';
import { userLocale } from '../../../shared/locale';
import { revealProblem } from '../../../shared/reveal-problem';
import { memberStatusLabel } from '../../list-labels';

interface AddMemberFormProps {
	list: MarketingList;
	onAdded: () => void;
}

/** Fields of the form that show their own message; anything else goes to the notice. */
const FIELD_NAMES = [ 'email', 'name', 'source', 'consent_text', 'consent_version' ];

function emptyForm(): Omit< MemberInput, 'locale' > {
	return { email: '', name: '', source: 'admin', consent_text: '', consent_version: '' };
}

/** Puts a contact on the list with the consent they gave (on the phone, on paper, in an imported file). */
export function AddMemberForm( { list, onAdded }: AddMemberFormProps ) {
	const [ form, setForm ] = useState( emptyForm );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< FlashNotice | null >( null );
	const [ saving, setSaving ] = useState( false );
	const [ problems, setProblems ] = useState( 0 );
	const root = useRef< HTMLDivElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-add-member-notice' );
		}
	}, [ problems ] );

	const update = < K extends keyof ReturnType< typeof emptyForm > >( name: K, value: ReturnType< typeof emptyForm >[ K ] ) => {
		setForm( ( current ) => ( { ...current, [ name ]: value } ) );
		setErrors( ( current ) => {
			const remaining = { ...current };
			delete remaining[ name ];
			return remaining;
		} );
	};

	const onAdd = () => {
		setSaving( true );
		setNotice( null );
		// The confirmation e-mail goes out in the language of whoever adds the contact.
		addMember( list.id, { ...form, locale: userLocale().replace( '-', '_' ) } )
			.then( ( { member, created } ) => {
				setErrors( {} );
				if ( ! created ) {
					setNotice( {
						status: 'info',
						message: sprintf(
							/* translators: 1: e-mail address, 2: status on the list */
							__( '%1$s was already on the list (%2$s); nothing was changed and the first consent is kept.', 'cuadra' ),
							member.contact.email,
							memberStatusLabel( member.status )
						),
					} );
				} else {
					/* translators: %s: e-mail address */
					let added = __( '%s was added to the list as subscribed.', 'cuadra' );
					if ( member.status === 'pending' ) {
						/* translators: %s: e-mail address */
						added = __( '%s was added and must confirm: a confirmation e-mail is on its way.', 'cuadra' );
					}
					setNotice( { status: 'success', message: sprintf( added, member.contact.email ) } );
					setForm( ( current ) => ( { ...emptyForm(), source: current.source, consent_text: current.consent_text, consent_version: current.consent_version } ) );
				}
				onAdded();
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
				const summary = Object.keys( atFields ).length
					? __( 'The contact was not added. Correct the fields marked below and try again.', 'cuadra' )
					: problem.message;
				setNotice( { status: 'error', message: [ summary, ...elsewhere ].join( ' ' ) } );
			} )
			.finally( () => setSaving( false ) );
	};

	const errorFor = ( name: string ) => ( errors[ name ] ? <FieldError message={ errors[ name ] ?? '' } /> : undefined );

	return (
		<div className="cuadra-add-member" ref={ root }>
			<Card className="cuadra-card">
				<CardHeader>
					<h2 className="cuadra-card__title">{ __( 'Add a contact', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					{ notice && (
						<Notice status={ notice.status } className="cuadra-add-member-notice" isDismissible={ false }>
							{ notice.message }
						</Notice>
					) }
					<p className="cuadra-muted">
						{ list.double_opt_in
							? __( 'Only with the contact\'s consent. This list uses double opt-in: the contact gets an e-mail and joins after confirming.', 'cuadra' )
							: __( 'Only with the contact\'s consent. This list has no double opt-in: the contact is subscribed at once.', 'cuadra' ) }
					</p>
					<div className="cuadra-field-grid">
						<TextControl
							__nextHasNoMarginBottom
							type="email"
							label={ __( 'E-mail', 'cuadra' ) }
							value={ form.email }
							onChange={ ( value: string ) => update( 'email', value ) }
							help={ errorFor( 'email' ) }
							aria-invalid={ Boolean( errors.email ) }
							disabled={ saving }
						/>
						<TextControl
							__nextHasNoMarginBottom
							label={ __( 'Name', 'cuadra' ) }
							value={ form.name }
							onChange={ ( value: string ) => update( 'name', value ) }
							help={ errorFor( 'name' ) ?? __( 'Used only when the contact is new.', 'cuadra' ) }
							aria-invalid={ Boolean( errors.name ) }
							disabled={ saving }
						/>
					</div>
					<SelectControl
						__nextHasNoMarginBottom
						label={ __( 'Consent source', 'cuadra' ) }
						value={ form.source }
						options={ [
							{ value: 'admin', label: __( 'Given to staff (phone, paper, in person)', 'cuadra' ) },
							{ value: 'import', label: __( 'Imported from another system', 'cuadra' ) },
						] }
						onChange={ ( value: string ) => update( 'source', value === 'import' ? 'import' : 'admin' ) }
						help={ errorFor( 'source' ) ?? __( 'Recorded with the consent, together with your user name.', 'cuadra' ) }
						disabled={ saving }
					/>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Consent text', 'cuadra' ) }
						value={ form.consent_text }
						onChange={ ( value: string ) => update( 'consent_text', value ) }
						help={ errorFor( 'consent_text' ) ?? __( 'What the contact agreed to, in the words they saw or heard.', 'cuadra' ) }
						aria-invalid={ Boolean( errors.consent_text ) }
						disabled={ saving }
						rows={ 3 }
					/>
					<TextControl
						__nextHasNoMarginBottom
						label={ __( 'Text version', 'cuadra' ) }
						value={ form.consent_version }
						onChange={ ( value: string ) => update( 'consent_version', value ) }
						help={ errorFor( 'consent_version' ) ?? __( 'Optional, e.g. v2 or the date of the clause.', 'cuadra' ) }
						aria-invalid={ Boolean( errors.consent_version ) }
						disabled={ saving }
					/>
					<div className="cuadra-panel__actions">
						<Button variant="primary" onClick={ onAdd } isBusy={ saving } disabled={ saving }>
							{ __( 'Add to list', 'cuadra' ) }
						</Button>
					</div>
				</CardBody>
			</Card>
		</div>
	);
}
