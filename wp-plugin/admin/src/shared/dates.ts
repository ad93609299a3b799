import { userLocale } from './locale';

/**
 * "2026-11-27" → "27 nov 2026" in Spanish. A calendar date has no time zone: it is shown as is.
 *
 * @param isoDate YYYY-MM-DD, or null.
 */
export function formatDate( isoDate: string | null ): string {
	if ( ! isoDate ) {
		return '';
	}
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec( isoDate );
	if ( ! match ) {
		return isoDate;
	}
	const date = new Date(
		Date.UTC( Number( match[ 1 ] ), Number( match[ 2 ] ) - 1, Number( match[ 3 ] ) )
	);
	try {
		return new Intl.DateTimeFormat( userLocale(), {
			dateStyle: 'medium',
			timeZone: 'UTC',
		} ).format( date );
	} catch {
		return isoDate;
	}
}

/**
 * An instant (ISO 8601) in the browser's time zone, with the time.
 *
 * @param instant ISO 8601 timestamp, or null.
 */
export function formatDateTime( instant: string | null ): string {
	if ( ! instant ) {
		return '';
	}
	const date = new Date( instant );
	if ( Number.isNaN( date.getTime() ) ) {
		return instant;
	}
	try {
		return new Intl.DateTimeFormat( userLocale(), {
			dateStyle: 'medium',
			timeStyle: 'short',
		} ).format( date );
	} catch {
		return instant;
	}
}
