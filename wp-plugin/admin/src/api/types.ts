/** GET/POST cuadra/v1/connection (the secret itself never comes back). */
export interface ConnectionSettings {
	service_url: string;
	secret_set: boolean;
	from_constants: boolean;
}

export type ConnectionCheckCode =
	| 'ok'
	| 'not_configured'
	| 'unreachable'
	| 'timeout'
	| 'wrong_secret'
	| 'clock_skew'
	| 'not_cuadra'
	| 'service_error';

/** POST cuadra/v1/connection/check. */
export interface ConnectionCheckResult {
	ok: boolean;
	code: ConnectionCheckCode;
	message: string;
}

/** The editable company fields, by their JSON names in docs/protocol.md. */
export interface CompanyFields {
	legal_name: string;
	trade_name: string;
	tax_id: string;
	address_line: string;
	postal_code: string;
	city: string;
	province: string;
	country_code: string;
	email: string;
	phone: string;
	default_currency: string;
	timezone: string;
	logo: string | null;
}

/** GET/PUT cuadra/v1/settings/company. */
export interface CompanySettings extends CompanyFields {
	configured: boolean;
	updated_at: string | null;
}

/** GET/POST cuadra/v1/preferences. */
export interface Preferences {
	delete_data_on_uninstall: boolean;
}
