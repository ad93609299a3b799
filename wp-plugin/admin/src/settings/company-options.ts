/** Choices for the company form. Names come from the browser (Intl), in the user's language. */

export interface Choice {
	label: string;
	value: string;
}

export const DEFAULT_COUNTRY = 'ES';
export const DEFAULT_CURRENCY = 'EUR';
export const DEFAULT_TIMEZONE = 'Europe/Madrid';

// ISO 3166-1 alpha-2.
const COUNTRY_CODES = (
	'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
	'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
	'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
	'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
	'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
	'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
	'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
	'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split( ' ' );

// The euro first, then currencies Spanish businesses commonly invoice in.
const CURRENCY_CODES = [
	'EUR',
	'USD',
	'GBP',
	'CHF',
	'SEK',
	'NOK',
	'DKK',
	'PLN',
	'CZK',
	'HUF',
	'RON',
	'BGN',
	'MAD',
	'MXN',
	'ARS',
	'CLP',
	'COP',
	'PEN',
	'BRL',
	'CAD',
	'AUD',
	'JPY',
	'CNY',
];

// Used when the browser cannot list time zones.
const FALLBACK_TIMEZONES = [
	'Europe/Madrid',
	'Atlantic/Canary',
	'Africa/Ceuta',
	'Europe/Lisbon',
	'Europe/London',
	'Europe/Paris',
	'Europe/Berlin',
	'America/Mexico_City',
	'America/Bogota',
	'America/Argentina/Buenos_Aires',
	'America/New_York',
	'UTC',
];

function userLanguage(): string {
	return document.documentElement.lang || 'en';
}

function displayNames(
	type: 'region' | 'currency'
): ( code: string ) => string {
	try {
		const names = new Intl.DisplayNames( [ userLanguage() ], { type } );
		return ( code ) => names.of( code ) ?? code;
	} catch {
		return ( code ) => code;
	}
}

/**
 * Countries sorted by their name in the user's language.
 *
 * @param current The saved value, kept even if it is not in the list.
 */
export function countryChoices( current: string ): Choice[] {
	const nameOf = displayNames( 'region' );
	const codes =
		current && ! COUNTRY_CODES.includes( current )
			? [ ...COUNTRY_CODES, current ]
			: COUNTRY_CODES;
	return codes
		.map( ( code ) => ( { value: code, label: nameOf( code ) } ) )
		.sort( ( a, b ) => a.label.localeCompare( b.label, userLanguage() ) );
}

/**
 * Currencies as "EUR — euro".
 *
 * @param current The saved value, kept even if it is not in the list.
 */
export function currencyChoices( current: string ): Choice[] {
	const nameOf = displayNames( 'currency' );
	const codes =
		current && ! CURRENCY_CODES.includes( current )
			? [ ...CURRENCY_CODES, current ]
			: CURRENCY_CODES;
	return codes.map( ( code ) => ( {
		value: code,
		label: `${ code } — ${ nameOf( code ) }`,
	} ) );
}

/**
 * IANA time zones known to the browser.
 *
 * @param current The saved value, kept even if the browser does not know it.
 */
export function timezoneChoices( current: string ): Choice[] {
	let zones: string[];
	try {
		zones = Intl.supportedValuesOf( 'timeZone' );
	} catch {
		zones = FALLBACK_TIMEZONES;
	}
	const all = new Set( [ ...zones, DEFAULT_TIMEZONE, 'UTC' ] );
	if ( current ) {
		all.add( current );
	}
	return [ ...all ]
		.sort()
		.map( ( zone ) => ( { value: zone, label: zone.replace( /_/g, ' ' ) } ) );
}
