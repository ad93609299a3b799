// What the Tickets page shell prints for the app (Menu::render_tickets, SupportAgents::boot_data).
import type { SupportAgent } from '../api/tickets-types';

export interface TicketsBoot {
	agents: SupportAgent[];
	currentUserId: number;
	/** admin-post.php URL with its nonce; `&ticket=…&attachment=…` is appended. */
	attachmentUrl: string;
	/** PHP's post_max_size in bytes (0 when unknown). */
	maxRequestBytes: number;
	/** admin-post.php URL with its nonce for a list's CSV export; `&list=…` is appended. */
	listExportUrl: string;
	/** WordPress's export_others_personal_data and erase_others_personal_data (Contacts → Personal data). */
	canExportPersonalData: boolean;
	canErasePersonalData: boolean;
}

function isAgent( value: unknown ): value is SupportAgent {
	if ( typeof value !== 'object' || value === null ) {
		return false;
	}
	const record = value as Record< string, unknown >;
	return typeof record.id === 'number' && typeof record.name === 'string' && typeof record.email === 'string';
}

/**
 * Reads the shell's data-* attributes.
 *
 * @param dataset The root element's dataset.
 */
export function readTicketsBoot( dataset: DOMStringMap ): TicketsBoot {
	let agents: SupportAgent[] = [];
	try {
		const parsed: unknown = JSON.parse( dataset.agents ?? '[]' );
		agents = Array.isArray( parsed ) ? parsed.filter( isAgent ) : [];
	} catch {
		agents = [];
	}
	return {
		agents,
		currentUserId: Number( dataset.currentUserId ) || 0,
		attachmentUrl: dataset.attachmentUrl ?? '',
		maxRequestBytes: Number( dataset.maxRequestBytes ) || 0,
		listExportUrl: dataset.listExportUrl ?? '',
		canExportPersonalData: dataset.canExportPersonalData === '1',
		canErasePersonalData: dataset.canErasePersonalData === '1',
	};
}
