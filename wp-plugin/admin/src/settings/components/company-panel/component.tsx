import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	SelectControl,
	Spinner,
	TextControl,
} from '@wordpress/components';
import { createElement, useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	fetchCompanySettings,
	saveCompanySettings,
} from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import type { CompanyFields, CompanySettings } from '../../../api/types';
import { FieldError } from '../../../shared/components/field-error';
import {
	DEFAULT_COUNTRY,
	DEFAULT_CURRENCY,
	DEFAULT_TIMEZONE,
	countryChoices,
	currencyChoices,
	timezoneChoices,
} from '../../company-options';
import { LogoField } from '../logo-field';

type TextFieldName = Exclude<
	keyof CompanyFields,
	'country_code' | 'default_currency' | 'timezone' | 'logo'
>;

interface TextFieldDefinition {
	name: TextFieldName;
	label: string;
	type?: 'text' | 'email' | 'tel';
	autoComplete?: string;
}

type LoadState = 'loading' | 'loaded' | 'failed';

interface PanelNotice {
	status: 'success' | 'error';
	message: string;
}

const EMPTY_COMPANY: CompanyFields = {
	legal_name: '',
	trade_name: '',
	tax_id: '',
	address_line: '',
	postal_code: '',
	city: '',
	province: '',
	country_code: DEFAULT_COUNTRY,
	email: '',
	phone: '',
	default_currency: DEFAULT_CURRENCY,
	timezone: DEFAULT_TIMEZONE,
	logo: null,
};

function identityFields(): TextFieldDefinition[] {
	return [
		{
			name: 'legal_name',
			label: __( 'Legal name', 'cuadra' ),
			autoComplete: 'organization',
		},
		{ name: 'trade_name', label: __( 'Trade name', 'cuadra' ) },
		{ name: 'tax_id', label: __( 'Tax ID (NIF/CIF/NIE)', 'cuadra' ) },
	];
}

function addressFields(): TextFieldDefinition[] {
	return [
		{
			name: 'address_line',
			label: __( 'Address', 'cuadra' ),
			autoComplete: 'street-address',
		},
		{
			name: 'postal_code',
			label: __( 'Postal code', 'cuadra' ),
			autoComplete: 'postal-code',
		},
		{
			name: 'city',
			label: __( 'City', 'cuadra' ),
			autoComplete: 'address-level2',
		},
		{
			name: 'province',
			label: __( 'Province', 'cuadra' ),
			autoComplete: 'address-level1',
		},
	];
}

function contactFields(): TextFieldDefinition[] {
	return [
		{
			name: 'email',
			label: __( 'E-mail', 'cuadra' ),
			type: 'email',
			autoComplete: 'email',
		},
		{
			name: 'phone',
			label: __( 'Phone', 'cuadra' ),
			type: 'tel',
			autoComplete: 'tel',
		},
	];
}

/**
 * Fills gaps in what the service sent with the form's defaults.
 *
 * @param settings Company settings from the service.
 */
function toFields( settings: CompanySettings ): CompanyFields {
	return {
		legal_name: settings.legal_name ?? '',
		trade_name: settings.trade_name ?? '',
		tax_id: settings.tax_id ?? '',
		address_line: settings.address_line ?? '',
		postal_code: settings.postal_code ?? '',
		city: settings.city ?? '',
		province: settings.province ?? '',
		country_code: settings.country_code || DEFAULT_COUNTRY,
		email: settings.email ?? '',
		phone: settings.phone ?? '',
		default_currency: settings.default_currency || DEFAULT_CURRENCY,
		timezone: settings.timezone || DEFAULT_TIMEZONE,
		logo: settings.logo ?? null,
	};
}

const FIELD_NAMES = Object.keys( EMPTY_COMPANY );

interface CompanyPanelProps {
	/** Changes after each successful connection check: load again unless the form has unsaved edits. */
	reloadSignal?: number;
}

/** The company's identity, address and invoicing defaults, saved on the service. */
export function CompanyPanel( { reloadSignal = 0 }: CompanyPanelProps ) {
	const [ loadState, setLoadState ] = useState< LoadState >( 'loading' );
	const [ fields, setFields ] = useState< CompanyFields >( EMPTY_COMPANY );
	const [ edited, setEdited ] = useState( false );
	const [ fieldErrors, setFieldErrors ] = useState<
		Record< string, string >
	>( {} );
	const [ notice, setNotice ] = useState< PanelNotice | null >( null );
	const [ saving, setSaving ] = useState( false );

	// Only the latest load may fill the form: an older answer arriving later would undo typing.
	const latestLoad = useRef( 0 );

	const load = () => {
		const ticket = ++latestLoad.current;
		setLoadState( 'loading' );
		setNotice( null );
		fetchCompanySettings()
			.then( ( settings ) => {
				if ( ticket !== latestLoad.current ) {
					return;
				}
				setFields( toFields( settings ) );
				setEdited( false );
				setLoadState( 'loaded' );
			} )
			.catch( ( error: unknown ) => {
				if ( ticket !== latestLoad.current ) {
					return;
				}
				setNotice( {
					status: 'error',
					message: describeRequestProblem( error ).message,
				} );
				setLoadState( 'failed' );
			} );
	};

	useEffect( load, [] );

	useEffect( () => {
		if ( reloadSignal > 0 && ! edited && ! saving ) {
			load();
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- only a new successful check reloads
	}, [ reloadSignal ] );

	const update = < Name extends keyof CompanyFields >(
		name: Name,
		value: CompanyFields[ Name ]
	) => {
		setFields( ( current ) => ( { ...current, [ name ]: value } ) );
		setEdited( true );
		if ( fieldErrors[ name ] !== undefined ) {
			setFieldErrors( ( current ) => {
				const remaining = { ...current };
				delete remaining[ name ];
				return remaining;
			} );
		}
	};

	const onSave = () => {
		setSaving( true );
		setNotice( null );
		saveCompanySettings( fields )
			.then( ( saved ) => {
				setFields( toFields( saved ) );
				setEdited( false );
				setFieldErrors( {} );
				setNotice( {
					status: 'success',
					message: __( 'Company settings saved.', 'cuadra' ),
				} );
			} )
			.catch( ( error: unknown ) => {
				const problem = describeRequestProblem( error );
				const known: Record< string, string > = {};
				const unknown: string[] = [];
				for ( const [ property, message ] of Object.entries(
					problem.fieldErrors
				) ) {
					if ( FIELD_NAMES.includes( property ) ) {
						known[ property ] = message;
					} else {
						unknown.push( message );
					}
				}
				setFieldErrors( known );
				const hasFieldErrors = Object.keys( known ).length > 0;
				const summary = hasFieldErrors
					? __(
						'The company settings were not saved. Correct the fields marked below and save again.',
						'cuadra'
					)
					: problem.message;
				setNotice( {
					status: 'error',
					message: [ summary, ...unknown ].join( ' ' ),
				} );
			} )
			.finally( () => setSaving( false ) );
	};

	const errorFor = ( name: keyof CompanyFields ) =>
		fieldErrors[ name ] !== undefined ? (
			<FieldError message={ fieldErrors[ name ] ?? '' } />
		) : undefined;

	const renderTextField = ( definition: TextFieldDefinition ) => (
		<TextControl
			key={ definition.name }
			__nextHasNoMarginBottom
			className={ `cuadra-field cuadra-field--${ definition.name }` }
			label={ definition.label }
			type={ definition.type ?? 'text' }
			value={ fields[ definition.name ] }
			onChange={ ( value: string ) => update( definition.name, value ) }
			help={ errorFor( definition.name ) }
			autoComplete={ definition.autoComplete ?? 'off' }
			aria-invalid={ fieldErrors[ definition.name ] !== undefined }
			disabled={ saving }
		/>
	);

	const renderNotice = () =>
		notice && (
			<Notice
				className="cuadra-company-notice"
				status={ notice.status }
				onRemove={ () => setNotice( null ) }
			>
				{ notice.message }
			</Notice>
		);

	return (
		<Card className="cuadra-panel cuadra-company-panel">
			<CardHeader>
				<h2 className="cuadra-panel__title">
					{ __( 'Company', 'cuadra' ) }
				</h2>
			</CardHeader>
			<CardBody>
				{ loadState === 'loading' && <Spinner /> }
				{ loadState === 'failed' && (
					<div className="cuadra-company-panel__failed">
						{ renderNotice() }
						<Button variant="secondary" onClick={ load }>
							{ __( 'Try again', 'cuadra' ) }
						</Button>
					</div>
				) }
				{ loadState === 'loaded' && (
					<form
						onSubmit={ ( event ) => {
							event.preventDefault();
							onSave();
						} }
						noValidate
					>
						<p className="cuadra-panel__intro">
							{ __(
								'These details appear on every invoice you issue.',
								'cuadra'
							) }
						</p>
						<div className="cuadra-field-grid">
							{ identityFields().map( renderTextField ) }
							{ addressFields().map( renderTextField ) }
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field cuadra-field--country_code"
								label={ __( 'Country', 'cuadra' ) }
								value={ fields.country_code }
								options={ countryChoices( fields.country_code ) }
								onChange={ ( value: string ) =>
									update( 'country_code', value )
								}
								help={ errorFor( 'country_code' ) }
								aria-invalid={ fieldErrors.country_code !== undefined }
								disabled={ saving }
							/>
							{ contactFields().map( renderTextField ) }
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field cuadra-field--default_currency"
								label={ __( 'Default currency', 'cuadra' ) }
								value={ fields.default_currency }
								options={ currencyChoices(
									fields.default_currency
								) }
								onChange={ ( value: string ) =>
									update( 'default_currency', value )
								}
								help={ errorFor( 'default_currency' ) }
								aria-invalid={ fieldErrors.default_currency !== undefined }
								disabled={ saving }
							/>
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field cuadra-field--timezone"
								label={ __( 'Time zone', 'cuadra' ) }
								value={ fields.timezone }
								options={ timezoneChoices( fields.timezone ) }
								onChange={ ( value: string ) =>
									update( 'timezone', value )
								}
								help={
									errorFor( 'timezone' ) ??
									sprintf(
										/* translators: %s: default time zone, e.g. Europe/Madrid */
										__(
											'Dates such as "today" and billing days follow this time zone. Default: %s.',
											'cuadra'
										),
										DEFAULT_TIMEZONE
									)
								}
								aria-invalid={ fieldErrors.timezone !== undefined }
								disabled={ saving }
							/>
						</div>
						<LogoField
							value={ fields.logo }
							onChange={ ( logo ) => update( 'logo', logo ) }
							error={ fieldErrors.logo }
							disabled={ saving }
						/>
						{ renderNotice() }
						<div className="cuadra-panel__actions">
							<Button
								variant="primary"
								type="submit"
								isBusy={ saving }
								disabled={ saving }
							>
								{ __( 'Save company settings', 'cuadra' ) }
							</Button>
						</div>
					</form>
				) }
			</CardBody>
		</Card>
	);
}
