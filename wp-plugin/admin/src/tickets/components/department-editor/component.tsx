import {
	Button,
	Card,
	CardBody,
	CardHeader,
	CheckboxControl,
	ColorPalette,
	Notice,
	SelectControl,
	TextControl,
} from '@wordpress/components';
import { createElement, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { createDepartment, updateDepartment } from '../../../api/tickets-api';
import type { Department, HoursInterval, SupportAgent, Weekday } from '../../../api/tickets-types';
import { AdminLink } from '../../../shared/components/admin-link';
import { FieldError } from '../../../shared/components/field-error';
import { setFlash, takeFlash, type FlashNotice } from '../../../shared/flash';
import { revealProblem } from '../../../shared/reveal-problem';
import {
	DEPARTMENT_PALETTE,
	departmentInput,
	emptyDepartmentForm,
	formFromDepartment,
	type DepartmentForm,
} from '../../department-form';
import { BusinessHoursEditor } from '../business-hours-editor';
import { DepartmentBadge } from '../department-badge';

interface DepartmentEditorProps {
	/** The saved department; null for a new one. */
	department: Department | null;
	agents: SupportAgent[];
	onSaved: ( department: Department ) => void;
}

/** Fields of the form that show their own message; anything else goes to the notice. */
const FIELD_NAMES = [ 'name', 'colour', 'contact_email', 'contact_user_id', 'is_default' ];

/** Add or edit a department: name, colour, who is notified of new tickets, and its business hours. */
export function DepartmentEditor( { department, agents, onSaved }: DepartmentEditorProps ) {
	const [ form, setForm ] = useState< DepartmentForm >( () =>
		department ? formFromDepartment( department ) : emptyDepartmentForm()
	);
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< FlashNotice | null >( takeFlash );
	const [ saving, setSaving ] = useState( false );
	const [ problems, setProblems ] = useState( 0 );
	const root = useRef< HTMLDivElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-department-notice' );
		}
	}, [ problems ] );

	const clearError = ( ...names: string[] ) =>
		setErrors( ( current ) => {
			const remaining = { ...current };
			for ( const name of names ) {
				delete remaining[ name ];
			}
			return remaining;
		} );

	const update = < K extends keyof DepartmentForm >( name: K, value: DepartmentForm[ K ], errorName: string ) => {
		setForm( ( current ) => ( { ...current, [ name ]: value } ) );
		clearError( errorName );
	};

	const onSave = () => {
		setSaving( true );
		setNotice( null );
		const input = departmentInput( form, agents );
		( department ? updateDepartment( department.id, input ) : createDepartment( input ) )
			.then( ( saved ) => {
				setErrors( {} );
				if ( department ) {
					setNotice( { status: 'success', message: __( 'Department saved.', 'cuadra' ) } );
				} else {
					// The editor of the new department replaces this one: the notice goes with it.
					setFlash( { status: 'success', message: __( 'Department added.', 'cuadra' ) } );
				}
				onSaved( saved );
			} )
			.catch( ( error: unknown ) => {
				const problem = describeRequestProblem( error );
				const atFields: Record< string, string > = {};
				const elsewhere: string[] = [];
				for ( const [ property, message ] of Object.entries( problem.fieldErrors ) ) {
					if ( FIELD_NAMES.includes( property ) || property.startsWith( 'business_hours.' ) ) {
						atFields[ property === 'contact_user_id' ? 'contact_email' : property ] = message;
					} else {
						elsewhere.push( message );
					}
				}
				setErrors( atFields );
				setProblems( ( count ) => count + 1 );
				const summary = Object.keys( atFields ).length
					? __( 'The department was not saved. Correct the fields marked below and save again.', 'cuadra' )
					: problem.message;
				setNotice( { status: 'error', message: [ summary, ...elsewhere ].join( ' ' ) } );
			} )
			.finally( () => setSaving( false ) );
	};

	const errorFor = ( name: string ) => ( errors[ name ] ? <FieldError message={ errors[ name ] ?? '' } /> : undefined );
	const chosenAgent = agents.find( ( agent ) => String( agent.id ) === form.contactChoice );

	return (
		<div className="cuadra-department-editor" ref={ root }>
			<p className="cuadra-back-link">
				<AdminLink to={ { view: 'departments' } }>{ __( '← Back to departments', 'cuadra' ) }</AdminLink>
			</p>
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">
					{ department ? __( 'Edit department', 'cuadra' ) : __( 'Add department', 'cuadra' ) }
				</h1>
				{ form.name && <DepartmentBadge department={ { name: form.name, colour: form.colour } } /> }
			</div>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice status={ notice.status } className="cuadra-department-notice" isDismissible={ false }>
					{ notice.message }
				</Notice>
			) }

			<Card className="cuadra-card">
				<CardHeader>
					<h2 className="cuadra-card__title">{ __( 'Department', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					<div className="cuadra-field-grid">
						<TextControl
							__nextHasNoMarginBottom
							label={ __( 'Name', 'cuadra' ) }
							value={ form.name }
							onChange={ ( value: string ) => update( 'name', value, 'name' ) }
							help={ errorFor( 'name' ) }
							aria-invalid={ Boolean( errors.name ) }
							disabled={ saving }
						/>
						<TextControl
							__nextHasNoMarginBottom
							label={ __( 'Colour (hex)', 'cuadra' ) }
							value={ form.colour }
							onChange={ ( value: string ) => update( 'colour', value, 'colour' ) }
							help={ errorFor( 'colour' ) ?? __( 'Shown with the department\'s tickets everywhere, e.g. #2271b1.', 'cuadra' ) }
							aria-invalid={ Boolean( errors.colour ) }
							disabled={ saving }
						/>
					</div>
					<fieldset className="cuadra-department-editor__palette">
						<legend>{ __( 'Colour', 'cuadra' ) }</legend>
						<ColorPalette
							colors={ DEPARTMENT_PALETTE }
							value={ form.colour }
							onChange={ ( value?: string ) => update( 'colour', value ?? '', 'colour' ) }
							clearable={ false }
							disableCustomColors={ false }
						/>
					</fieldset>

					<div className="cuadra-field-grid">
						<SelectControl
							__nextHasNoMarginBottom
							label={ __( 'Contact person', 'cuadra' ) }
							value={ form.contactChoice }
							options={ [
								{ value: '', label: __( 'Nobody', 'cuadra' ) },
								...agents.map( ( agent ) => ( { value: String( agent.id ), label: agent.name } ) ),
								{ value: 'email', label: __( 'Someone else (enter an e-mail address)', 'cuadra' ) },
							] }
							onChange={ ( value: string ) => update( 'contactChoice', value, 'contact_email' ) }
							help={
								chosenAgent
									? chosenAgent.email
									: __( 'Notified by e-mail of every new ticket of the department.', 'cuadra' )
							}
							disabled={ saving }
						/>
						{ form.contactChoice === 'email' && (
							<TextControl
								__nextHasNoMarginBottom
								type="email"
								label={ __( 'Contact e-mail', 'cuadra' ) }
								value={ form.contactEmail }
								onChange={ ( value: string ) => update( 'contactEmail', value, 'contact_email' ) }
								help={ errorFor( 'contact_email' ) }
								aria-invalid={ Boolean( errors.contact_email ) }
								disabled={ saving }
							/>
						) }
					</div>
					{ form.contactChoice !== 'email' && errorFor( 'contact_email' ) }
					<CheckboxControl
						__nextHasNoMarginBottom
						label={ __( 'Default department', 'cuadra' ) }
						help={
							errorFor( 'is_default' ) ??
							__( 'Tickets that name no department (and e-mails to the support address) go here.', 'cuadra' )
						}
						checked={ form.isDefault }
						onChange={ ( checked: boolean ) => update( 'isDefault', checked, 'is_default' ) }
						disabled={ saving }
					/>
				</CardBody>
			</Card>

			<Card className="cuadra-card">
				<CardHeader>
					<h2 className="cuadra-card__title">{ __( 'Business hours', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					<p className="cuadra-muted">
						{ __( 'Response and resolution times are also measured in these hours, in the company\'s time zone.', 'cuadra' ) }
					</p>
					<BusinessHoursEditor
						weekly={ form.weekly }
						holidays={ form.holidays }
						errors={ errors }
						disabled={ saving }
						onWeeklyChange={ ( day: Weekday, intervals: HoursInterval[] ) => {
							setForm( ( current ) => ( { ...current, weekly: { ...current.weekly, [ day ]: intervals } } ) );
							setErrors( ( current ) =>
								Object.fromEntries(
									Object.entries( current ).filter(
										( [ name ] ) => ! name.startsWith( `business_hours.weekly_hours.${ day }` )
									)
								)
							);
						} }
						onHolidaysChange={ ( holidays: string[] ) => {
							setForm( ( current ) => ( { ...current, holidays } ) );
							setErrors( ( current ) =>
								Object.fromEntries(
									Object.entries( current ).filter( ( [ name ] ) => ! name.startsWith( 'business_hours.holidays' ) )
								)
							);
						} }
					/>
				</CardBody>
			</Card>

			<div className="cuadra-panel__actions">
				<Button variant="primary" onClick={ onSave } isBusy={ saving } disabled={ saving }>
					{ __( 'Save department', 'cuadra' ) }
				</Button>
			</div>
		</div>
	);
}
