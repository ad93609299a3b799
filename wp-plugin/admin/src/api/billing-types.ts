/** The billing routes of docs/protocol.md, as cuadra/v1 forwards them. Money is integer minor units. */

export interface Customer {
	id: number;
	legal_name: string;
	tax_id: string | null;
	address_line: string;
	postal_code: string;
	city: string;
	province: string;
	country_code: string;
	email: string;
	additional_emails: string[];
	phone: string;
	payment_terms_days: number;
	notes: string;
	created_at: string;
	updated_at: string;
}

/** What POST /customers and PUT /customers/:id take. */
export type CustomerInput = Omit< Customer, 'id' | 'created_at' | 'updated_at' >;

export interface Page< Item > {
	items: Item[];
	total: number;
	page: number;
	per_page: number;
}

export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'rectified' | 'cancelled';
export type InvoiceKind = 'F1' | 'F2' | 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
export type RectificationMethod = 'substitution' | 'differences';
export type ExemptionReason = 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6';

/** A rate in percent, or exempt with the article that exempts the line. */
export type LineVat = number | { exempt: string };

export interface InvoiceParty {
	legal_name: string;
	tax_id: string | null;
	address_line: string;
	postal_code: string;
	city: string;
	province: string;
	country_code: string;
	email: string;
}

export interface InvoiceIssuer extends InvoiceParty {
	trade_name: string;
	phone: string;
	logo: string | null;
}

export interface DraftLine {
	description: string;
	sku?: string;
	/** Decimal string, up to 4 decimals. */
	quantity: string;
	/** Minor units with up to 4 extra decimals: "999" is 9,99 €. */
	unit_price: string;
	discount_percent: string;
	vat: LineVat;
	recargo: boolean;
	irpf: boolean;
}

export interface Rectification {
	invoice_id: number;
	method: RectificationMethod;
	reason: string;
}

/** What POST /invoices and PUT /invoices/:id take. */
export interface DraftInput {
	kind: InvoiceKind;
	series_code?: string;
	customer_id: number | null;
	recipient: InvoiceParty | null;
	currency: string;
	prices_include_tax: boolean;
	irpf_percent: string;
	language: 'es' | 'en';
	operation_date: string | null;
	due_date: string | null;
	notes: string;
	payment_method: string;
	lines: DraftLine[];
	rectification: Rectification | null;
}

export interface InvoiceLine extends DraftLine {
	position: number;
	sku: string;
	/** The line's taxable base. */
	base: number;
}

export interface InvoiceTotals {
	base: number;
	vat: number;
	recargo: number;
	irpf: number;
	tax: number;
	total: number;
}

export interface TaxSummaryRow {
	vat: LineVat;
	vat_rate: string;
	recargo_rate: string;
	base: number;
	vat_amount: number;
	recargo_amount: number;
}

export interface Invoice {
	id: number;
	status: InvoiceStatus;
	kind: InvoiceKind;
	series: { id: number; code: string };
	number: string | null;
	issue_date: string | null;
	operation_date: string | null;
	due_date: string | null;
	customer_id: number | null;
	recipient: InvoiceParty | null;
	issuer: InvoiceIssuer | null;
	currency: string;
	prices_include_tax: boolean;
	irpf_percent: string;
	simplified_limit_extended: boolean;
	language: 'es' | 'en';
	notes: string;
	payment_method: string;
	lines: InvoiceLine[];
	totals: InvoiceTotals;
	tax_summary: TaxSummaryRow[];
	rectification: Rectification | null;
	verifactu: { fingerprint: string; qr_url: string } | null;
	issued_at: string | null;
	paid_at: string | null;
	cancelled_at: string | null;
	created_at: string;
	updated_at: string;
}

export type InvoiceListItem = Omit< Invoice, 'lines' >;

export interface InvoicePage extends Page< InvoiceListItem > {
	sums: { base: number; tax: number; total: number };
}

export interface InvoiceFilter {
	status?: string;
	series_code?: string;
	customer_id?: string;
	from?: string;
	to?: string;
	search?: string;
	page?: number;
	per_page?: number;
}

export type VerifactuChainCheck =
	| { intact: true; records: number }
	| {
			intact: false;
			records: number;
			first_broken_index: number;
			reason: string;
			first_broken_invoice_id?: number;
	};
