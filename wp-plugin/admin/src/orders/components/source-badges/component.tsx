import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { Order } from '../../../api/orders-types';
import { sourceLabel } from '../../order-labels';

interface SourceBadgesProps {
	order: Pick< Order, 'sources' | 'provisional' >;
}

/** Where an order was seen (API, webhook, e-mail), and "provisional" while the API has not confirmed it. */
export function SourceBadges( { order }: SourceBadgesProps ) {
	return (
		<span className="cuadra-order-sources">
			{ order.sources.map( ( source ) => (
				<span key={ source } className={ `cuadra-status-badge cuadra-order-source cuadra-order-source--${ source }` }>
					{ sourceLabel( source ) }
				</span>
			) ) }
			{ order.provisional && (
				<span
					className="cuadra-status-badge cuadra-order-source--provisional"
					title={ __( 'Known only from an e-mail or a webhook: the store has not confirmed it yet.', 'cuadra' ) }
				>
					{ __( 'Provisional', 'cuadra' ) }
				</span>
			) }
		</span>
	);
}
