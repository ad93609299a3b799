// The template editor's state (text as typed) and its conversion to and from the service's JSON.
import type { IntervalUnit, Template, TemplateInput } from '../api/recurring-types';
import type { PickerItem } from '../shared/components/search-picker';
import {
	formatDecimalInput,
	minorUnitsToInput,
	toDecimalString,
	toMinorUnits,
} from '../shared/money';

export interface TemplateLineForm {
	/** React key; lines have no id of their own. */
	key: string;
	description: string;
	sku: string;
	quantity: string;
	/** In euros, as typed: "25,00". */
	unitPrice: string;
	discount: string;
	/** "21", "10", "4", "0" or "exempt". */
	vat: string;
	exemptReason: string;
	recargo: boolean;
	irpf: boolean;
	oneOff: boolean;
}

/** How a template ends: never, on a date, or after a number of invoices. */
export type EndsMode = 'never' | 'date' | 'cycles';

export interface TemplateForm {
	customer: PickerItem | null;
	/** Empty: the default series of ordinary invoices. */
	seriesCode: string;
	currency: string;
	language: 'es' | 'en';
	pricesIncludeTax: boolean;
	irpfPercent: string;
	paymentMethod: string;
	notes: string;
	lines: TemplateLineForm[];
	discountPercent: string;
	/** Empty: the discount applies to every invoice. */
	discountCycles: string;
	intervalUnit: IntervalUnit;
	/** As typed, so "0" or "" reach the service and it names the problem. */
	intervalCount: string;
	anchorDate: string;
	anchorTime: string;
	ends: EndsMode;
	endDate: string;
	cycles: string;
	autoSend: boolean;
}

let lineCounter = 0;

export function newTemplateLine( overrides: Partial< TemplateLineForm > = {} ): TemplateLineForm {
	lineCounter += 1;
	return {
		key: `template-line-${ lineCounter }`,
		description: '',
		sku: '',
		quantity: '1',
		unitPrice: '',
		discount: '',
		vat: '21',
		exemptReason: '',
		recargo: false,
		irpf: true,
		oneOff: false,
		...overrides,
	};
}

/**
 * Today in the company's time zone (Europe/Madrid unless told otherwise), as YYYY-MM-DD.
 *
 * @param timeZone IANA time zone.
 */
export function todayIn( timeZone = 'Europe/Madrid' ): string {
	try {
		return new Intl.DateTimeFormat( 'en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		} ).format( new Date() );
	} catch {
		return new Date().toISOString().slice( 0, 10 );
	}
}

export function emptyTemplateForm( anchorDate: string ): TemplateForm {
	return {
		customer: null,
		seriesCode: '',
		currency: 'EUR',
		language: 'es',
		pricesIncludeTax: false,
		irpfPercent: '',
		paymentMethod: '',
		notes: '',
		lines: [ newTemplateLine() ],
		discountPercent: '',
		discountCycles: '',
		intervalUnit: 'month',
		intervalCount: '1',
		anchorDate,
		anchorTime: '09:00',
		ends: 'never',
		endDate: '',
		cycles: '',
		autoSend: true,
	};
}

/**
 * A whole number as typed → number; anything else is sent as typed so the service names the field.
 *
 * @param typed Text from an input.
 */
function wholeNumber( typed: string ): number {
	const text = typed.trim();
	return /^-?\d+$/.test( text ) ? Number( text ) : ( text as unknown as number );
}

function optionalWholeNumber( typed: string ): number | null {
	return typed.trim() === '' ? null : wholeNumber( typed );
}

/**
 * What the service gets for the form.
 *
 * @param form     The editor's state.
 * @param exponent Digits of the currency's minor unit.
 */
export function toTemplateInput( form: TemplateForm, exponent = 2 ): TemplateInput {
	const discount = toDecimalString( form.discountPercent || '0' );
	return {
		customer_id: form.customer?.id ?? null,
		series_code: form.seriesCode || null,
		currency: form.currency,
		language: form.language,
		prices_include_tax: form.pricesIncludeTax,
		irpf_percent: toDecimalString( form.irpfPercent || '0' ),
		payment_method: form.paymentMethod,
		notes: form.notes,
		lines: form.lines.map( ( line ) => ( {
			description: line.description,
			sku: line.sku,
			quantity: toDecimalString( line.quantity ),
			unit_price: toMinorUnits( line.unitPrice, exponent ) ?? line.unitPrice.trim(),
			discount_percent: toDecimalString( line.discount || '0' ),
			vat: line.vat === 'exempt' ? { exempt: line.exemptReason } : Number( line.vat ),
			recargo: line.recargo,
			irpf: line.irpf,
			one_off: line.oneOff,
		} ) ),
		discount_percent: discount,
		discount_cycles: discount === '0' ? null : optionalWholeNumber( form.discountCycles ),
		interval_unit: form.intervalUnit,
		interval_count: wholeNumber( form.intervalCount ),
		anchor_date: form.anchorDate,
		anchor_time: form.anchorTime,
		end_date: form.ends === 'date' ? form.endDate || null : null,
		cycles: form.ends === 'cycles' ? optionalWholeNumber( form.cycles ) : null,
		auto_send: form.autoSend,
	};
}

function decimalForInput( value: string ): string {
	return value === '0' || value === '' ? '' : formatDecimalInput( value );
}

/**
 * The editor's state for a saved template.
 *
 * @param template The template from the service.
 * @param exponent Digits of the currency's minor unit.
 */
export function formFromTemplate( template: Template, exponent = 2 ): TemplateForm {
	let ends: EndsMode = 'never';
	if ( template.end_date ) {
		ends = 'date';
	} else if ( template.cycles !== null && template.cycles !== undefined ) {
		ends = 'cycles';
	}
	return {
		customer: template.customer
			? { id: template.customer.id, label: template.customer.legal_name }
			: null,
		seriesCode: template.series_code ?? '',
		currency: template.currency,
		language: template.language,
		pricesIncludeTax: template.prices_include_tax,
		irpfPercent: decimalForInput( template.irpf_percent ),
		paymentMethod: template.payment_method,
		notes: template.notes,
		lines: template.lines.map( ( line ) =>
			newTemplateLine( {
				description: line.description,
				sku: line.sku ?? '',
				quantity: formatDecimalInput( line.quantity ),
				unitPrice: minorUnitsToInput( line.unit_price, exponent ),
				discount: decimalForInput( line.discount_percent ),
				vat: typeof line.vat === 'number' ? String( line.vat ) : 'exempt',
				exemptReason: typeof line.vat === 'number' ? '' : line.vat.exempt,
				recargo: line.recargo,
				irpf: line.irpf,
				oneOff: line.one_off,
			} )
		),
		discountPercent: decimalForInput( template.discount_percent ),
		discountCycles:
			template.discount_cycles === null || template.discount_cycles === undefined
				? ''
				: String( template.discount_cycles ),
		intervalUnit: template.interval_unit,
		intervalCount: String( template.interval_count ),
		anchorDate: template.anchor_date,
		anchorTime: template.anchor_time,
		ends,
		endDate: template.end_date ?? '',
		cycles: template.cycles === null || template.cycles === undefined ? '' : String( template.cycles ),
		autoSend: template.auto_send,
	};
}
