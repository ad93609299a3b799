import {
	Button,
	Card,
	CardBody,
	CardHeader,
	CheckboxControl,
	Notice,
	SelectControl,
	TextareaControl,
	TextControl,
} from '@wordpress/components';
import { createElement, useEffect, useMemo, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import {
	createDraft,
	deleteDraft,
	fetchCustomer,
	fetchInvoice,
	runInvoiceAction,
	updateDraft,
} from '../../../api/billing-api';
import type { Invoice, InvoiceKind, RectificationMethod } from '../../../api/billing-types';
import { describeRequestProblem, type RequestProblem } from '../../../api/request-problem';
import { navigate, pageUrl } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { FieldError } from '../../../shared/components/field-error';
import { setFlash, takeFlash } from '../../../shared/flash';
import { currencyExponent } from '../../../shared/money';
import { revealProblem } from '../../../shared/reveal-problem';
import { estimateInvoice } from '../../invoice-estimate';
import {
	formFromInvoice,
	newLine,
	toDraftInput,
	type InvoiceForm,
	type LineForm,
} from '../../invoice-form';
import { INVOICE_KINDS, isRectifyingKind, kindLabel, methodLabel } from '../../invoice-labels';
import { rememberCustomerName } from '../../use-customer-names';
import { CustomerPicker } from '../customer-picker';
import { InvoiceLinesEditor } from '../invoice-lines-editor';
import { InvoiceTotals } from '../invoice-totals';
import { OriginalInvoicePicker } from '../original-invoice-picker';
import { StatusBadge } from '../status-badge';
import { TaxSummaryTable } from '../tax-summary-table';
import { WooImportPanel } from '../woo-import-panel';

interface InvoiceEditorProps {
	/** The saved draft; null until the first save. */
	invoice: Invoice | null;
	initialForm: InvoiceForm;
	customersUrl: string;
	settingsUrl: string;
	canManage: boolean;
	/** After each save (the first one gives the draft its id). */
	onSaved: ( invoice: Invoice ) => void;
	onIssued: ( invoice: Invoice ) => void;
}

type Busy = 'saving' | 'issuing' | 'deleting' | null;

interface EditorNotice {
	status: 'success' | 'error' | 'warning' | 'info';
	message: ReactNode;
}

const SIMPLE_FIELDS: Record< string, string > = {
	kind: 'kind',
	operation_date: 'operation_date',
	due_date: 'due_date',
	language: 'language',
	irpf_percent: 'irpf_percent',
	prices_include_tax: 'prices_include_tax',
	notes: 'notes',
	payment_method: 'payment_method',
	lines: 'lines',
	'rectification.method': 'method',
	'rectification.reason': 'reason',
};

const LINE_FIELD = /^lines\.(\d+)(?:\.(description|quantity|unit_price|discount_percent|vat|recargo))?(?:\..+)?$/;

/**
 * Where the editor shows the service's message about a property; null when it has no such field.
 *
 * @param property Dotted JSON path from the service, e.g. "lines.2.quantity".
 */
export function fieldSlot( property: string ): string | null {
	if ( property === 'customer_id' || property === 'recipient' || property.startsWith( 'recipient.' ) ) {
		return 'customer';
	}
	if (
		property === 'rectification' ||
		property === 'rectification.invoice_id' ||
		property.startsWith( 'rectification.original' )
	) {
		return 'original';
	}
	if ( SIMPLE_FIELDS[ property ] ) {
		return SIMPLE_FIELDS[ property ] ?? null;
	}
	const line = LINE_FIELD.exec( property );
	if ( line ) {
		return `lines.${ line[ 1 ] }.${ line[ 2 ] ?? 'description' }`;
	}
	return null;
}

/** Editor of a draft invoice: details, lines, totals; "Save draft", "Issue invoice", "Delete draft". */
export function InvoiceEditor( {
	invoice,
	initialForm,
	customersUrl,
	settingsUrl,
	canManage,
	onSaved,
	onIssued,
}: InvoiceEditorProps ) {
	const [ form, setForm ] = useState< InvoiceForm >( initialForm );
	const [ dirty, setDirty ] = useState( invoice === null );
	const [ busy, setBusy ] = useState< Busy >( null );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< EditorNotice | null >( takeFlash );
	const [ confirming, setConfirming ] = useState< 'issue' | 'delete' | null >( null );
	const [ problems, setProblems ] = useState( 0 );
	const root = useRef< HTMLFormElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-editor-notice' );
		}
	}, [ problems ] );

	const exponent = currencyExponent( form.currency );
	const rectifying = isRectifyingKind( form.kind );
	const draftInput = useMemo( () => toDraftInput( form, exponent ), [ form, exponent ] );
	const estimate = useMemo( () => estimateInvoice( draftInput ), [ draftInput ] );
	// The service's figures whenever they describe what is on screen.
	const serverFigures = invoice !== null && ! dirty;

	// A draft names its customer (and a rectifying one its original) by id: fetch the names shown.
	useEffect( () => {
		const customer = form.customer;
		if ( customer && customer.label === '' ) {
			fetchCustomer( customer.id )
				.then( ( found ) =>
					setForm( ( current ) =>
						current.customer?.id === found.id
							? { ...current, customer: { ...current.customer, label: found.legal_name } }
							: current
					)
				)
				.catch( () => undefined );
		}
		const original = form.original;
		if ( original && original.label === '' ) {
			fetchInvoice( original.id )
				.then( ( found ) =>
					setForm( ( current ) =>
						current.original?.id === found.id
							? {
								...current,
								original: {
									id: found.id,
									label: found.number ?? `#${ found.id }`,
									kind: found.kind,
								},
							}
							: current
					)
				)
				.catch( () => undefined );
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- once, for what the draft was loaded with
	}, [] );

	const forget = ( ...slots: string[] ) =>
		setErrors( ( current ) => {
			const remaining = { ...current };
			let changed = false;
			for ( const slot of slots ) {
				for ( const name of Object.keys( remaining ) ) {
					if ( name === slot || ( slot.endsWith( '.*' ) && name.startsWith( slot.slice( 0, -1 ) ) ) ) {
						delete remaining[ name ];
						changed = true;
					}
				}
			}
			return changed ? remaining : current;
		} );

	const change = ( changes: Partial< InvoiceForm >, ...slots: string[] ) => {
		setForm( ( current ) => ( { ...current, ...changes } ) );
		setDirty( true );
		forget( ...slots );
	};

	const changeLine = ( index: number, changes: Partial< LineForm > ) => {
		setForm( ( current ) => ( {
			...current,
			lines: current.lines.map( ( line, at ) => ( at === index ? { ...line, ...changes } : line ) ),
		} ) );
		setDirty( true );
		const touched = Object.keys( changes ).map( ( field ) => {
			const property =
				{ unitPrice: 'unit_price', discount: 'discount_percent', exemptReason: 'vat' }[ field ] ?? field;
			return `lines.${ index }.${ property }`;
		} );
		forget( ...touched, 'lines' );
	};

	const showProblem = ( error: unknown, summary: string ) => {
		const problem: RequestProblem = describeRequestProblem( error );
		const atFields: Record< string, string > = {};
		const elsewhere: string[] = [];
		for ( const [ property, message ] of Object.entries( problem.fieldErrors ) ) {
			const slot = fieldSlot( property );
			if ( slot ) {
				atFields[ slot ] = atFields[ slot ] ? `${ atFields[ slot ] } ${ message }` : message;
			} else {
				elsewhere.push( message );
			}
		}
		setErrors( atFields );
		setProblems( ( count ) => count + 1 );
		const hasFieldErrors = Object.keys( atFields ).length > 0;
		const text = [ hasFieldErrors ? summary : '', ...elsewhere ].filter( Boolean ).join( ' ' ) || problem.message;
		const companyMissing = Object.keys( problem.fieldErrors ).includes( 'company' );
		setNotice( {
			status: 'error',
			message: (
				<span>
					{ text }
					{ companyMissing && canManage && (
						<span>
							{ ' ' }
							<a href={ settingsUrl }>{ __( 'Open Cuadra settings', 'cuadra' ) }</a>
						</span>
					) }
				</span>
			),
		} );
	};

	const save = (): Promise< Invoice > => {
		const request = invoice ? updateDraft( invoice.id, draftInput ) : createDraft( draftInput );
		return request.then( ( saved ) => {
			// Show the lines as the service stored them ("9.99" typed reads "9,99" in Spanish).
			const stored = formFromInvoice( saved, exponent );
			setForm( ( current ) => ( {
				...current,
				irpfPercent: stored.irpfPercent,
				lines: stored.lines.map( ( line, index ) => ( {
					...line,
					key: current.lines[ index ]?.key ?? line.key,
				} ) ),
			} ) );
			setDirty( false );
			setErrors( {} );
			onSaved( saved );
			return saved;
		} );
	};

	const onSave = () => {
		setBusy( 'saving' );
		setNotice( null );
		save()
			.then( () => setNotice( { status: 'success', message: __( 'Draft saved.', 'cuadra' ) } ) )
			.catch( ( error: unknown ) =>
				showProblem(
					error,
					__( 'The draft was not saved. Correct the fields marked below and save again.', 'cuadra' )
				)
			)
			.finally( () => setBusy( null ) );
	};

	const onIssue = () => {
		setBusy( 'issuing' );
		setNotice( null );
		( dirty || ! invoice ? save() : Promise.resolve( invoice ) )
			.then( ( saved ) => runInvoiceAction( saved.id, 'issue' ) )
			.then( ( issued ) => {
				setFlash( {
					status: 'success',
					message: sprintf(
						/* translators: %s: invoice number, e.g. F2026-0001 */
						__( 'Invoice %s issued.', 'cuadra' ),
						issued.number ?? ''
					),
				} );
				setConfirming( null );
				setBusy( null );
				onIssued( issued );
			} )
			.catch( ( error: unknown ) => {
				setConfirming( null );
				setBusy( null );
				showProblem(
					error,
					__( 'The invoice was not issued. Correct the fields marked below and try again.', 'cuadra' )
				);
			} );
	};

	const onDelete = () => {
		if ( ! invoice ) {
			return;
		}
		setBusy( 'deleting' );
		deleteDraft( invoice.id )
			.then( () => {
				setFlash( { status: 'success', message: __( 'Draft deleted.', 'cuadra' ) } );
				navigate( {} );
			} )
			.catch( ( error: unknown ) => {
				setConfirming( null );
				setBusy( null );
				showProblem( error, '' );
			} );
	};

	const errorFor = ( slot: string ) =>
		errors[ slot ] !== undefined ? <FieldError message={ errors[ slot ] ?? '' } /> : undefined;

	const customerHelp = () => {
		if ( errors.customer !== undefined ) {
			return (
				<span>
					<FieldError message={ errors.customer } />
					{ form.customer && (
						<span>
							{ ' ' }
							<a href={ pageUrl( customersUrl, { customer: form.customer.id } ) }>
								{ __( 'Edit this customer', 'cuadra' ) }
							</a>
						</span>
					) }
				</span>
			);
		}
		return form.kind === 'F2' || form.kind === 'R5'
			? __( 'Optional on simplified invoices.', 'cuadra' )
			: __( "The invoice carries the customer's name, tax ID and address as they are when it is issued.", 'cuadra' );
	};

	const disabled = busy !== null;
	const totals = serverFigures ? invoice.totals : estimate.totals;
	const taxSummary = serverFigures ? invoice.tax_summary : estimate.taxSummary;
	const bases = serverFigures ? invoice.lines.map( ( line ) => line.base ) : estimate.lineBases;

	const title = invoice
		? sprintf(
			/* translators: %d: internal id of a draft invoice */
			__( 'Draft invoice #%d', 'cuadra' ),
			invoice.id
		)
		: __( 'New invoice', 'cuadra' );

	return (
		<form
			ref={ root }
			className="cuadra-invoice-editor"
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				onSave();
			} }
		>
			<div className="cuadra-editor-bar">
				<div className="cuadra-editor-bar__title">
					<h1 className="wp-heading-inline">{ title }</h1>
					<StatusBadge status="draft" />
					<span className="cuadra-muted cuadra-editor-bar__state">
						{ dirty ? __( 'Unsaved changes', 'cuadra' ) : __( 'All changes saved', 'cuadra' ) }
					</span>
				</div>
				<div className="cuadra-editor-bar__actions">
					{ invoice && (
						<Button
							variant="link"
							isDestructive
							onClick={ () => setConfirming( 'delete' ) }
							disabled={ disabled }
						>
							{ __( 'Delete draft', 'cuadra' ) }
						</Button>
					) }
					<Button variant="secondary" type="submit" isBusy={ busy === 'saving' } disabled={ disabled }>
						{ __( 'Save draft', 'cuadra' ) }
					</Button>
					<Button
						variant="primary"
						onClick={ () => setConfirming( 'issue' ) }
						isBusy={ busy === 'issuing' }
						disabled={ disabled }
					>
						{ __( 'Issue invoice', 'cuadra' ) }
					</Button>
				</div>
			</div>
			<p className="cuadra-back-link">
				<AdminLink to={ {} }>{ __( '← Back to invoices', 'cuadra' ) }</AdminLink>
			</p>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice
					status={ notice.status }
					className="cuadra-editor-notice"
					onRemove={ () => setNotice( null ) }
				>
					{ notice.message }
				</Notice>
			) }

			{ invoice === null && ! isRectifyingKind( form.kind ) && (
				<WooImportPanel
					onCreated={ ( result ) => {
						setFlash( {
							status: 'success',
							message: __( 'Draft created from the order: check it and issue it.', 'cuadra' ),
						} );
						navigate( { invoice: result.invoice.id } );
					} }
				/>
			) }

			<div className="cuadra-editor-body">
				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Invoice details', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<div className="cuadra-field-grid">
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field cuadra-field--kind"
								label={ __( 'Kind of invoice', 'cuadra' ) }
								value={ form.kind }
								options={ INVOICE_KINDS.map( ( kind ) => ( { value: kind, label: kindLabel( kind ) } ) ) }
								onChange={ ( value: string ) =>
									change( { kind: value as InvoiceKind }, 'kind', 'original', 'method', 'reason', 'lines.*' )
								}
								help={ errorFor( 'kind' ) }
								aria-invalid={ errors.kind !== undefined }
								disabled={ disabled }
							/>
							<CustomerPicker
								className="cuadra-field cuadra-field--customer"
								value={ form.customer }
								onChange={ ( customer ) => {
									if ( customer ) {
										rememberCustomerName( customer.id, customer.label );
									}
									change( { customer, recipient: null }, 'customer' );
								} }
								help={ customerHelp() }
								invalid={ errors.customer !== undefined }
								disabled={ disabled }
							/>
							<TextControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								type="date"
								label={ __( 'Operation date', 'cuadra' ) }
								value={ form.operationDate }
								onChange={ ( value: string ) => change( { operationDate: value }, 'operation_date' ) }
								help={ errorFor( 'operation_date' ) ?? __( 'Only when it differs from the issue date.', 'cuadra' ) }
								aria-invalid={ errors.operation_date !== undefined }
								disabled={ disabled }
							/>
							<TextControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								type="date"
								label={ __( 'Due date', 'cuadra' ) }
								value={ form.dueDate }
								onChange={ ( value: string ) => change( { dueDate: value }, 'due_date' ) }
								help={ errorFor( 'due_date' ) }
								aria-invalid={ errors.due_date !== undefined }
								disabled={ disabled }
							/>
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								label={ __( 'Invoice language', 'cuadra' ) }
								value={ form.language }
								options={ [
									{ value: 'es', label: __( 'Spanish', 'cuadra' ) },
									{ value: 'en', label: __( 'English', 'cuadra' ) },
								] }
								onChange={ ( value: string ) => change( { language: value === 'en' ? 'en' : 'es' }, 'language' ) }
								help={ errorFor( 'language' ) }
								aria-invalid={ errors.language !== undefined }
								disabled={ disabled }
							/>
						</div>
						{ rectifying && (
							<div className="cuadra-field-grid cuadra-rectification">
								<OriginalInvoicePicker
									value={ form.original }
									onChange={ ( original ) => change( { original }, 'original' ) }
									help={ errorFor( 'original' ) }
									invalid={ errors.original !== undefined }
									disabled={ disabled }
								/>
								<SelectControl
									__nextHasNoMarginBottom
									className="cuadra-field"
									label={ __( 'Rectification method', 'cuadra' ) }
									value={ form.method }
									options={ ( [ 'differences', 'substitution' ] as RectificationMethod[] ).map( ( method ) => ( {
										value: method,
										label: methodLabel( method ),
									} ) ) }
									onChange={ ( value: string ) =>
										change( { method: value as RectificationMethod }, 'method' )
									}
									help={
										errorFor( 'method' ) ??
											( form.method === 'differences'
												? __( 'The lines state only what changes (negative to subtract).', 'cuadra' )
												: __( 'The lines state the corrected invoice in full.', 'cuadra' ) )
									}
									aria-invalid={ errors.method !== undefined }
									disabled={ disabled }
								/>
								<TextControl
									__nextHasNoMarginBottom
									className="cuadra-field cuadra-field--reason"
									label={ __( 'Reason for the rectification', 'cuadra' ) }
									value={ form.reason }
									onChange={ ( value: string ) => change( { reason: value }, 'reason' ) }
									help={ errorFor( 'reason' ) }
									aria-invalid={ errors.reason !== undefined }
									disabled={ disabled }
								/>
							</div>
						) }
					</CardBody>
				</Card>

				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Lines', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<InvoiceLinesEditor
							lines={ form.lines }
							onChangeLine={ changeLine }
							onAddLine={ () => {
								const last = form.lines[ form.lines.length - 1 ];
								change( {
									lines: [
										...form.lines,
										newLine( last ? { vat: last.vat, exemptReason: last.exemptReason, recargo: last.recargo } : {} ),
									],
								}, 'lines' );
							} }
							onRemoveLine={ ( index ) =>
								change( { lines: form.lines.filter( ( _line, at ) => at !== index ) }, 'lines.*', 'lines' )
							}
							errors={ errors }
							bases={ bases }
							currency={ form.currency }
							rectifying={ rectifying }
							disabled={ disabled }
						/>
						<div className="cuadra-lines-summary">
							<div className="cuadra-lines-options">
								<TextControl
									__nextHasNoMarginBottom
									className="cuadra-field cuadra-field--irpf"
									label={ __( 'IRPF withholding (%)', 'cuadra' ) }
									inputMode="decimal"
									value={ form.irpfPercent }
									placeholder="0"
									onChange={ ( value: string ) => change( { irpfPercent: value }, 'irpf_percent' ) }
									help={
										errorFor( 'irpf_percent' ) ??
										__( 'Professionals invoicing businesses usually withhold 15; 7 in their first years.', 'cuadra' )
									}
									aria-invalid={ errors.irpf_percent !== undefined }
									disabled={ disabled }
								/>
								<CheckboxControl
									__nextHasNoMarginBottom
									className="cuadra-field cuadra-field--inclusive"
									label={ __( 'Prices include taxes', 'cuadra' ) }
									help={ __( 'Unit prices already include IVA and the surcharge, as in a shop.', 'cuadra' ) }
									checked={ form.pricesIncludeTax }
									onChange={ ( checked: boolean ) => change( { pricesIncludeTax: checked }, 'prices_include_tax' ) }
									disabled={ disabled }
								/>
							</div>
							<div className="cuadra-totals-box">
								<InvoiceTotals
									totals={ totals }
									currency={ form.currency }
									irpfPercent={ draftInput.irpf_percent }
									estimate={ ! serverFigures }
								/>
								{ taxSummary.length > 1 && (
									<details className="cuadra-totals-box__summary">
										<summary>{ __( 'Breakdown by rate', 'cuadra' ) }</summary>
										<TaxSummaryTable rows={ taxSummary } currency={ form.currency } />
									</details>
								) }
							</div>
						</div>
					</CardBody>
				</Card>

				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Payment and notes', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<TextControl
							__nextHasNoMarginBottom
							className="cuadra-field"
							label={ __( 'Payment method', 'cuadra' ) }
							value={ form.paymentMethod }
							placeholder={ __( 'e.g. Bank transfer to ES91 2100 0418 4502 0005 1332', 'cuadra' ) }
							onChange={ ( value: string ) => change( { paymentMethod: value }, 'payment_method' ) }
							help={ errorFor( 'payment_method' ) }
							aria-invalid={ errors.payment_method !== undefined }
							disabled={ disabled }
						/>
						<TextareaControl
							__nextHasNoMarginBottom
							className="cuadra-field"
							label={ __( 'Notes', 'cuadra' ) }
							value={ form.notes }
							onChange={ ( value: string ) => change( { notes: value }, 'notes' ) }
							help={ errorFor( 'notes' ) ?? __( 'Printed on the invoice.', 'cuadra' ) }
							rows={ 3 }
							aria-invalid={ errors.notes !== undefined }
							disabled={ disabled }
						/>
					</CardBody>
				</Card>
			</div>

			{ confirming === 'issue' && (
				<ConfirmDialog
					title={ __( 'Issue this invoice?', 'cuadra' ) }
					confirmLabel={ __( 'Yes, issue invoice', 'cuadra' ) }
					cancelLabel={ __( 'Keep editing', 'cuadra' ) }
					onConfirm={ onIssue }
					onCancel={ () => setConfirming( null ) }
					busy={ busy === 'issuing' }
				>
					<p>
						{ __(
							'Issuing is final: the invoice gets the next number of its series and a VERI*FACTU record, and it can no longer be edited or deleted. Numbers cannot be reused; mistakes are corrected with a rectifying invoice.',
							'cuadra'
						) }
					</p>
				</ConfirmDialog>
			) }
			{ confirming === 'delete' && (
				<ConfirmDialog
					title={ __( 'Delete this draft?', 'cuadra' ) }
					confirmLabel={ __( 'Yes, delete draft', 'cuadra' ) }
					cancelLabel={ __( 'Keep draft', 'cuadra' ) }
					onConfirm={ onDelete }
					onCancel={ () => setConfirming( null ) }
					destructive
					busy={ busy === 'deleting' }
				>
					<p>
						{ __( 'The draft has no number yet, so deleting it leaves no gap in the numbering. This cannot be undone.', 'cuadra' ) }
					</p>
				</ConfirmDialog>
			) }
		</form>
	);
}
