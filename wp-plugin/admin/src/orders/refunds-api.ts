// The refunds of an invoiced order and their rectifying invoices (GET /orders/:id/refunds,
// POST /orders/:id/refund-drafts). Money in minor units, amounts positive.
import apiFetch from '@wordpress/api-fetch';

import type { OrderDetail } from '../api/orders-types';
import type { OrderDecisionAnswers } from './order-decisions';

const NAMESPACE = '/cuadra/v1';

export interface OrderRefund {
	id: number;
	/** When the store made the refund; null when the store could not be asked. */
	created_at: string | null;
	reason: string;
	amount: number;
	/** Its rectifying invoice, or null while it has none. */
	invoice_id: number | null;
}

export interface OrderRefunds {
	items: OrderRefund[];
	/** Why the refunds are shown as last synced (the store did not answer), or null. */
	problem: { code: string; message: string } | null;
}

export interface RefundDrafts {
	created: { refund_id: number; invoice_id: number; total: number }[];
	already: number;
	order: OrderDetail;
}

export function fetchOrderRefunds( orderId: number ): Promise< OrderRefunds > {
	return apiFetch< OrderRefunds >( { path: `${ NAMESPACE }/orders/${ orderId }/refunds` } );
}

export function createRefundDraft(
	orderId: number,
	refundId: number,
	decisions: OrderDecisionAnswers
): Promise< RefundDrafts > {
	return apiFetch< RefundDrafts >( {
		path: `${ NAMESPACE }/orders/${ orderId }/refund-drafts`,
		method: 'POST',
		data: { decisions, refund_id: refundId },
	} );
}
