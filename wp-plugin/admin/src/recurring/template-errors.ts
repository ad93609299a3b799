// Where the template editor shows each of the service's 422 messages, and clearer words for the
// generic validation codes on the fields where a person can meet them.
import { __ } from '@wordpress/i18n';

import { describeRequestProblem } from '../api/request-problem';

const SIMPLE_FIELDS = new Set( [
	'series_code',
	'currency',
	'language',
	'prices_include_tax',
	'irpf_percent',
	'payment_method',
	'notes',
	'lines',
	'discount_percent',
	'discount_cycles',
	'interval_unit',
	'interval_count',
	'anchor_date',
	'anchor_time',
	'end_date',
	'cycles',
	'auto_send',
] );

const LINE_FIELD = /^lines\.(\d+)(?:\.(description|quantity|unit_price|discount_percent|vat|recargo|one_off))?(?:\..+)?$/;

/** Codes that say only "wrong number" or "wrong shape"; the field decides the words. */
const GENERIC_CODES = new Set( [ 'TOO_SMALL', 'TOO_BIG', 'INVALID_TYPE', 'INVALID_VALUE', 'REQUIRED', 'INVALID_FORMAT' ] );

/**
 * Where the editor shows a message about a property; null when it has no such field.
 *
 * @param property Dotted JSON path from the service, e.g. "lines.0.unit_price".
 */
export function templateFieldSlot( property: string ): string | null {
	if ( property === 'customer_id' || property === 'customer' || property.startsWith( 'customer.' ) ) {
		return 'customer';
	}
	if ( SIMPLE_FIELDS.has( property ) ) {
		return property;
	}
	const line = LINE_FIELD.exec( property );
	if ( line ) {
		return `lines.${ line[ 1 ] }.${ line[ 2 ] ?? 'description' }`;
	}
	return null;
}

/**
 * The words for a generic code on one of the schedule's number and time fields.
 *
 * @param slot The field.
 * @param code The service's code.
 */
function scheduleMessage( slot: string, code: string ): string | undefined {
	if ( ! GENERIC_CODES.has( code ) ) {
		return undefined;
	}
	switch ( slot ) {
		case 'interval_count':
			return __( 'Enter a whole number of at least 1: 1 for every month, 3 for every three months…', 'cuadra' );
		case 'cycles':
			return __( 'Enter how many invoices to issue, a whole number of at least 1.', 'cuadra' );
		case 'discount_cycles':
			return __( 'Enter on how many invoices the discount applies (at least 1), or leave it empty for all of them.', 'cuadra' );
		case 'anchor_time':
			return __( 'Enter a time such as 09:00.', 'cuadra' );
		case 'anchor_date':
		case 'end_date':
			return __( 'Enter a date that exists, such as 2026-01-31.', 'cuadra' );
		case 'interval_unit':
			return __( 'Choose days, weeks, months or years.', 'cuadra' );
		case 'customer':
			return __( 'Choose the customer to invoice.', 'cuadra' );
		default:
			return undefined;
	}
}

export interface TemplateProblemReport {
	/** Messages per field slot. */
	fields: Record< string, string >;
	/** What has no field of its own, or the general message. */
	message: string;
}

/**
 * What api-fetch threw, split into the messages shown at fields and the rest.
 *
 * @param error What api-fetch rejected with.
 */
export function describeTemplateProblem( error: unknown ): TemplateProblemReport {
	const problem = describeRequestProblem( error );
	const codes: Record< string, string > = {};
	if ( typeof error === 'object' && error !== null && Array.isArray( ( error as { errors?: unknown } ).errors ) ) {
		for ( const entry of ( error as { errors: Array< { code?: unknown; property?: unknown } > } ).errors ) {
			if ( typeof entry.property === 'string' && typeof entry.code === 'string' && codes[ entry.property ] === undefined ) {
				codes[ entry.property ] = entry.code;
			}
		}
	}
	const fields: Record< string, string > = {};
	const elsewhere: string[] = [];
	for ( const [ property, translated ] of Object.entries( problem.fieldErrors ) ) {
		const slot = templateFieldSlot( property );
		if ( slot === null ) {
			elsewhere.push( translated );
			continue;
		}
		const message = scheduleMessage( slot, codes[ property ] ?? '' ) ?? translated;
		fields[ slot ] = fields[ slot ] ? `${ fields[ slot ] } ${ message }` : message;
	}
	const hasFields = Object.keys( fields ).length > 0;
	const general = Object.keys( problem.fieldErrors ).length === 0 ? problem.message : elsewhere.join( ' ' );
	return { fields, message: hasFields ? general : general || problem.message };
}
