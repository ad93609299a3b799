// Amounts travel as integer minor units (and unit prices as minor-unit decimal strings); they are
// turned into euros only for display and parsed from what people type without any float arithmetic.
import { decimalSeparator, userLocale } from './locale';

const formatters = new Map< string, Intl.NumberFormat >();

// "always": es-ES would otherwise print 1234,56 € but 12.345,67 €. Browsers older than the option
// read it as `true`, the same as before. (TypeScript's ES2022 lib only knows the boolean.)
const ALWAYS_GROUP = { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions;

function currencyFormatter( currency: string ): Intl.NumberFormat {
	const key = `${ userLocale() }|${ currency }`;
	let formatter = formatters.get( key );
	if ( ! formatter ) {
		try {
			formatter = new Intl.NumberFormat( userLocale(), {
				style: 'currency',
				currency,
				...ALWAYS_GROUP,
			} );
		} catch {
			formatter = new Intl.NumberFormat( 'en', { style: 'currency', currency } );
		}
		formatters.set( key, formatter );
	}
	return formatter;
}

/**
 * Digits after the decimal point of a currency: 2 for EUR, 0 for JPY.
 *
 * @param currency ISO 4217 code.
 */
export function currencyExponent( currency: string ): number {
	return currencyFormatter( currency ).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * 123456 (cents) → "1.234,56 €" in Spanish, "€1,234.56" in English.
 *
 * @param minorUnits Integer amount in minor units.
 * @param currency   ISO 4217 code.
 */
export function formatMoney( minorUnits: number, currency = 'EUR' ): string {
	return currencyFormatter( currency ).format(
		minorUnits / ( 10 ** currencyExponent( currency ) )
	);
}

/**
 * The currency's symbol in the user's language ("€").
 *
 * @param currency ISO 4217 code.
 */
export function currencySymbol( currency: string ): string {
	return (
		currencyFormatter( currency )
			.formatToParts( 0 )
			.find( ( part ) => part.type === 'currency' )?.value ?? currency
	);
}

/**
 * What a person typed as a decimal number ("1,5", "1.5", " 2 ") → "1.5", the service's format.
 * Returns the trimmed input unchanged when it is not a number, so the service names the problem.
 *
 * @param typed Text from an input.
 */
export function toDecimalString( typed: string ): string {
	const text = typed.trim().replace( /\s/g, '' );
	const normalised = text.includes( ',' ) && ! text.includes( '.' ) ? text.replace( ',', '.' ) : text;
	return /^-?\d+(\.\d+)?$/.test( normalised ) ? normalised : text;
}

/**
 * A decimal from the service ("1.5") as the user writes it ("1,5" in Spanish).
 *
 * @param value Decimal string with a dot.
 */
export function formatDecimalInput( value: string ): string {
	return value.replace( '.', decimalSeparator() );
}

/**
 * An amount typed in euros → minor units as the service wants unit prices: "9,99" or "9.99" →
 * "999", "0,125" → "12.5", "1.234,56" → "123456". With both separators the last one is the decimal
 * point. A single separator is the decimal point, except the user's thousands separator before
 * exactly three digits ("1.500" in Spanish, "1,500" in English). Returns null when it is not an amount.
 *
 * @param typed    Text from an input.
 * @param exponent Digits of the currency's minor unit (2 for EUR).
 */
export function toMinorUnits( typed: string, exponent = 2 ): string | null {
	const userGrouping = decimalSeparator() === ',' ? '.' : ',';
	const text = typed.trim().replace( /[\s\u00a0€]/g, '' );
	const match = /^([+-]?)([\d.,]+)$/.exec( text );
	if ( ! match ) {
		return null;
	}
	const sign = match[ 1 ] === '-' ? '-' : '';
	let body = match[ 2 ] ?? '';
	const lastComma = body.lastIndexOf( ',' );
	const lastDot = body.lastIndexOf( '.' );
	if ( lastComma >= 0 && lastDot >= 0 ) {
		const decimal = lastComma > lastDot ? ',' : '.';
		const grouping = decimal === ',' ? '.' : ',';
		body = body.split( grouping ).join( '' ).replace( decimal, '.' );
	} else {
		const only = lastComma >= 0 ? ',' : '.';
		const count = body.split( only ).length - 1;
		const groupsThousands =
			count > 1 || ( only === userGrouping && /^[1-9]\d{0,2}[.,]\d{3}$/.test( body ) );
		body = groupsThousands ? body.split( only ).join( '' ) : body.replace( only, '.' );
	}
	const parts = /^(\d*)(?:\.(\d*))?$/.exec( body );
	if ( ! parts || ( parts[ 1 ] === '' && ! parts[ 2 ] ) ) {
		return null;
	}
	const whole = parts[ 1 ] ?? '';
	const fraction = ( parts[ 2 ] ?? '' ).padEnd( exponent, '0' );
	const minor = `${ whole }${ fraction.slice( 0, exponent ) }`.replace( /^0+(?=\d)/, '' );
	const extra = fraction.slice( exponent ).replace( /0+$/, '' );
	const value = extra ? `${ minor }.${ extra }` : minor;
	return sign && /[1-9]/.test( value ) ? `${ sign }${ value }` : value;
}

/**
 * Minor units from the service → euros as the user types them: "999" → "9,99", "12.5" → "0,125".
 *
 * @param minor    Minor units, possibly with extra decimals.
 * @param exponent Digits of the currency's minor unit.
 */
export function minorUnitsToInput( minor: string, exponent = 2 ): string {
	const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec( minor.trim() );
	if ( ! match ) {
		return minor;
	}
	const [ , sign, whole = '', extra = '' ] = match;
	if ( exponent === 0 ) {
		return `${ sign }${ whole }${ extra ? decimalSeparator() + extra : '' }`;
	}
	const padded = whole.padStart( exponent + 1, '0' );
	const units = padded.slice( 0, -exponent ).replace( /^0+(?=\d)/, '' );
	const cents = padded.slice( -exponent ) + extra;
	return `${ sign }${ units }${ decimalSeparator() }${ cents }`;
}

/**
 * A unit price in minor units with extra decimals ("12.5") as money, keeping those decimals: "0,125 €".
 *
 * @param minor    Minor units, possibly with extra decimals.
 * @param currency ISO 4217 code.
 */
export function formatUnitPrice( minor: string, currency = 'EUR' ): string {
	const exponent = currencyExponent( currency );
	const value = Number( minor ) / ( 10 ** exponent );
	if ( ! Number.isFinite( value ) ) {
		return minor;
	}
	try {
		return new Intl.NumberFormat( userLocale(), {
			style: 'currency',
			currency,
			minimumFractionDigits: exponent,
			maximumFractionDigits: exponent + 4,
			...ALWAYS_GROUP,
		} ).format( value );
	} catch {
		return formatMoney( Math.round( Number( minor ) ), currency );
	}
}
