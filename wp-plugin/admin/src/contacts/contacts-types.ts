// Contacts as the service sends them to support staff (GET /contacts, GET /contacts/:id).
import type { MemberStatus } from '../api/lists-types';
import type { TicketStatus } from '../api/tickets-types';

/** A lead reached us by a form, the mailbox or a list; a customer has billing data. */
export type ContactKind = 'lead' | 'customer';

export type ContactFilterName = 'all' | 'leads' | 'customers' | 'subscribers';

export interface ContactSummary {
	id: number;
	name: string;
	email: string;
	phone: string;
	kind: ContactKind;
	/** billing, form, email, admin or import. */
	source: string;
	ticket_count: number;
	subscribed_lists: number;
	created_at: string;
	last_activity_at: string;
}

export interface ContactPage {
	items: ContactSummary[];
	total: number;
	page: number;
	per_page: number;
}

export interface ContactFilter {
	search?: string;
	filter?: ContactFilterName;
	list_id?: number;
	page?: number;
	per_page?: number;
}

export interface ContactTicket {
	id: number;
	number: number;
	subject: string;
	status: TicketStatus;
	department: { id: number; name: string; colour: string } | null;
	created_at: string;
	last_message_at: string;
}

export interface ContactMembership {
	list: { id: number; name: string };
	status: MemberStatus;
	consent: { text: string; version: string; ip: string; user_agent: string; source: string; consented_at: string };
	confirmed_at: string | null;
	unsubscribed_at: string | null;
	unsubscribe_source: string | null;
	created_at: string;
	updated_at: string;
}

export interface ContactDetail extends ContactSummary {
	created_from: string;
	updated_at: string;
	/** Support staff may change a lead's name and phone; a customer is changed in Customers. */
	editable: boolean;
	tickets: ContactTicket[];
	list_memberships: ContactMembership[];
}

/** PUT /contacts/:id (leads only). */
export interface LeadInput {
	name: string;
	phone: string;
}

/** POST /contacts/erase. */
export interface ErasureResult {
	email: string;
	erased: Record< string, number >;
	retained: { what: string; contact_id: number; count: number; reason: string }[];
}

/** What the current user may do with anyone's personal data (WordPress's own privacy capabilities). */
export interface PersonalDataPermissions {
	/** export_others_personal_data. */
	canExport: boolean;
	/** erase_others_personal_data. */
	canErase: boolean;
}
