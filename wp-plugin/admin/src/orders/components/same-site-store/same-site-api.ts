import apiFetch from '@wordpress/api-fetch';

/** GET/POST /cuadra/v1/same-site-store: this site's WooCommerce as a store, answered by WordPress itself. */
export interface SameSiteState {
	woocommerce_active: boolean;
	store_id: number | null;
	last_push_at: string | null;
	queue: { queued: number; failed: number; last_error: string | null };
	backfill: {
		state: 'idle' | 'running' | 'done';
		/** The highest order id queued so far: the backfill pages by id. */
		last_id: number;
		page: number;
		queued: number;
		started_at: string | null;
		finished_at: string | null;
	};
}

const PATH = '/cuadra/v1/same-site-store';

export function fetchSameSiteState(): Promise< SameSiteState > {
	return apiFetch< SameSiteState >( { path: PATH } );
}

export function connectSameSiteStore(): Promise< SameSiteState > {
	return apiFetch< SameSiteState >( { path: PATH, method: 'POST' } );
}

export function pushAllOrdersAgain(): Promise< SameSiteState > {
	return apiFetch< SameSiteState >( { path: `${ PATH }/backfill`, method: 'POST' } );
}
