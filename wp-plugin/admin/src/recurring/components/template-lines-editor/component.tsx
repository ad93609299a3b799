import { Button, SelectControl, TextControl } from '@wordpress/components';
import { createElement, Fragment } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { FieldError } from '../../../shared/components/field-error';
import { decimalSeparator } from '../../../shared/locale';
import { currencySymbol } from '../../../shared/money';
import {
	EXEMPTION_REASONS,
	exemptionLabel,
	formatPercent,
	VAT_RATES,
} from '../../../invoices/invoice-labels';
import type { TemplateLineForm } from '../../recurring-form';

interface TemplateLinesEditorProps {
	lines: TemplateLineForm[];
	onChangeLine: ( index: number, changes: Partial< TemplateLineForm > ) => void;
	onAddLine: () => void;
	onRemoveLine: ( index: number ) => void;
	/** Messages keyed by "lines.<index>.<property>". */
	errors: Record< string, string >;
	currency: string;
	disabled?: boolean;
}

type TextField = 'description' | 'quantity' | 'unitPrice' | 'discount';
type Column = TextField | 'vat' | 'recargo' | 'oneOff';

/** The property the service names for each column. */
const PROPERTY: Record< Column, string > = {
	description: 'description',
	quantity: 'quantity',
	unitPrice: 'unit_price',
	discount: 'discount_percent',
	vat: 'vat',
	recargo: 'recargo',
	oneOff: 'one_off',
};

/** The template's lines: like an invoice's, and each may be for the first invoice only. */
export function TemplateLinesEditor( {
	lines,
	onChangeLine,
	onAddLine,
	onRemoveLine,
	errors,
	currency,
	disabled = false,
}: TemplateLinesEditorProps ) {
	const vatOptions = [
		...VAT_RATES.map( ( rate ) => ( { value: String( rate ), label: formatPercent( rate ) } ) ),
		{ value: 'exempt', label: __( 'Exempt', 'cuadra' ) },
	];
	const reasonOptions = [
		{ value: '', label: __( 'Reason…', 'cuadra' ) },
		...EXEMPTION_REASONS.map( ( reason ) => ( { value: reason, label: exemptionLabel( reason ) } ) ),
	];

	const COLUMN_NAMES: Record< Column, string > = {
		description: __( 'Description', 'cuadra' ),
		quantity: __( 'Quantity', 'cuadra' ),
		unitPrice: __( 'Unit price', 'cuadra' ),
		discount: __( 'Discount', 'cuadra' ),
		vat: __( 'IVA', 'cuadra' ),
		recargo: __( 'Surcharge', 'cuadra' ),
		oneOff: __( 'First invoice only', 'cuadra' ),
	};

	const errorAt = ( index: number, field: Column ) => errors[ `lines.${ index }.${ PROPERTY[ field ] }` ];
	const messageId = ( line: TemplateLineForm, field: Column ) => `cuadra-${ line.key }-${ field }-error`;
	const describedBy = ( line: TemplateLineForm, index: number, field: Column ) =>
		errorAt( index, field ) !== undefined ? messageId( line, field ) : undefined;

	const textCell = (
		line: TemplateLineForm,
		index: number,
		field: TextField,
		label: string,
		extra: { inputMode?: 'decimal'; placeholder?: string } = {}
	) => (
		<TextControl
			__nextHasNoMarginBottom
			hideLabelFromVision
			className={ `cuadra-line__${ field }` }
			label={ sprintf( label, index + 1 ) }
			value={ line[ field ] }
			onChange={ ( value: string ) => onChangeLine( index, { [ field ]: value } ) }
			aria-invalid={ errorAt( index, field ) !== undefined }
			aria-describedby={ describedBy( line, index, field ) }
			disabled={ disabled }
			autoComplete="off"
			{ ...extra }
		/>
	);

	return (
		<div className="cuadra-lines">
			<table className="widefat cuadra-lines__table cuadra-template-lines">
				<thead>
					<tr>
						<th scope="col" className="cuadra-lines__position">
							<span className="screen-reader-text">{ __( 'Line', 'cuadra' ) }</span>
						</th>
						<th scope="col" className="cuadra-lines__description">
							{ __( 'Description', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-lines__quantity">
							{ __( 'Quantity', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-lines__price">
							{ sprintf(
								/* translators: %s: currency symbol, e.g. € */
								__( 'Unit price (%s)', 'cuadra' ),
								currencySymbol( currency )
							) }
						</th>
						<th scope="col" className="cuadra-lines__discount">
							{ __( 'Discount %', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-lines__vat">
							{ __( 'IVA', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-lines__recargo">
							<abbr title={ __( 'Equivalence surcharge', 'cuadra' ) }>
								{ __( 'Surcharge', 'cuadra' ) }
							</abbr>
						</th>
						<th scope="col" className="cuadra-lines__one-off">
							{ __( 'First invoice only', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-lines__remove">
							<span className="screen-reader-text">{ __( 'Actions', 'cuadra' ) }</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{ lines.map( ( line, index ) => {
						const vatError = errorAt( index, 'vat' );
						const messages = ( Object.keys( PROPERTY ) as Column[] )
							.map( ( field ) => ( { field, message: errorAt( index, field ) } ) )
							.filter( ( entry ) => entry.message !== undefined );
						return (
							<Fragment key={ line.key }>
								<tr className={ `cuadra-line${ messages.length ? ' has-errors' : '' }${ line.oneOff ? ' is-one-off' : '' }` }>
									<td className="cuadra-lines__position">{ index + 1 }</td>
									<td>
										{ textCell(
											line,
											index,
											'description',
											/* translators: %d: line number */
											__( 'Description, line %d', 'cuadra' )
										) }
									</td>
									<td>
										{ textCell(
											line,
											index,
											'quantity',
											/* translators: %d: line number */
											__( 'Quantity, line %d', 'cuadra' ),
											{ inputMode: 'decimal' }
										) }
									</td>
									<td>
										{ textCell(
											line,
											index,
											'unitPrice',
											/* translators: %d: line number */
											__( 'Unit price, line %d', 'cuadra' ),
											{ inputMode: 'decimal', placeholder: `0${ decimalSeparator() }00` }
										) }
									</td>
									<td>
										{ textCell(
											line,
											index,
											'discount',
											/* translators: %d: line number */
											__( 'Discount, line %d', 'cuadra' ),
											{ inputMode: 'decimal', placeholder: '0' }
										) }
									</td>
									<td>
										<SelectControl
											__nextHasNoMarginBottom
											hideLabelFromVision
											className="cuadra-line__vat"
											label={ sprintf(
												/* translators: %d: line number */
												__( 'IVA, line %d', 'cuadra' ),
												index + 1
											) }
											value={ line.vat }
											options={ vatOptions }
											onChange={ ( value: string ) =>
												onChangeLine( index, {
													vat: value,
													recargo: value === 'exempt' ? false : line.recargo,
												} )
											}
											disabled={ disabled }
											aria-invalid={ vatError !== undefined && line.vat !== 'exempt' }
											aria-describedby={ line.vat !== 'exempt' ? describedBy( line, index, 'vat' ) : undefined }
										/>
										{ line.vat === 'exempt' && (
											<SelectControl
												__nextHasNoMarginBottom
												hideLabelFromVision
												className="cuadra-line__exempt-reason"
												label={ sprintf(
													/* translators: %d: line number */
													__( 'Exemption reason, line %d', 'cuadra' ),
													index + 1
												) }
												value={ line.exemptReason }
												options={ reasonOptions }
												onChange={ ( value: string ) => onChangeLine( index, { exemptReason: value } ) }
												disabled={ disabled }
												aria-invalid={ vatError !== undefined }
												aria-describedby={ describedBy( line, index, 'vat' ) }
											/>
										) }
									</td>
									<td className="cuadra-lines__recargo">
										<input
											type="checkbox"
											aria-label={ sprintf(
												/* translators: %d: line number */
												__( 'Equivalence surcharge, line %d', 'cuadra' ),
												index + 1
											) }
											aria-invalid={ errorAt( index, 'recargo' ) !== undefined }
											aria-describedby={ describedBy( line, index, 'recargo' ) }
											checked={ line.recargo }
											disabled={ disabled || line.vat === 'exempt' }
											onChange={ ( event ) => onChangeLine( index, { recargo: event.target.checked } ) }
										/>
									</td>
									<td className="cuadra-lines__one-off">
										<input
											type="checkbox"
											aria-label={ sprintf(
												/* translators: %d: line number */
												__( 'First invoice only, line %d', 'cuadra' ),
												index + 1
											) }
											aria-invalid={ errorAt( index, 'oneOff' ) !== undefined }
											aria-describedby={ describedBy( line, index, 'oneOff' ) }
											checked={ line.oneOff }
											disabled={ disabled }
											onChange={ ( event ) => onChangeLine( index, { oneOff: event.target.checked } ) }
										/>
									</td>
									<td className="cuadra-lines__remove">
										<Button
											className="cuadra-line__remove"
											icon="trash"
											label={ sprintf(
												/* translators: %d: line number */
												__( 'Remove line %d', 'cuadra' ),
												index + 1
											) }
											onClick={ () => onRemoveLine( index ) }
											disabled={ disabled || lines.length === 1 }
										/>
									</td>
								</tr>
								{ messages.length > 0 && (
									<tr className="cuadra-line__errors">
										<td />
										<td colSpan={ 8 }>
											{ messages.map( ( { field, message } ) => (
												<p key={ field } id={ messageId( line, field ) }>
													<FieldError message={ `${ COLUMN_NAMES[ field ] }: ${ message }` } />
												</p>
											) ) }
										</td>
									</tr>
								) }
							</Fragment>
						);
					} ) }
				</tbody>
			</table>
			{ errors.lines && (
				<p className="cuadra-lines__error">
					<FieldError message={ errors.lines } />
				</p>
			) }
			<div className="cuadra-lines__footer">
				<Button variant="secondary" onClick={ onAddLine } disabled={ disabled }>
					{ __( 'Add line', 'cuadra' ) }
				</Button>
				<span className="cuadra-muted">
					{ __( 'Lines marked "first invoice only" (a set-up fee, for instance) are not repeated and do not count towards MRR.', 'cuadra' ) }
				</span>
			</div>
		</div>
	);
}
