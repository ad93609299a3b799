// The department editor's state, and how it becomes the service's DepartmentInput.
import { __, _n, sprintf } from '@wordpress/i18n';

import type { BusinessHours, Department, DepartmentInput, HoursInterval, SupportAgent, Weekday } from '../api/tickets-types';
import { userLocale } from '../shared/locale';

export const WEEKDAYS: Weekday[] = [ 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' ];

/** WordPress admin colours, offered first in the colour palette. */
export const DEPARTMENT_PALETTE = [
	{ name: 'Blue', color: '#2271b1' },
	{ name: 'Green', color: '#00a32a' },
	{ name: 'Red', color: '#d63638' },
	{ name: 'Orange', color: '#dba617' },
	{ name: 'Purple', color: '#8c3fc2' },
	{ name: 'Teal', color: '#1a8a8a' },
	{ name: 'Grey', color: '#50575e' },
];

export interface DepartmentForm {
	name: string;
	colour: string;
	/** '' nobody, 'email' an address typed in, or a WordPress user id. */
	contactChoice: string;
	contactEmail: string;
	isDefault: boolean;
	weekly: Record< Weekday, HoursInterval[] >;
	holidays: string[];
}

/** The service's default calendar: Monday to Friday, 09:00–14:00 and 15:00–18:00. */
function defaultWeekly(): Record< Weekday, HoursInterval[] > {
	const workday = () => [
		{ start: '09:00', end: '14:00' },
		{ start: '15:00', end: '18:00' },
	];
	return { mon: workday(), tue: workday(), wed: workday(), thu: workday(), fri: workday(), sat: [], sun: [] };
}

export function emptyDepartmentForm(): DepartmentForm {
	return {
		name: '',
		colour: DEPARTMENT_PALETTE[ 0 ]!.color,
		contactChoice: '',
		contactEmail: '',
		isDefault: false,
		weekly: defaultWeekly(),
		holidays: [],
	};
}

export function formFromDepartment( department: Department ): DepartmentForm {
	const hours = department.business_hours;
	const weekly = {} as Record< Weekday, HoursInterval[] >;
	for ( const day of WEEKDAYS ) {
		weekly[ day ] = ( hours?.weekly_hours?.[ day ] ?? [] ).map( ( interval ) => ( { ...interval } ) );
	}
	let contactChoice = '';
	if ( department.contact_user_id !== null ) {
		contactChoice = String( department.contact_user_id );
	} else if ( department.contact_email ) {
		contactChoice = 'email';
	}
	return {
		name: department.name,
		colour: department.colour,
		contactChoice,
		contactEmail: department.contact_user_id === null ? department.contact_email : '',
		isDefault: department.is_default,
		weekly,
		holidays: [ ...( hours?.holidays ?? [] ) ],
	};
}

/**
 * What the service stores. A contact user is sent with their e-mail: the service knows no
 * WordPress users and notifies contact_email only.
 *
 * @param form   The editor's state.
 * @param agents Users who may be the contact person.
 */
export function departmentInput( form: DepartmentForm, agents: SupportAgent[] ): DepartmentInput {
	const userId = /^\d+$/.test( form.contactChoice ) ? Number( form.contactChoice ) : null;
	let contactEmail = '';
	if ( userId !== null ) {
		contactEmail = agents.find( ( agent ) => agent.id === userId )?.email ?? '';
	} else if ( form.contactChoice === 'email' ) {
		contactEmail = form.contactEmail.trim();
	}
	return {
		name: form.name,
		colour: form.colour.trim(),
		contact_user_id: userId,
		contact_email: contactEmail,
		is_default: form.isDefault,
		business_hours: {
			weekly_hours: Object.fromEntries( WEEKDAYS.map( ( day ) => [ day, form.weekly[ day ] ] ) ),
			// Sent as typed, blanks included, so an error's index (business_hours.holidays.N) is the field's.
			holidays: form.holidays,
		},
	};
}

/**
 * "lun.", "Monday": the day's name in the user's language (1 January 2024 was a Monday).
 *
 * @param day   Weekday.
 * @param width short or long.
 */
export function weekdayName( day: Weekday, width: 'short' | 'long' = 'long' ): string {
	const date = new Date( Date.UTC( 2024, 0, 1 + WEEKDAYS.indexOf( day ) ) );
	try {
		return new Intl.DateTimeFormat( userLocale(), { weekday: width, timeZone: 'UTC' } ).format( date );
	} catch {
		return day;
	}
}

/**
 * One line for the list: "Mon–Fri 09:00–14:00, 15:00–18:00 · 2 holidays".
 *
 * @param hours The department's calendar.
 */
export function hoursSummary( hours: BusinessHours | null ): string {
	if ( ! hours ) {
		return '';
	}
	const text = ( day: Weekday ) =>
		( hours.weekly_hours[ day ] ?? [] ).map( ( interval ) => `${ interval.start }–${ interval.end }` ).join( ', ' );
	const groups: Array< { from: Weekday; to: Weekday; hours: string } > = [];
	for ( const day of WEEKDAYS ) {
		const value = text( day );
		const last = groups[ groups.length - 1 ];
		if ( last && last.hours === value && WEEKDAYS.indexOf( last.to ) === WEEKDAYS.indexOf( day ) - 1 ) {
			last.to = day;
		} else {
			groups.push( { from: day, to: day, hours: value } );
		}
	}
	const parts = groups
		.filter( ( group ) => group.hours !== '' )
		.map( ( group ) => {
			const days =
				group.from === group.to
					? weekdayName( group.from, 'short' )
					: `${ weekdayName( group.from, 'short' ) }–${ weekdayName( group.to, 'short' ) }`;
			return `${ days } ${ group.hours }`;
		} );
	if ( parts.length === 0 ) {
		parts.push( __( 'No business hours', 'cuadra' ) );
	}
	if ( hours.holidays.length > 0 ) {
		parts.push(
			sprintf(
				/* translators: %d: number of holidays */
				_n( '%d holiday', '%d holidays', hours.holidays.length, 'cuadra' ),
				hours.holidays.length
			)
		);
	}
	return parts.join( ' · ' );
}
