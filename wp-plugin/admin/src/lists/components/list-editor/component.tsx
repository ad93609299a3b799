import { Button, Card, CardBody, CardHeader, CheckboxControl, Notice, TextareaControl, TextControl } from '@wordpress/components';
import { createElement, Fragment, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { createList, updateList } from '../../../api/lists-api';
import type { ListInput, MarketingList } from '../../../api/lists-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { AdminLink } from '../../../shared/components/admin-link';
import { FieldError } from '../../../shared/components/field-error';
import { setFlash, type FlashNotice } from '../../../shared/flash';
import { revealProblem } from '../../../shared/reveal-problem';

interface ListEditorProps {
	/** The saved list; null for a new one (shown as a page of its own). */
	list: MarketingList | null;
	onSaved: ( list: MarketingList ) => void;
}

/** Fields of the form that show their own message; anything else goes to the notice. */
const FIELD_NAMES = [ 'name', 'description', 'double_opt_in' ];

/** Add a list, or edit one's name, description and double opt-in. */
export function ListEditor( { list, onSaved }: ListEditorProps ) {
	const [ form, setForm ] = useState< ListInput >( () => ( {
		name: list?.name ?? '',
		description: list?.description ?? '',
		double_opt_in: list?.double_opt_in ?? true,
	} ) );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< FlashNotice | null >( null );
	const [ saving, setSaving ] = useState( false );
	const [ problems, setProblems ] = useState( 0 );
	const root = useRef< HTMLDivElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-list-editor-notice' );
		}
	}, [ problems ] );

	const update = < K extends keyof ListInput >( name: K, value: ListInput[ K ] ) => {
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
		( list ? updateList( list.id, form ) : createList( form ) )
			.then( ( saved ) => {
				setErrors( {} );
				if ( list ) {
					setNotice( { status: 'success', message: __( 'List saved.', 'cuadra' ) } );
				} else {
					// The screen of the new list replaces this one: the notice goes with it.
					setFlash( { status: 'success', message: __( 'List added.', 'cuadra' ) } );
				}
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
				const summary = Object.keys( atFields ).length
					? __( 'The list was not saved. Correct the fields marked below and save again.', 'cuadra' )
					: problem.message;
				setNotice( { status: 'error', message: [ summary, ...elsewhere ].join( ' ' ) } );
			} )
			.finally( () => setSaving( false ) );
	};

	const errorFor = ( name: string ) => ( errors[ name ] ? <FieldError message={ errors[ name ] ?? '' } /> : undefined );

	return (
		<div className="cuadra-list-editor" ref={ root }>
			{ ! list && (
				<Fragment>
					<p className="cuadra-back-link">
						<AdminLink to={ { view: 'lists' } }>{ __( '← Back to lists', 'cuadra' ) }</AdminLink>
					</p>
					<div className="cuadra-page-header">
						<h1 className="wp-heading-inline">{ __( 'Add list', 'cuadra' ) }</h1>
					</div>
					<hr className="wp-header-end" />
				</Fragment>
			) }
			{ notice && (
				<Notice status={ notice.status } className="cuadra-list-editor-notice" isDismissible={ false }>
					{ notice.message }
				</Notice>
			) }
			<Card className="cuadra-card">
				<CardHeader>
					<h2 className="cuadra-card__title">{ list ? __( 'List settings', 'cuadra' ) : __( 'List', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					<TextControl
						__nextHasNoMarginBottom
						label={ __( 'Name', 'cuadra' ) }
						value={ form.name }
						onChange={ ( value: string ) => update( 'name', value ) }
						help={ errorFor( 'name' ) }
						aria-invalid={ Boolean( errors.name ) }
						disabled={ saving }
					/>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Description', 'cuadra' ) }
						value={ form.description }
						onChange={ ( value: string ) => update( 'description', value ) }
						help={ errorFor( 'description' ) ?? __( 'For your team: what the list is for and what its members receive.', 'cuadra' ) }
						aria-invalid={ Boolean( errors.description ) }
						disabled={ saving }
						rows={ 3 }
					/>
					<CheckboxControl
						__nextHasNoMarginBottom
						label={ __( 'Double opt-in', 'cuadra' ) }
						help={
							errorFor( 'double_opt_in' ) ??
							__( 'New members get an e-mail and join only after confirming (recommended). Without it they are subscribed at once.', 'cuadra' )
						}
						checked={ form.double_opt_in }
						onChange={ ( checked: boolean ) => update( 'double_opt_in', checked ) }
						disabled={ saving }
					/>
				</CardBody>
			</Card>
			<div className="cuadra-panel__actions">
				<Button variant="primary" onClick={ onSave } isBusy={ saving } disabled={ saving }>
					{ __( 'Save list', 'cuadra' ) }
				</Button>
			</div>
		</div>
	);
}
