// Marketing lists and their members as the service sends them (docs/protocol.md, "Lists and consent").

export type MemberStatus = 'pending' | 'subscribed' | 'unsubscribed';

/** POST /lists, PUT /lists/:id. */
export interface ListInput {
	name: string;
	description: string;
	double_opt_in: boolean;
}

export interface MarketingList extends ListInput {
	id: number;
	counts: Record< MemberStatus, number >;
	created_at: string;
	updated_at: string;
}

export interface ListMember {
	list_id: number;
	contact: { id: number; name: string; email: string };
	status: MemberStatus;
	consent: {
		text: string;
		version: string;
		ip: string;
		user_agent: string;
		/** form:<post id>, admin:<login> or import:<login>. */
		source: string;
		consented_at: string;
	};
	confirmed_at: string | null;
	unsubscribed_at: string | null;
	unsubscribe_source: string | null;
	created_at: string;
	updated_at: string;
}

export interface MemberPage {
	items: ListMember[];
	total: number;
	page: number;
	per_page: number;
}

export interface MemberFilter {
	status?: string;
	page?: number;
	per_page?: number;
}

/** POST /lists/:id/members. */
export interface MemberInput {
	email: string;
	name: string;
	source: 'admin' | 'import';
	consent_text: string;
	consent_version: string;
	locale: string;
}
