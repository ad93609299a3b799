// Durations as people read them: "2 h 15 min", "3 d 4 h", with the user's digits.
import { __, sprintf } from '@wordpress/i18n';

import { userLocale } from '../shared/locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function number( value: number ): string {
	try {
		return new Intl.NumberFormat( userLocale() ).format( value );
	} catch {
		return String( value );
	}
}

/**
 * A duration with its two largest units, rounded to the minute ("—" when there is none).
 *
 * @param ms Milliseconds, or null.
 */
export function formatDuration( ms: number | null ): string {
	if ( ms === null || ! Number.isFinite( ms ) ) {
		return '—';
	}
	if ( ms < MINUTE ) {
		/* translators: shown for a duration under one minute */
		return __( 'under 1 min', 'cuadra' );
	}
	const minutesInAll = Math.round( ms / MINUTE );
	const days = Math.floor( minutesInAll / ( DAY / MINUTE ) );
	const hours = Math.floor( ( minutesInAll % ( DAY / MINUTE ) ) / 60 );
	const minutes = minutesInAll % 60;
	/* translators: %s: number of days, e.g. "3 d" */
	const dayPart = () => sprintf( __( '%s d', 'cuadra' ), number( days ) );
	/* translators: %s: number of hours, e.g. "2 h" */
	const hourPart = () => sprintf( __( '%s h', 'cuadra' ), number( hours ) );
	/* translators: %s: number of minutes, e.g. "15 min" */
	const minutePart = () => sprintf( __( '%s min', 'cuadra' ), number( minutes ) );
	if ( days > 0 ) {
		return hours > 0 ? `${ dayPart() } ${ hourPart() }` : dayPart();
	}
	if ( hours > 0 ) {
		return minutes > 0 ? `${ hourPart() } ${ minutePart() }` : hourPart();
	}
	return minutePart();
}

/**
 * A file size: "850 KB", "2,4 MB".
 *
 * @param bytes Size in bytes.
 */
export function formatFileSize( bytes: number ): string {
	const format = ( value: number, digits: number ) => {
		try {
			return new Intl.NumberFormat( userLocale(), { maximumFractionDigits: digits } ).format( value );
		} catch {
			return value.toFixed( digits );
		}
	};
	if ( bytes < 1024 ) {
		/* translators: %s: size in bytes */
		return sprintf( __( '%s bytes', 'cuadra' ), format( bytes, 0 ) );
	}
	if ( bytes < 1024 * 1024 ) {
		/* translators: %s: size in kilobytes */
		return sprintf( __( '%s KB', 'cuadra' ), format( bytes / 1024, 0 ) );
	}
	/* translators: %s: size in megabytes */
	return sprintf( __( '%s MB', 'cuadra' ), format( bytes / ( 1024 * 1024 ), 1 ) );
}
