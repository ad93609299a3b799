// Names of template statuses and periodicities, in the user's language.
import { __, _n, sprintf } from '@wordpress/i18n';

import type { IntervalUnit, TemplateStatus } from '../api/recurring-types';

export const TEMPLATE_STATUSES: TemplateStatus[] = [ 'active', 'paused', 'ended' ];

export function templateStatusLabel( status: TemplateStatus ): string {
	switch ( status ) {
		case 'active':
			return __( 'Active', 'cuadra' );
		case 'paused':
			return __( 'Paused', 'cuadra' );
		case 'ended':
			return __( 'Ended', 'cuadra' );
	}
	return status;
}

export const INTERVAL_UNITS: IntervalUnit[] = [ 'day', 'week', 'month', 'year' ];

/**
 * The unit as the periodicity select shows it, agreeing with the number before it.
 *
 * @param unit  day, week, month or year.
 * @param count How many of them.
 */
export function intervalUnitLabel( unit: IntervalUnit, count: number ): string {
	switch ( unit ) {
		case 'day':
			return _n( 'day', 'days', count, 'cuadra' );
		case 'week':
			return _n( 'week', 'weeks', count, 'cuadra' );
		case 'month':
			return _n( 'month', 'months', count, 'cuadra' );
		case 'year':
			return _n( 'year', 'years', count, 'cuadra' );
	}
	return unit;
}

/**
 * "Monthly", "Every 3 months", "Every 2 weeks".
 *
 * @param unit  day, week, month or year.
 * @param count How many of them.
 */
export function periodicityLabel( unit: IntervalUnit, count: number ): string {
	if ( count === 1 ) {
		switch ( unit ) {
			case 'day':
				return __( 'Daily', 'cuadra' );
			case 'week':
				return __( 'Weekly', 'cuadra' );
			case 'month':
				return __( 'Monthly', 'cuadra' );
			case 'year':
				return __( 'Yearly', 'cuadra' );
		}
	}
	switch ( unit ) {
		case 'day':
			/* translators: %d: number of days between invoices */
			return sprintf( _n( 'Every %d day', 'Every %d days', count, 'cuadra' ), count );
		case 'week':
			/* translators: %d: number of weeks between invoices */
			return sprintf( _n( 'Every %d week', 'Every %d weeks', count, 'cuadra' ), count );
		case 'month':
			/* translators: %d: number of months between invoices */
			return sprintf( _n( 'Every %d month', 'Every %d months', count, 'cuadra' ), count );
		case 'year':
			/* translators: %d: number of years between invoices */
			return sprintf( _n( 'Every %d year', 'Every %d years', count, 'cuadra' ), count );
	}
	return `${ count } ${ unit }`;
}
