/** Recurring templates and MRR, as docs/protocol.md ("Recurring templates and MRR") describes them. */
import type { DraftLine, InvoiceStatus } from './billing-types';

export type TemplateStatus = 'active' | 'paused' | 'ended';
export type IntervalUnit = 'day' | 'week' | 'month' | 'year';

export interface TemplateLine extends DraftLine {
	/** Only on the first invoice (a set-up fee, for instance); never part of MRR. */
	one_off: boolean;
}

/** What POST /recurring-templates, PUT /recurring-templates/:id and the preview take. */
export interface TemplateInput {
	customer_id: number | null;
	/** null: the default series of ordinary invoices (F). */
	series_code: string | null;
	currency: string;
	language: 'es' | 'en';
	prices_include_tax: boolean;
	irpf_percent: string;
	payment_method: string;
	notes: string;
	lines: TemplateLine[];
	discount_percent: string;
	/** Invoices the discount applies to; null for ever. */
	discount_cycles: number | null;
	interval_unit: IntervalUnit;
	interval_count: number;
	/** YYYY-MM-DD, company time zone: the first issue date, from which every later one is computed. */
	anchor_date: string;
	/** HH:mm, local. */
	anchor_time: string;
	end_date: string | null;
	/** Number of invoices after which the template ends; null when it does not end that way. */
	cycles: number | null;
	auto_send: boolean;
}

/** Something that would stop the next invoice (e.g. the customer has no tax ID). */
export interface TemplateProblem {
	code: string;
	message: string;
	property: string | null;
}

export interface TemplateHistoryEntry {
	period_index: number;
	period_start: string;
	period_end: string;
	invoice_id: number;
	full_number: string | null;
	status: InvoiceStatus;
	issue_date: string | null;
	total: number;
}

export interface Template extends TemplateInput {
	id: number;
	status: TemplateStatus;
	customer: { id: number; legal_name: string; email: string } | null;
	issued_count: number;
	next_issue_date: string | null;
	next_issue_at: string | null;
	next_dates: string[];
	/** This template's contribution to MRR now, in cents. */
	mrr: number;
	/** Cents before tax of the next recurring invoice. */
	period_amount: number;
	problems: TemplateProblem[];
	created_at: string;
	updated_at: string;
	/** Only on GET /recurring-templates/:id. */
	history?: TemplateHistoryEntry[];
}

export interface TemplateList {
	templates: Template[];
	total: number;
}

export interface TemplateFilter {
	status?: string;
	customer_id?: string;
	search?: string;
	page?: number;
	per_page?: number;
}

export interface TemplatePreview {
	next_dates: string[];
	mrr: number;
	currency: string;
	problems: TemplateProblem[];
}

export interface UpcomingIssue {
	template_id: number;
	customer_id: number | null;
	customer_name: string;
	date: string;
	amount: number;
	currency: string;
}

export interface MrrSummary {
	currency: string;
	as_of: string;
	mrr: number;
	previous_month_mrr: number;
	change: number;
	/** Decimal string such as "4.17"; null when last month had no MRR. */
	change_percent: string | null;
	arr: number;
	arpa: number;
	paying_customers: number;
	by_currency: Array< { currency: string; mrr: number } >;
	gross_mrr_churn_percent: string | null;
	net_mrr_churn_percent: string | null;
}

/** One month: MRR at its end, and the movements that led there (contraction and churn are negative). */
export interface MrrMonth {
	month: string;
	mrr: number;
	new: number;
	expansion: number;
	contraction: number;
	churn: number;
	reactivation: number;
}

export interface MrrHistory {
	currency: string;
	months: MrrMonth[];
}
