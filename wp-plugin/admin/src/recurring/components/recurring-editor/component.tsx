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

import { listInvoiceSeries, type InvoiceSeriesDefinition } from '../../../api/billing-api';
import {
	createTemplate,
	runTemplateAction,
	updateTemplate,
	type TemplateAction,
} from '../../../api/recurring-api';
import type { IntervalUnit, Template } from '../../../api/recurring-types';
import { pageUrl } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { FieldError } from '../../../shared/components/field-error';
import { formatDate } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { currencyExponent, formatMoney } from '../../../shared/money';
import { revealProblem } from '../../../shared/reveal-problem';
import { CustomerPicker } from '../../../invoices/components/customer-picker';
import {
	formFromTemplate,
	newTemplateLine,
	toTemplateInput,
	type EndsMode,
	type TemplateForm,
	type TemplateLineForm,
} from '../../recurring-form';
import { INTERVAL_UNITS, intervalUnitLabel } from '../../recurring-labels';
import { describeTemplateProblem } from '../../template-errors';
import { NextDatesPreview, useTemplatePreview, type PreviewState } from '../next-dates-preview';
import { TemplateHistory } from '../template-history';
import { TemplateLinesEditor } from '../template-lines-editor';
import { TemplateProblems } from '../template-problems';
import { TemplateStatusBadge } from '../template-status-badge';

interface RecurringEditorProps {
	/** The saved template; null until the first save. */
	template: Template | null;
	initialForm: TemplateForm;
	invoicesUrl: string;
	customersUrl: string;
	onSaved: ( template: Template ) => void;
}

type Busy = 'saving' | TemplateAction | null;

interface EditorNotice {
	status: 'success' | 'error' | 'warning' | 'info';
	message: ReactNode;
}

/** Editor of a recurring template: who, what, how often, until when; with its next dates and history. */
export function RecurringEditor( {
	template,
	initialForm,
	invoicesUrl,
	customersUrl,
	onSaved,
}: RecurringEditorProps ) {
	const [ form, setForm ] = useState< TemplateForm >( initialForm );
	const [ dirty, setDirty ] = useState( template === null );
	const [ busy, setBusy ] = useState< Busy >( null );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< EditorNotice | null >( takeFlash );
	const [ confirmEnd, setConfirmEnd ] = useState( false );
	const [ problems, setProblems ] = useState( 0 );
	const [ series, setSeries ] = useState< InvoiceSeriesDefinition[] >( [] );
	const root = useRef< HTMLFormElement >( null );

	useEffect( () => {
		if ( problems > 0 ) {
			revealProblem( root.current, '.cuadra-editor-notice' );
		}
	}, [ problems ] );

	useEffect( () => {
		listInvoiceSeries()
			.then( ( loaded ) => setSeries( loaded.items.filter( ( item ) => item.kind === 'ordinary' ) ) )
			.catch( () => undefined );
	}, [] );

	const exponent = currencyExponent( form.currency );
	const input = useMemo( () => toTemplateInput( form, exponent ), [ form, exponent ] );
	const ended = template?.status === 'ended';
	const preview = useTemplatePreview( input, ! ended );

	const FIELD_LABELS: Record< string, string > = {
		customer: __( 'Customer', 'cuadra' ),
		series_code: __( 'Series', 'cuadra' ),
		language: __( 'Invoice language', 'cuadra' ),
		currency: __( 'Currency', 'cuadra' ),
		irpf_percent: __( 'IRPF withholding (%)', 'cuadra' ),
		prices_include_tax: __( 'Prices include taxes', 'cuadra' ),
		payment_method: __( 'Payment method', 'cuadra' ),
		notes: __( 'Notes', 'cuadra' ),
		lines: __( 'Lines', 'cuadra' ),
		discount_percent: __( 'Discount on each invoice (%)', 'cuadra' ),
		discount_cycles: __( 'Discounted invoices', 'cuadra' ),
		interval_count: __( 'Repeat every', 'cuadra' ),
		interval_unit: __( 'Period', 'cuadra' ),
		anchor_date: __( 'First issue date', 'cuadra' ),
		anchor_time: __( 'Time of issue', 'cuadra' ),
		end_date: __( 'End date', 'cuadra' ),
		cycles: __( 'Number of invoices', 'cuadra' ),
		auto_send: __( 'Send each invoice by e-mail', 'cuadra' ),
	};
	const fieldLabel = ( slot: string ) => {
		const line = /^lines\.(\d+)\.(\w+)$/.exec( slot );
		if ( line ) {
			return sprintf(
				/* translators: %d: line number */
				__( 'Line %d', 'cuadra' ),
				Number( line[ 1 ] ) + 1
			);
		}
		return FIELD_LABELS[ slot ] ?? slot;
	};

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

	const change = ( changes: Partial< TemplateForm >, ...slots: string[] ) => {
		setForm( ( current ) => ( { ...current, ...changes } ) );
		setDirty( true );
		forget( ...slots );
	};

	const changeLine = ( index: number, changes: Partial< TemplateLineForm > ) => {
		setForm( ( current ) => ( {
			...current,
			lines: current.lines.map( ( line, at ) => ( at === index ? { ...line, ...changes } : line ) ),
		} ) );
		setDirty( true );
		const touched = Object.keys( changes ).map( ( field ) => {
			const property =
				{ unitPrice: 'unit_price', discount: 'discount_percent', exemptReason: 'vat', oneOff: 'one_off' }[ field ] ??
				field;
			return `lines.${ index }.${ property }`;
		} );
		forget( ...touched, 'lines' );
	};

	const showProblem = ( error: unknown, summary: string ) => {
		const problem = describeTemplateProblem( error );
		setErrors( problem.fields );
		setProblems( ( count ) => count + 1 );
		const hasFields = Object.keys( problem.fields ).length > 0;
		setNotice( {
			status: 'error',
			message: [ hasFields ? summary : '', problem.message ].filter( Boolean ).join( ' ' ),
		} );
	};

	const onSave = () => {
		setBusy( 'saving' );
		setNotice( null );
		( template ? updateTemplate( template.id, input ) : createTemplate( input ) )
			.then( ( saved ) => {
				const stored = formFromTemplate( saved, exponent );
				setForm( ( current ) => ( {
					...stored,
					customer: stored.customer ?? current.customer,
					lines: stored.lines.map( ( line, index ) => ( {
						...line,
						key: current.lines[ index ]?.key ?? line.key,
					} ) ),
				} ) );
				setDirty( false );
				setErrors( {} );
				setNotice( { status: 'success', message: __( 'Recurring invoice saved.', 'cuadra' ) } );
				onSaved( saved );
			} )
			.catch( ( error: unknown ) =>
				showProblem(
					error,
					__( 'The recurring invoice was not saved. Correct the fields marked below and save again.', 'cuadra' )
				)
			)
			.finally( () => setBusy( null ) );
	};

	const runAction = ( action: TemplateAction ) => {
		if ( ! template ) {
			return;
		}
		const done: Record< TemplateAction, string > = {
			pause: __( 'Paused: no invoices are issued until you resume it.', 'cuadra' ),
			resume: __( 'Resumed: the next invoice is issued on its date.', 'cuadra' ),
			end: __( 'Ended: no more invoices will be issued.', 'cuadra' ),
		};
		setBusy( action );
		setNotice( null );
		runTemplateAction( template.id, action )
			.then( ( changed ) => {
				onSaved( changed );
				setNotice( { status: 'success', message: done[ action ] } );
			} )
			.catch( ( error: unknown ) => showProblem( error, '' ) )
			.finally( () => {
				setBusy( null );
				setConfirmEnd( false );
			} );
	};

	const errorFor = ( slot: string ) =>
		errors[ slot ] !== undefined ? <FieldError message={ errors[ slot ] ?? '' } /> : undefined;
	const invalid = ( slot: string ) => errors[ slot ] !== undefined;

	const disabled = busy !== null || ended;
	// The service keeps the schedule of a template that has issued invoices (SCHEDULE_LOCKED).
	const scheduleLocked = ( template?.issued_count ?? 0 ) > 0;
	const lockedHelp = __( 'Fixed once invoices were issued.', 'cuadra' );
	const count = Number( form.intervalCount ) || 1;
	// The stored series stays choosable even when the list has not loaded (or no longer has it).
	const choosable =
		form.seriesCode === '' || series.some( ( item ) => item.code === form.seriesCode )
			? series
			: [ { code: form.seriesCode, prefix: '' } as InvoiceSeriesDefinition, ...series ];
	const seriesOptions = [
		{ value: '', label: __( 'Default series for invoices', 'cuadra' ) },
		...choosable.map( ( item ) => ( {
			value: item.code,
			label: item.prefix ? `${ item.code } (${ item.prefix })` : item.code,
		} ) ),
	];

	// The preview counts from the first period; once invoices were issued, the dates still to come
	// are the saved template's own, or (while editing its end) the previewed ones from its next date.
	let shownPreview: PreviewState = preview;
	if ( template && template.issued_count > 0 && preview.state === 'ready' ) {
		const upcoming = dirty
			? preview.preview.next_dates.filter( ( date ) => template.next_issue_date !== null && date >= template.next_issue_date )
			: template.next_dates;
		shownPreview = { state: 'ready', preview: { ...preview.preview, next_dates: upcoming } };
	}
	const freshPreview = shownPreview.state === 'ready' ? shownPreview.preview : null;
	const shownProblems = freshPreview ? freshPreview.problems : template?.problems ?? [];
	const nextDate = freshPreview ? freshPreview.next_dates[ 0 ] ?? null : template?.next_issue_date ?? null;

	const title = template
		? sprintf(
			/* translators: %d: id of the recurring invoice */
			__( 'Recurring invoice #%d', 'cuadra' ),
			template.id
		)
		: __( 'New recurring invoice', 'cuadra' );

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
		return __( 'Each invoice carries the customer’s details as they are on its issue date.', 'cuadra' );
	};

	return (
		<form
			ref={ root }
			className="cuadra-recurring-editor"
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				if ( ! ended ) {
					onSave();
				}
			} }
		>
			<div className="cuadra-editor-bar">
				<div className="cuadra-editor-bar__title">
					<h1 className="wp-heading-inline">{ title }</h1>
					{ template && <TemplateStatusBadge status={ template.status } /> }
					{ ! ended && (
						<span className="cuadra-muted cuadra-editor-bar__state">
							{ dirty ? __( 'Unsaved changes', 'cuadra' ) : __( 'All changes saved', 'cuadra' ) }
						</span>
					) }
				</div>
				<div className="cuadra-editor-bar__actions">
					{ template && ! ended && (
						<Button variant="link" isDestructive onClick={ () => setConfirmEnd( true ) } disabled={ busy !== null }>
							{ __( 'End', 'cuadra' ) }
						</Button>
					) }
					{ template?.status === 'active' && (
						<Button variant="secondary" onClick={ () => runAction( 'pause' ) } isBusy={ busy === 'pause' } disabled={ busy !== null }>
							{ __( 'Pause', 'cuadra' ) }
						</Button>
					) }
					{ template?.status === 'paused' && (
						<Button variant="secondary" onClick={ () => runAction( 'resume' ) } isBusy={ busy === 'resume' } disabled={ busy !== null }>
							{ __( 'Resume', 'cuadra' ) }
						</Button>
					) }
					{ ! ended && (
						<Button variant="primary" type="submit" isBusy={ busy === 'saving' } disabled={ disabled }>
							{ __( 'Save recurring invoice', 'cuadra' ) }
						</Button>
					) }
				</div>
			</div>
			<p className="cuadra-back-link">
				<AdminLink to={ {} }>{ __( '← Back to recurring invoices', 'cuadra' ) }</AdminLink>
			</p>
			<hr className="wp-header-end" />
			{ notice && (
				<Notice status={ notice.status } className="cuadra-editor-notice" onRemove={ () => setNotice( null ) }>
					{ notice.message }
				</Notice>
			) }
			{ ended && (
				<Notice status="info" isDismissible={ false } className="cuadra-editor-notice">
					{ __( 'This recurring invoice has ended and can no longer be changed. Its invoices stay as they were issued.', 'cuadra' ) }
				</Notice>
			) }
			{ ! ended && template?.status !== 'paused' && (
				<TemplateProblems problems={ shownProblems } nextDate={ nextDate } />
			) }

			<div className="cuadra-editor-body">
				{ template && (
					<Card className="cuadra-panel cuadra-template-summary">
						<CardHeader>
							<h2 className="cuadra-panel__title">{ __( 'Summary', 'cuadra' ) }</h2>
						</CardHeader>
						<CardBody>
							<dl className="cuadra-facts">
								<div className="cuadra-facts__row">
									<dt>{ __( 'Status', 'cuadra' ) }</dt>
									<dd>
										<TemplateStatusBadge status={ template.status } />
									</dd>
								</div>
								<div className="cuadra-facts__row">
									<dt>{ __( 'Next invoice', 'cuadra' ) }</dt>
									<dd className="cuadra-template-summary__next">
										{ template.status === 'active' && template.next_issue_date
											? formatDate( template.next_issue_date )
											: '—' }
									</dd>
								</div>
								<div className="cuadra-facts__row">
									<dt>{ __( 'Per invoice', 'cuadra' ) }</dt>
									<dd>{ formatMoney( template.period_amount, template.currency ) }</dd>
								</div>
								<div className="cuadra-facts__row">
									<dt>{ __( 'MRR contribution', 'cuadra' ) }</dt>
									<dd className="cuadra-template-summary__mrr">
										{ formatMoney( template.mrr, template.currency ) }
									</dd>
								</div>
								<div className="cuadra-facts__row">
									<dt>{ __( 'Invoices issued', 'cuadra' ) }</dt>
									<dd>{ template.issued_count }</dd>
								</div>
							</dl>
						</CardBody>
					</Card>
				) }
				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Customer and invoice', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<div className="cuadra-field-grid">
							<CustomerPicker
								className="cuadra-field cuadra-field--customer"
								value={ form.customer }
								onChange={ ( customer ) => change( { customer }, 'customer' ) }
								help={ customerHelp() }
								invalid={ invalid( 'customer' ) }
								disabled={ disabled }
							/>
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								label={ FIELD_LABELS.series_code }
								value={ form.seriesCode }
								options={ seriesOptions }
								onChange={ ( value: string ) => change( { seriesCode: value }, 'series_code' ) }
								help={ errorFor( 'series_code' ) }
								aria-invalid={ invalid( 'series_code' ) }
								disabled={ disabled }
							/>
							<SelectControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								label={ FIELD_LABELS.language }
								value={ form.language }
								options={ [
									{ value: 'es', label: __( 'Spanish', 'cuadra' ) },
									{ value: 'en', label: __( 'English', 'cuadra' ) },
								] }
								onChange={ ( value: string ) => change( { language: value === 'en' ? 'en' : 'es' }, 'language' ) }
								help={ errorFor( 'language' ) }
								aria-invalid={ invalid( 'language' ) }
								disabled={ disabled }
							/>
						</div>
					</CardBody>
				</Card>

				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Lines', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<TemplateLinesEditor
							lines={ form.lines }
							onChangeLine={ changeLine }
							onAddLine={ () => {
								const last = form.lines[ form.lines.length - 1 ];
								change(
									{
										lines: [
											...form.lines,
											newTemplateLine( last ? { vat: last.vat, exemptReason: last.exemptReason, recargo: last.recargo } : {} ),
										],
									},
									'lines'
								);
							} }
							onRemoveLine={ ( index ) =>
								change( { lines: form.lines.filter( ( _line, at ) => at !== index ) }, 'lines.*', 'lines' )
							}
							errors={ errors }
							currency={ form.currency }
							disabled={ disabled }
						/>
						<div className="cuadra-field-grid cuadra-template-discount">
							<TextControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								label={ FIELD_LABELS.discount_percent }
								inputMode="decimal"
								placeholder="0"
								value={ form.discountPercent }
								onChange={ ( value: string ) => change( { discountPercent: value }, 'discount_percent', 'discount_cycles' ) }
								help={ errorFor( 'discount_percent' ) ?? __( 'Applies to every recurring line, after their own discounts.', 'cuadra' ) }
								aria-invalid={ invalid( 'discount_percent' ) }
								disabled={ disabled }
							/>
							<TextControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								label={ FIELD_LABELS.discount_cycles }
								inputMode="numeric"
								value={ form.discountCycles }
								onChange={ ( value: string ) => change( { discountCycles: value }, 'discount_cycles' ) }
								help={
									errorFor( 'discount_cycles' ) ??
									__( 'How many invoices get the discount, from the first. Empty: all of them.', 'cuadra' )
								}
								aria-invalid={ invalid( 'discount_cycles' ) }
								disabled={ disabled || form.discountPercent.trim() === '' }
							/>
							<TextControl
								__nextHasNoMarginBottom
								className="cuadra-field"
								label={ FIELD_LABELS.irpf_percent }
								inputMode="decimal"
								placeholder="0"
								value={ form.irpfPercent }
								onChange={ ( value: string ) => change( { irpfPercent: value }, 'irpf_percent' ) }
								help={ errorFor( 'irpf_percent' ) }
								aria-invalid={ invalid( 'irpf_percent' ) }
								disabled={ disabled }
							/>
						</div>
						<CheckboxControl
							__nextHasNoMarginBottom
							className="cuadra-field cuadra-field--inclusive"
							label={ FIELD_LABELS.prices_include_tax }
							help={ __( 'Unit prices already include IVA and the surcharge, as in a shop.', 'cuadra' ) }
							checked={ form.pricesIncludeTax }
							onChange={ ( checked: boolean ) => change( { pricesIncludeTax: checked }, 'prices_include_tax' ) }
							disabled={ disabled }
						/>
					</CardBody>
				</Card>

				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Schedule', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<div className="cuadra-schedule">
							<div className="cuadra-schedule__fields">
								<div className="cuadra-field-grid">
									<TextControl
										__nextHasNoMarginBottom
										className="cuadra-field cuadra-field--interval-count"
										label={ FIELD_LABELS.interval_count }
										type="number"
										min={ 1 }
										value={ form.intervalCount }
										onChange={ ( value: string ) => change( { intervalCount: value }, 'interval_count' ) }
										help={ errorFor( 'interval_count' ) ?? ( scheduleLocked ? lockedHelp : undefined ) }
										aria-invalid={ invalid( 'interval_count' ) }
										disabled={ disabled || scheduleLocked }
									/>
									<SelectControl
										__nextHasNoMarginBottom
										className="cuadra-field"
										label={ FIELD_LABELS.interval_unit }
										value={ form.intervalUnit }
										options={ INTERVAL_UNITS.map( ( unit ) => ( { value: unit, label: intervalUnitLabel( unit, count ) } ) ) }
										onChange={ ( value: string ) => change( { intervalUnit: value as IntervalUnit }, 'interval_unit' ) }
										help={ errorFor( 'interval_unit' ) }
										aria-invalid={ invalid( 'interval_unit' ) }
										disabled={ disabled || scheduleLocked }
									/>
									<TextControl
										__nextHasNoMarginBottom
										className="cuadra-field"
										type="date"
										label={ FIELD_LABELS.anchor_date }
										value={ form.anchorDate }
										onChange={ ( value: string ) => change( { anchorDate: value }, 'anchor_date' ) }
										help={
											errorFor( 'anchor_date' ) ??
									( scheduleLocked
										? lockedHelp
										: __( 'Every later date counts from this one: the 31st stays the last day of shorter months.', 'cuadra' ) )
										}
										aria-invalid={ invalid( 'anchor_date' ) }
										disabled={ disabled || scheduleLocked }
									/>
									<TextControl
										__nextHasNoMarginBottom
										className="cuadra-field"
										type="time"
										label={ FIELD_LABELS.anchor_time }
										value={ form.anchorTime }
										onChange={ ( value: string ) => change( { anchorTime: value }, 'anchor_time' ) }
										help={ errorFor( 'anchor_time' ) ?? __( 'In the company’s time zone.', 'cuadra' ) }
										aria-invalid={ invalid( 'anchor_time' ) }
										disabled={ disabled || scheduleLocked }
									/>
									<SelectControl
										__nextHasNoMarginBottom
										className="cuadra-field"
										label={ __( 'Ends', 'cuadra' ) }
										value={ form.ends }
										options={ [
											{ value: 'never', label: __( 'Never', 'cuadra' ) },
											{ value: 'date', label: __( 'On a date', 'cuadra' ) },
											{ value: 'cycles', label: __( 'After a number of invoices', 'cuadra' ) },
										] }
										onChange={ ( value: string ) => change( { ends: value as EndsMode }, 'end_date', 'cycles' ) }
										disabled={ disabled }
									/>
									{ form.ends === 'date' && (
										<TextControl
											__nextHasNoMarginBottom
											className="cuadra-field"
											type="date"
											label={ FIELD_LABELS.end_date }
											value={ form.endDate }
											onChange={ ( value: string ) => change( { endDate: value }, 'end_date' ) }
											help={ errorFor( 'end_date' ) ?? __( 'No invoice is issued after this date.', 'cuadra' ) }
											aria-invalid={ invalid( 'end_date' ) }
											disabled={ disabled }
										/>
									) }
									{ form.ends === 'cycles' && (
										<TextControl
											__nextHasNoMarginBottom
											className="cuadra-field"
											type="number"
											min={ 1 }
											label={ FIELD_LABELS.cycles }
											value={ form.cycles }
											onChange={ ( value: string ) => change( { cycles: value }, 'cycles' ) }
											help={ errorFor( 'cycles' ) ?? __( 'Including the invoices already issued.', 'cuadra' ) }
											aria-invalid={ invalid( 'cycles' ) }
											disabled={ disabled }
										/>
									) }
								</div>
								<CheckboxControl
									__nextHasNoMarginBottom
									className="cuadra-field"
									label={ FIELD_LABELS.auto_send }
									help={ errorFor( 'auto_send' ) ?? __( 'To the customer’s e-mail addresses, as soon as each invoice is issued.', 'cuadra' ) }
									checked={ form.autoSend }
									onChange={ ( checked: boolean ) => change( { autoSend: checked }, 'auto_send' ) }
									disabled={ disabled }
								/>
							</div>
							<NextDatesPreview preview={ shownPreview } time={ form.anchorTime } fieldLabel={ fieldLabel } ended={ ended } />
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
							label={ FIELD_LABELS.payment_method }
							value={ form.paymentMethod }
							placeholder={ __( 'e.g. Bank transfer to ES91 2100 0418 4502 0005 1332', 'cuadra' ) }
							onChange={ ( value: string ) => change( { paymentMethod: value }, 'payment_method' ) }
							help={ errorFor( 'payment_method' ) }
							aria-invalid={ invalid( 'payment_method' ) }
							disabled={ disabled }
						/>
						<TextareaControl
							__nextHasNoMarginBottom
							className="cuadra-field"
							label={ FIELD_LABELS.notes }
							value={ form.notes }
							onChange={ ( value: string ) => change( { notes: value }, 'notes' ) }
							help={ errorFor( 'notes' ) ?? __( 'Printed on every invoice.', 'cuadra' ) }
							rows={ 3 }
							aria-invalid={ invalid( 'notes' ) }
							disabled={ disabled }
						/>
					</CardBody>
				</Card>

				{ template && (
					<TemplateHistory history={ template.history ?? [] } currency={ template.currency } invoicesUrl={ invoicesUrl } />
				) }
			</div>

			{ confirmEnd && (
				<ConfirmDialog
					title={ __( 'End this recurring invoice?', 'cuadra' ) }
					confirmLabel={ __( 'Yes, end it', 'cuadra' ) }
					cancelLabel={ __( 'Keep it', 'cuadra' ) }
					onConfirm={ () => runAction( 'end' ) }
					onCancel={ () => setConfirmEnd( false ) }
					destructive
					busy={ busy === 'end' }
				>
					<p>
						{ __(
							'No more invoices will be issued and it stops counting towards MRR. This cannot be undone: to bill the customer again, create a new recurring invoice. To stop for a while, pause it instead.',
							'cuadra'
						) }
					</p>
				</ConfirmDialog>
			) }
		</form>
	);
}
