// MRR figures as the dashboard shows them: full amounts in cards, short ones on chart axes.
import { formatPercent } from '../invoices/invoice-labels';
import { userLocale } from '../shared/locale';
import { currencyExponent, formatMoney } from '../shared/money';

/**
 * "12,5 mil €" / "€12.5K": for axis ticks, where full amounts would not fit.
 *
 * @param minorUnits Amount in minor units.
 * @param currency   ISO 4217 code.
 */
export function formatCompactMoney( minorUnits: number, currency: string ): string {
	const value = minorUnits / ( 10 ** currencyExponent( currency ) );
	try {
		return new Intl.NumberFormat( userLocale(), {
			style: 'currency',
			currency,
			notation: 'compact',
			maximumFractionDigits: 1,
		} ).format( value );
	} catch {
		return formatMoney( minorUnits, currency );
	}
}

/**
 * An amount with its sign always shown: "+500,00 €", "−120,00 €".
 *
 * @param minorUnits Amount in minor units.
 * @param currency   ISO 4217 code.
 */
export function formatSignedMoney( minorUnits: number, currency: string ): string {
	if ( minorUnits === 0 ) {
		return formatMoney( 0, currency );
	}
	const text = formatMoney( Math.abs( minorUnits ), currency );
	return minorUnits > 0 ? `+${ text }` : `−${ text }`;
}

/**
 * A percentage from the service ("4.17", "-2.50") in the user's language, without its sign.
 *
 * @param percent Decimal string.
 */
export function formatUnsignedPercent( percent: string ): string {
	return formatPercent( Math.abs( Number( percent ) ) );
}

/**
 * "2026-11" → "nov 2026" (or "nov" alone).
 *
 * @param month    YYYY-MM.
 * @param withYear Whether to add the year.
 */
export function formatMonth( month: string, withYear = true ): string {
	const match = /^(\d{4})-(\d{2})$/.exec( month );
	if ( ! match ) {
		return month;
	}
	const date = new Date( Date.UTC( Number( match[ 1 ] ), Number( match[ 2 ] ) - 1, 1 ) );
	try {
		return new Intl.DateTimeFormat( userLocale(), {
			month: 'short',
			...( withYear ? { year: 'numeric' } : {} ),
			timeZone: 'UTC',
		} ).format( date );
	} catch {
		return month;
	}
}
