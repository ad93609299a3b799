// Departments, tickets and metrics as the service sends them (docs/protocol.md, "Departments and tickets").

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface HoursInterval {
	start: string;
	end: string;
}

export interface BusinessHours {
	weekly_hours: Partial< Record< Weekday, HoursInterval[] > >;
	holidays: string[];
}

/** POST /departments, PUT /departments/:id. */
export interface DepartmentInput {
	name: string;
	colour: string;
	contact_user_id: number | null;
	contact_email: string;
	is_default: boolean;
	business_hours: BusinessHours | null;
}

export interface Department extends DepartmentInput {
	id: number;
	business_hours: BusinessHours;
	created_at: string;
	updated_at: string;
}

export type TicketStatus = 'new' | 'open' | 'waiting' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface TicketSummary {
	id: number;
	number: number;
	subject: string;
	status: TicketStatus;
	priority: TicketPriority;
	assignee_id: number | null;
	department: { id: number; name: string; colour: string } | null;
	contact: { id: number; name: string; email: string };
	locale: string;
	awaiting_first_reply: boolean;
	created_at: string;
	updated_at: string;
	first_response_at: string | null;
	closed_at: string | null;
	last_customer_message_at: string | null;
	last_message_at: string | null;
}

export interface TicketAttachmentInfo {
	id: number;
	name: string;
	type: string;
	size: number;
}

export interface TicketMessage {
	id: number;
	kind: 'submission' | 'reply' | 'note';
	author: 'customer' | 'staff' | 'system';
	staff_user_id: number | null;
	author_name: string;
	author_email: string;
	body_text: string;
	/** Inbound mail only, exactly as received: never inserted as HTML. */
	body_html: string | null;
	message_id: string | null;
	in_reply_to: string | null;
	attachments: TicketAttachmentInfo[];
	delivery: null | {
		status: 'pending' | 'sent' | 'failed';
		attempts: number;
		last_error: string | null;
		sent_at: string | null;
	};
	created_at: string;
}

export interface TicketDetail extends TicketSummary {
	messages: TicketMessage[];
	submission: null | {
		source: { post_id: number | null; page_url: string; form_id: string };
		phone: string;
		selects: Record< string, string | string[] >;
		marketing_consent: boolean;
		list_ids: number[];
		submitted_at: string;
	};
}

export interface TicketFilter {
	department_id?: number;
	status?: string;
	assignee_id?: number | 'none';
	search?: string;
	awaiting_first_reply?: 'true';
	page?: number;
	per_page?: number;
}

export interface TicketList {
	items: TicketSummary[];
	total: number;
	page: number;
	per_page: number;
}

export interface TicketChange {
	status?: TicketStatus;
	priority?: TicketPriority;
	assignee_id?: number | null;
	department_id?: number;
}

export interface ReplyAttachment {
	name: string;
	type: string;
	content_base64: string;
}

export interface ReplyInput {
	body: string;
	attachments: ReplyAttachment[];
	status: 'open' | 'waiting' | 'closed';
}

export interface DurationStats {
	mean_ms: number | null;
	median_ms: number | null;
	p90_ms: number | null;
}

export interface TimeStats {
	count: number;
	calendar: DurationStats;
	business: DurationStats;
}

export interface Metrics {
	volume: number;
	awaiting_first_reply: number;
	first_response: TimeStats;
	resolution: TimeStats;
}

export interface TicketMetrics {
	from: string;
	to: string;
	timezone: string;
	overall: Metrics;
	departments: Array< Metrics & { department_id: number; name: string; colour: string } >;
	agents: Array< Metrics & { agent_id: number | null } >;
}

/** A WordPress user with cuadra_support, from the page's boot data. */
export interface SupportAgent {
	id: number;
	name: string;
	email: string;
}
