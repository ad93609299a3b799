// The customer editor's state (text as typed) and its conversion to the service's JSON.
import type { Customer, CustomerInput } from '../api/billing-types';

export interface CustomerForm {
	legal_name: string;
	tax_id: string;
	address_line: string;
	postal_code: string;
	city: string;
	province: string;
	country_code: string;
	email: string;
	/** One address per line. */
	additional_emails: string;
	phone: string;
	payment_terms_days: string;
	notes: string;
}

export const EMPTY_CUSTOMER_FORM: CustomerForm = {
	legal_name: '',
	tax_id: '',
	address_line: '',
	postal_code: '',
	city: '',
	province: '',
	country_code: 'ES',
	email: '',
	additional_emails: '',
	phone: '',
	payment_terms_days: '0',
	notes: '',
};

export function customerForm( customer: Customer ): CustomerForm {
	return {
		legal_name: customer.legal_name,
		tax_id: customer.tax_id ?? '',
		address_line: customer.address_line,
		postal_code: customer.postal_code,
		city: customer.city,
		province: customer.province,
		country_code: customer.country_code || 'ES',
		email: customer.email,
		additional_emails: customer.additional_emails.join( '\n' ),
		phone: customer.phone,
		payment_terms_days: String( customer.payment_terms_days ),
		notes: customer.notes,
	};
}

export function additionalEmails( text: string ): string[] {
	return text
		.split( /[\s,;]+/ )
		.map( ( address ) => address.trim() )
		.filter( Boolean );
}

/**
 * The JSON for the service; null when the payment terms are not a whole number (checked here,
 * because the service could only say that a number was expected).
 *
 * @param form The editor's state.
 */
export function customerInput( form: CustomerForm ): CustomerInput | null {
	const terms = form.payment_terms_days.trim() === '' ? '0' : form.payment_terms_days.trim();
	if ( ! /^\d{1,3}$/.test( terms ) ) {
		return null;
	}
	return {
		legal_name: form.legal_name,
		tax_id: form.tax_id.trim() === '' ? null : form.tax_id,
		address_line: form.address_line,
		postal_code: form.postal_code,
		city: form.city,
		province: form.province,
		country_code: form.country_code,
		email: form.email,
		additional_emails: additionalEmails( form.additional_emails ),
		phone: form.phone,
		payment_terms_days: Number( terms ),
		notes: form.notes,
	};
}
