// The editor's state (text as typed) and its conversion to and from the service's draft JSON.
import type {
	DraftInput,
	Invoice,
	InvoiceKind,
	InvoiceParty,
	RectificationMethod,
} from '../api/billing-types';
import type { PickerItem } from '../shared/components/search-picker';
import {
	formatDecimalInput,
	minorUnitsToInput,
	toDecimalString,
	toMinorUnits,
} from '../shared/money';
import { isRectifyingKind } from './invoice-labels';

export interface LineForm {
	/** React key; lines have no id of their own. */
	key: string;
	description: string;
	sku: string;
	quantity: string;
	/** In euros, as typed: "9,99". */
	unitPrice: string;
	discount: string;
	/** "21", "10", "4", "0" or "exempt". */
	vat: string;
	exemptReason: string;
	recargo: boolean;
	irpf: boolean;
}

export interface OriginalInvoiceChoice extends PickerItem {
	kind: InvoiceKind;
}

export interface InvoiceForm {
	kind: InvoiceKind;
	customer: PickerItem | null;
	/** Recipient stored on the draft itself (e.g. copied from a rectified invoice); not edited here. */
	recipient: InvoiceParty | null;
	currency: string;
	language: 'es' | 'en';
	operationDate: string;
	dueDate: string;
	lines: LineForm[];
	irpfPercent: string;
	pricesIncludeTax: boolean;
	notes: string;
	paymentMethod: string;
	original: OriginalInvoiceChoice | null;
	method: RectificationMethod;
	reason: string;
}

let lineCounter = 0;

export function newLine( overrides: Partial< LineForm > = {} ): LineForm {
	lineCounter += 1;
	return {
		key: `line-${ lineCounter }`,
		description: '',
		sku: '',
		quantity: '1',
		unitPrice: '',
		discount: '',
		vat: '21',
		exemptReason: '',
		recargo: false,
		irpf: true,
		...overrides,
	};
}

export function emptyInvoiceForm( language: 'es' | 'en' ): InvoiceForm {
	return {
		kind: 'F1',
		customer: null,
		recipient: null,
		currency: 'EUR',
		language,
		operationDate: '',
		dueDate: '',
		lines: [ newLine() ],
		irpfPercent: '',
		pricesIncludeTax: false,
		notes: '',
		paymentMethod: '',
		original: null,
		method: 'differences',
		reason: '',
	};
}

/**
 * What the service gets for the form: amounts converted, empty optional fields as null. Text that
 * is not a number is sent as typed so the service's message names the field.
 *
 * @param form     The editor's state.
 * @param exponent Digits of the currency's minor unit.
 */
export function toDraftInput( form: InvoiceForm, exponent = 2 ): DraftInput {
	const rectifying = isRectifyingKind( form.kind );
	return {
		kind: form.kind,
		customer_id: form.customer?.id ?? null,
		recipient: form.recipient,
		currency: form.currency,
		prices_include_tax: form.pricesIncludeTax,
		irpf_percent: toDecimalString( form.irpfPercent || '0' ),
		language: form.language,
		operation_date: form.operationDate || null,
		due_date: form.dueDate || null,
		notes: form.notes,
		payment_method: form.paymentMethod,
		lines: form.lines.map( ( line ) => ( {
			description: line.description,
			sku: line.sku,
			quantity: toDecimalString( line.quantity ),
			unit_price:
				toMinorUnits( line.unitPrice, exponent ) ?? line.unitPrice.trim(),
			discount_percent: toDecimalString( line.discount || '0' ),
			vat:
				line.vat === 'exempt'
					? { exempt: line.exemptReason }
					: Number( line.vat ),
			recargo: line.recargo,
			irpf: line.irpf,
		} ) ),
		rectification:
			rectifying && form.original
				? {
					invoice_id: form.original.id,
					method: form.method,
					reason: form.reason,
				}
				: null,
	};
}

function decimalForInput( value: string ): string {
	return value === '0' ? '' : formatDecimalInput( value );
}

/**
 * The editor's state for a saved draft.
 *
 * @param invoice  The draft from the service.
 * @param exponent Digits of the currency's minor unit.
 * @param original The invoice it rectifies, when known.
 */
export function formFromInvoice(
	invoice: Invoice,
	exponent = 2,
	original: OriginalInvoiceChoice | null = null
): InvoiceForm {
	return {
		kind: invoice.kind,
		customer:
			invoice.customer_id !== null
				? { id: invoice.customer_id, label: invoice.recipient?.legal_name ?? '' }
				: null,
		recipient: invoice.recipient,
		currency: invoice.currency,
		language: invoice.language,
		operationDate: invoice.operation_date ?? '',
		dueDate: invoice.due_date ?? '',
		lines: invoice.lines.map( ( line ) =>
			newLine( {
				description: line.description,
				sku: line.sku,
				quantity: formatDecimalInput( line.quantity ),
				unitPrice: minorUnitsToInput( line.unit_price, exponent ),
				discount: decimalForInput( line.discount_percent ),
				vat: typeof line.vat === 'number' ? String( line.vat ) : 'exempt',
				exemptReason: typeof line.vat === 'number' ? '' : line.vat.exempt,
				recargo: line.recargo,
				irpf: line.irpf,
			} )
		),
		irpfPercent: decimalForInput( invoice.irpf_percent ),
		pricesIncludeTax: invoice.prices_include_tax,
		notes: invoice.notes,
		paymentMethod: invoice.payment_method,
		original:
			original ??
			( invoice.rectification
				? {
					id: invoice.rectification.invoice_id,
					label: '',
					kind: 'F1',
				}
				: null ),
		method: invoice.rectification?.method ?? 'differences',
		reason: invoice.rectification?.reason ?? '',
	};
}

function negated( quantity: string ): string {
	return quantity.startsWith( '-' ) ? quantity.slice( 1 ) : `-${ quantity }`;
}

/**
 * A rectifying draft "by differences" for an issued invoice: same customer and conditions, and the
 * original lines with opposite quantities (a full credit) for the user to reduce to the difference.
 *
 * @param original The issued invoice.
 * @param exponent Digits of the currency's minor unit.
 */
export function rectifyingForm( original: Invoice, exponent = 2 ): InvoiceForm {
	const simplified = original.kind === 'F2' || original.kind === 'R5';
	const draft = formFromInvoice( original, exponent );
	return {
		...draft,
		kind: simplified ? 'R5' : 'R1',
		customer:
			original.customer_id !== null
				? {
					id: original.customer_id,
					label: original.recipient?.legal_name ?? '',
				}
				: null,
		// Without a customer the frozen recipient of the original is the only record of who it was.
		recipient: original.customer_id === null ? original.recipient : null,
		lines: draft.lines.map( ( line ) => ( {
			...line,
			quantity: formatDecimalInput( negated( toDecimalString( line.quantity ) ) ),
		} ) ),
		notes: '',
		operationDate: '',
		dueDate: '',
		original: {
			id: original.id,
			label: original.number ?? `#${ original.id }`,
			kind: original.kind,
		},
		method: 'differences',
		reason: '',
	};
}
