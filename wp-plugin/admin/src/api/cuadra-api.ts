import apiFetch from '@wordpress/api-fetch';

import type {
	CompanyFields,
	CompanySettings,
	ConnectionCheckResult,
	ConnectionSettings,
	Preferences,
} from './types';

const NAMESPACE = '/cuadra/v1';

export function fetchConnection(): Promise< ConnectionSettings > {
	return apiFetch< ConnectionSettings >( {
		path: `${ NAMESPACE }/connection`,
	} );
}

export function saveConnection( input: {
	service_url: string;
	secret: string;
} ): Promise< ConnectionSettings > {
	return apiFetch< ConnectionSettings >( {
		path: `${ NAMESPACE }/connection`,
		method: 'POST',
		data: input,
	} );
}

export function checkConnection(): Promise< ConnectionCheckResult > {
	return apiFetch< ConnectionCheckResult >( {
		path: `${ NAMESPACE }/connection/check`,
		method: 'POST',
	} );
}

export function fetchCompanySettings(): Promise< CompanySettings > {
	return apiFetch< CompanySettings >( {
		path: `${ NAMESPACE }/settings/company`,
	} );
}

export function saveCompanySettings(
	fields: CompanyFields
): Promise< CompanySettings > {
	return apiFetch< CompanySettings >( {
		path: `${ NAMESPACE }/settings/company`,
		method: 'PUT',
		data: fields,
	} );
}

export function fetchPreferences(): Promise< Preferences > {
	return apiFetch< Preferences >( { path: `${ NAMESPACE }/preferences` } );
}

export function savePreferences(
	preferences: Preferences
): Promise< Preferences > {
	return apiFetch< Preferences >( {
		path: `${ NAMESPACE }/preferences`,
		method: 'POST',
		data: preferences,
	} );
}
