// The periods the Metrics screen offers, as whole days in the company's time zone (the service
// reads plain dates there: `from` and `to` both included).
import { __ } from '@wordpress/i18n';

export type PeriodChoice = 'this-month' | 'last-month' | 'last-30' | 'last-90' | 'custom';

export const PERIOD_CHOICES: PeriodChoice[] = [ 'this-month', 'last-month', 'last-30', 'last-90', 'custom' ];

export function periodLabel( choice: PeriodChoice ): string {
	switch ( choice ) {
		case 'this-month':
			return __( 'This month', 'cuadra' );
		case 'last-month':
			return __( 'Last month', 'cuadra' );
		case 'last-30':
			return __( 'Last 30 days', 'cuadra' );
		case 'last-90':
			return __( 'Last 90 days', 'cuadra' );
		case 'custom':
			return __( 'Custom dates', 'cuadra' );
	}
	return choice;
}

function isoDay( date: Date ): string {
	return date.toISOString().slice( 0, 10 );
}

function parseDay( day: string ): Date {
	const [ year, month, date ] = day.split( '-' ).map( Number );
	return new Date( Date.UTC( year ?? 1970, ( month ?? 1 ) - 1, date ?? 1 ) );
}

/**
 * First and last day of a period that ends today.
 *
 * @param choice A period other than custom.
 * @param today  Today in the company's time zone (YYYY-MM-DD).
 */
export function periodDates( choice: Exclude< PeriodChoice, 'custom' >, today: string ): { from: string; to: string } {
	const now = parseDay( today );
	switch ( choice ) {
		case 'this-month':
			return { from: isoDay( new Date( Date.UTC( now.getUTCFullYear(), now.getUTCMonth(), 1 ) ) ), to: today };
		case 'last-month':
			return {
				from: isoDay( new Date( Date.UTC( now.getUTCFullYear(), now.getUTCMonth() - 1, 1 ) ) ),
				to: isoDay( new Date( Date.UTC( now.getUTCFullYear(), now.getUTCMonth(), 0 ) ) ),
			};
		case 'last-30':
		case 'last-90': {
			const days = choice === 'last-30' ? 30 : 90;
			return { from: isoDay( new Date( now.getTime() - ( ( days - 1 ) * 86_400_000 ) ) ), to: today };
		}
	}
	return { from: today, to: today };
}

/**
 * Today in a time zone, as YYYY-MM-DD.
 *
 * @param timeZone IANA time zone (the company's).
 */
export function todayIn( timeZone = 'Europe/Madrid' ): string {
	try {
		return new Intl.DateTimeFormat( 'en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' } ).format(
			new Date()
		);
	} catch {
		return new Date().toISOString().slice( 0, 10 );
	}
}
