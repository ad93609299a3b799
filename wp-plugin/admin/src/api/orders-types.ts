// Shapes of the stores and orders routes (docs/protocol.md, "Stores and orders"). Money in minor units.

export type SyncState = 'idle' | 'queued' | 'running' | 'done' | 'failed' | 'interrupted' | 'cancelled';

export interface StoreSync {
	state: SyncState;
	mode: 'first' | 'incremental' | null;
	from: string | null;
	watermark: string | null;
	done: number;
	total: number | null;
	requests: number;
	started_at: string | null;
	finished_at: string | null;
	cancel_requested: boolean;
	rate_per_minute: number | null;
	seconds_left: number | null;
}

export interface StoreError {
	code: string;
	message: string;
	raw: unknown;
	at: string;
}

export interface StoreImap {
	host: string;
	port: number | null;
	tls: boolean;
	user: string;
	folder: string;
	password_set: boolean;
}

export interface Store {
	id: number;
	/** woocommerce: read over its REST API; same_site: WooCommerce on this WordPress, which pushes its orders. */
	kind: 'woocommerce' | 'same_site';
	name: string;
	url: string;
	consumer_key_set: boolean;
	consumer_secret_set: boolean;
	webhook_secret_set: boolean;
	imap: StoreImap | null;
	invoice_statuses: string[];
	webhook: { active: boolean; last_received_at: string | null; last_ping_at: string | null };
	sync: StoreSync;
	mail: { last_uid: number | null; uid_validity: string | number | null; checked_at: string | null };
	last_error: StoreError | null;
	push: { last_received_at: string | null };
	created_at: string;
	updated_at: string;
}

/** POST /stores and PUT /stores/:id: an omitted secret keeps the stored one, '' removes it. */
export interface StoreInput {
	name: string;
	url: string;
	consumer_key?: string | null;
	consumer_secret?: string | null;
	webhook_secret?: string | null;
	imap: {
		host: string;
		port: number | null;
		tls: boolean;
		user: string;
		password?: string | null;
		folder: string;
	} | null;
	invoice_statuses: string[];
}

export type ConnectionTestResult =
	| { ok: true; orders_total: number }
	| { ok: false; code: string; message: string; status: number | null; raw: unknown };

export type OrderSource = 'api' | 'webhook' | 'mail' | 'push';

export interface Order {
	id: number;
	store_id: number;
	woo_id: number | null;
	number: string;
	status: string;
	created_at: string | null;
	modified_at: string | null;
	paid_at: string | null;
	customer_name: string;
	customer_email: string;
	currency: string;
	total: number;
	sources: OrderSource[];
	provisional: boolean;
	pending: boolean;
	invoice_id: number | null;
	refund_invoices: Record< string, number >;
	/** The refunds as last synced (amounts positive), each with its rectifying invoice or null. */
	refunds: { id: number; reason: string; amount: number; invoice_id: number | null }[];
	/** Refunds of the invoiced order without a rectifying invoice yet. */
	refunds_to_rectify: number;
	changed_after_invoice: boolean;
	changes: { at: string; fields: string[]; source: string }[];
	ignored: boolean;
	problem: { code: string; message: string } | null;
}

export interface OrderAddress {
	first_name: string;
	last_name: string;
	company: string;
	address_1: string;
	address_2: string;
	city: string;
	state: string;
	postcode: string;
	country: string;
	email: string;
	phone: string;
}

export interface OrderLine {
	id: number;
	name: string;
	sku: string;
	attributes: { key: string; label: string; value: string }[];
	quantity: string;
	subtotal: number;
	total: number;
	total_tax: number;
	gross_total: number;
}

export interface OrderChargeLine {
	id: number;
	name: string;
	total: number;
	total_tax: number;
	gross_total: number;
}

/** The normalised order (OrderDetail.order). */
export interface NormalisedOrder {
	source: 'api' | 'email';
	number: string;
	status: string;
	currency: string;
	prices_include_tax: boolean;
	created_at: string | null;
	paid_at: string | null;
	billing: OrderAddress;
	shipping: OrderAddress;
	tax_id: { value: string; source: string } | null;
	payment_method_title: string;
	customer_note: string;
	lines: OrderLine[];
	shipping_lines: OrderChargeLine[];
	fee_lines: OrderChargeLine[];
	coupon_lines: { id: number; code: string; discount: number; discount_tax: number }[];
	tax_lines: { id: number; label: string; rate_percent: string | null; tax_total: number; shipping_tax_total: number }[];
	refunds: { id: number; reason: string; amount: number }[];
	discount_total: number;
	discount_tax: number;
	shipping_total: number;
	shipping_tax: number;
	total: number;
	total_tax: number;
}

export interface OrderDetail extends Order {
	order: NormalisedOrder | null;
	mail: NormalisedOrder | null;
}

export interface OrderPage {
	items: Order[];
	total: number;
	page: number;
	per_page: number;
}

export interface OrderFilter {
	store_id?: number;
	status?: string;
	source?: string;
	search?: string;
	pending?: 'true';
	page?: number;
	per_page?: number;
}

export type ExemptionReason = 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6';

export interface OrderDecisions {
	accept_other_currency?: boolean;
	accept_fully_refunded?: boolean;
	accept_unpaid?: boolean;
	accept_no_tax_id?: boolean;
	accept_invalid_tax_id?: boolean;
	untaxed_vat?: 0 | { exempt: ExemptionReason };
	kind?: 'F1' | 'F2';
}

export interface OrderInvoiceDraft {
	invoice: { id: number; total?: number };
	order: OrderDetail;
	customer_id: number;
	warnings: { code: string; message: string }[];
}
