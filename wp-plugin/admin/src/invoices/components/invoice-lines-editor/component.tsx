import { Button, SelectControl, TextControl } from '@wordpress/components';
import { createElement, Fragment } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { FieldError } from '../../../shared/components/field-error';
import { decimalSeparator } from '../../../shared/locale';
import { currencySymbol, formatMoney } from '../../../shared/money';
import type { LineForm } from '../../invoice-form';
import {
	EXEMPTION_REASONS,
	exemptionLabel,
	formatPercent,
	VAT_RATES,
} from '../../invoice-labels';

interface InvoiceLinesEditorProps {
	lines: LineForm[];
	onChangeLine: ( index: number, changes: Partial< LineForm > ) => void;
	onAddLine: () => void;
	onRemoveLine: ( index: number ) => void;
	/** Messages keyed by "lines.<index>.<field>". */
	errors: Record< string, string >;
	/** Each line's base: the service's after a save, else an estimate (null when unreadable). */
	bases: Array< number | null >;
	currency: string;
	rectifying: boolean;
	disabled?: boolean;
}

type TextField = 'description' | 'quantity' | 'unitPrice' | 'discount';

/** The property the service names for each column. */
const PROPERTY: Record< TextField | 'vat' | 'recargo', string > = {
	description: 'description',
	quantity: 'quantity',
	unitPrice: 'unit_price',
	discount: 'discount_percent',
	vat: 'vat',
	recargo: 'recargo',
};

/** The invoice's lines as an editable table: one row per line, errors under the field they concern. */
export function InvoiceLinesEditor( {
	lines,
	onChangeLine,
	onAddLine,
	onRemoveLine,
	errors,
	bases,
	currency,
	rectifying,
	disabled = false,
}: InvoiceLinesEditorProps ) {
	const vatOptions = [
		...VAT_RATES.map( ( rate ) => ( {
			value: String( rate ),
			label: formatPercent( rate ),
		} ) ),
		{ value: 'exempt', label: __( 'Exempt', 'cuadra' ) },
	];
	const reasonOptions = [
		{ value: '', label: __( 'Exemption reason', 'cuadra' ) },
		...EXEMPTION_REASONS.map( ( reason ) => ( {
			value: reason,
			label: exemptionLabel( reason ),
		} ) ),
	];

	const errorAt = ( index: number, field: keyof typeof PROPERTY ) =>
		errors[ `lines.${ index }.${ PROPERTY[ field ] }` ];

	const COLUMN_NAMES: Record< keyof typeof PROPERTY, string > = {
		description: __( 'Description', 'cuadra' ),
		quantity: __( 'Quantity', 'cuadra' ),
		unitPrice: __( 'Unit price', 'cuadra' ),
		discount: __( 'Discount', 'cuadra' ),
		vat: __( 'IVA', 'cuadra' ),
		recargo: __( 'Surcharge', 'cuadra' ),
	};

	// Messages sit in a row right under their line (the columns are too narrow to hold them), each
	// tied to its field by aria-describedby; the field itself is marked invalid.
	const messageId = ( line: LineForm, field: keyof typeof PROPERTY ) =>
		`cuadra-${ line.key }-${ field }-error`;

	const describedBy = ( line: LineForm, index: number, field: keyof typeof PROPERTY ) =>
		errorAt( index, field ) !== undefined ? messageId( line, field ) : undefined;

	const textCell = (
		line: LineForm,
		index: number,
		field: TextField,
		label: string,
		extra: { inputMode?: 'decimal'; placeholder?: string } = {}
	) => {
		const message = errorAt( index, field );
		return (
			<TextControl
				__nextHasNoMarginBottom
				hideLabelFromVision
				className={ `cuadra-line__${ field }` }
				label={ sprintf( label, index + 1 ) }
				value={ line[ field ] }
				onChange={ ( value: string ) => onChangeLine( index, { [ field ]: value } ) }
				aria-invalid={ message !== undefined }
				aria-describedby={ describedBy( line, index, field ) }
				disabled={ disabled }
				autoComplete="off"
				{ ...extra }
			/>
		);
	};

	return (
		<div className="cuadra-lines">
			<table className="widefat cuadra-lines__table">
				<thead>
					<tr>
						<th scope="col" className="cuadra-lines__position">
							<span className="screen-reader-text">
								{ __( 'Line', 'cuadra' ) }
							</span>
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
						<th scope="col" className="cuadra-lines__amount cuadra-amount">
							{ __( 'Amount', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-lines__remove">
							<span className="screen-reader-text">
								{ __( 'Actions', 'cuadra' ) }
							</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{ lines.map( ( line, index ) => {
						const vatError = errorAt( index, 'vat' );
						const base = bases[ index ];
						const messages = ( Object.keys( PROPERTY ) as Array< keyof typeof PROPERTY > )
							.map( ( field ) => ( { field, message: errorAt( index, field ) } ) )
							.filter( ( entry ) => entry.message !== undefined );
						return (
							<Fragment key={ line.key }>
								<tr className={ `cuadra-line${ messages.length ? ' has-errors' : '' }` }>
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
													// Recargo follows an IVA rate; exempt lines have none.
													recargo: value === 'exempt' ? false : line.recargo,
												} )
											}
											disabled={ disabled }
											aria-invalid={ vatError !== undefined && line.vat !== 'exempt' }
											aria-describedby={
												line.vat !== 'exempt' ? describedBy( line, index, 'vat' ) : undefined
											}
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
												onChange={ ( value: string ) =>
													onChangeLine( index, { exemptReason: value } )
												}
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
											onChange={ ( event ) =>
												onChangeLine( index, { recargo: event.target.checked } )
											}
										/>
									</td>
									<td className="cuadra-lines__amount cuadra-amount">
										{ base === null || base === undefined
											? '—'
											: formatMoney( base, currency ) }
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
				{ rectifying && (
					<span className="cuadra-muted">
						{ __(
							'On a rectifying invoice, negative quantities subtract from the original.',
							'cuadra'
						) }
					</span>
				) }
			</div>
		</div>
	);
}
