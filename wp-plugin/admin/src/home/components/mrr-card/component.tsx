import { Card, CardBody, CardHeader, Notice, Spinner } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { MrrSummary } from '../../../api/recurring-types';
import { formatPercent } from '../../../invoices/invoice-labels';
import { formatDate } from '../../../shared/dates';
import { userLocale } from '../../../shared/locale';
import { formatMoney } from '../../../shared/money';
import { formatSignedMoney, formatUnsignedPercent } from '../../mrr-format';
import type { Loadable } from '../../use-mrr-dashboard';

interface MrrCardProps {
	summary: Loadable< MrrSummary >;
	recurringUrl: string;
}

/** The change against last month: an arrow and a percentage, said in words for screen readers. */
function MrrChange( { summary }: { summary: MrrSummary } ) {
	const { change, change_percent: percent, currency } = summary;
	let direction: 'up' | 'down' | 'flat' = 'flat';
	if ( change !== 0 ) {
		direction = change > 0 ? 'up' : 'down';
	}
	const arrow = { up: '▲', down: '▼', flat: '■' }[ direction ];
	const words = {
		up: __( 'Up', 'cuadra' ),
		down: __( 'Down', 'cuadra' ),
		flat: __( 'No change', 'cuadra' ),
	}[ direction ];
	const amount = formatSignedMoney( change, currency );
	const text =
		percent !== null && percent !== undefined && direction !== 'flat'
			? sprintf(
				/* translators: 1: percentage, e.g. 4,17 %; 2: amount with sign, e.g. +500,00 € */
				__( '%1$s (%2$s) vs. last month', 'cuadra' ),
				formatUnsignedPercent( percent ),
				amount
			)
			: sprintf(
				/* translators: %s: amount with sign, e.g. +500,00 € */
				__( '%s vs. last month', 'cuadra' ),
				amount
			);
	return (
		<p className={ `cuadra-mrr-card__change is-${ direction }` }>
			<span aria-hidden="true" className="cuadra-mrr-card__arrow">
				{ arrow }
			</span>{ ' ' }
			<span className="screen-reader-text">{ words }: </span>
			{ text }
		</p>
	);
}

/** Monthly recurring revenue now, its change since last month, ARR, ARPA and paying customers. */
export function MrrCard( { summary, recurringUrl }: MrrCardProps ) {
	let content;
	if ( summary === undefined ) {
		content = <Spinner />;
	} else if ( ! summary.ok ) {
		content = (
			<Notice status="error" isDismissible={ false }>
				{ summary.message }
			</Notice>
		);
	} else {
		const data = summary.data;
		const numbers = new Intl.NumberFormat( userLocale() );
		const others = data.by_currency.filter( ( entry ) => entry.currency !== data.currency && entry.mrr !== 0 );
		const facts: Array< [ string, string, string ] > = [
			[ 'arr', __( 'ARR', 'cuadra' ), formatMoney( data.arr, data.currency ) ],
			[ 'arpa', __( 'ARPA', 'cuadra' ), formatMoney( data.arpa, data.currency ) ],
			[ 'customers', __( 'Paying customers', 'cuadra' ), numbers.format( data.paying_customers ) ],
		];
		content = (
			<div className="cuadra-mrr-card__body">
				<p className="cuadra-mrr-card__value">{ formatMoney( data.mrr, data.currency ) }</p>
				<MrrChange summary={ data } />
				<dl className="cuadra-mrr-card__facts">
					{ facts.map( ( [ key, label, value ] ) => (
						<div key={ key } className={ `cuadra-mrr-card__fact cuadra-mrr-card__fact--${ key }` }>
							<dt>
								{ key === 'arr' && <abbr title={ __( 'Annual recurring revenue: MRR × 12', 'cuadra' ) }>{ label }</abbr> }
								{ key === 'arpa' && (
									<abbr title={ __( 'Average revenue per account: MRR ÷ paying customers', 'cuadra' ) }>{ label }</abbr>
								) }
								{ key === 'customers' && label }
							</dt>
							<dd>{ value }</dd>
						</div>
					) ) }
				</dl>
				{ data.gross_mrr_churn_percent !== null && data.net_mrr_churn_percent !== null && (
					<p className="cuadra-muted cuadra-mrr-card__churn">
						{ sprintf(
							/* translators: 1: gross MRR churn rate, e.g. 1,2 %; 2: net MRR churn rate, e.g. -2,5 % */
							__( 'MRR churn last month: %1$s gross, %2$s net.', 'cuadra' ),
							formatPercent( data.gross_mrr_churn_percent ),
							formatPercent( data.net_mrr_churn_percent )
						) }
					</p>
				) }
				{ others.length > 0 && (
					<p className="cuadra-muted">
						{ __( 'In other currencies, not included above:', 'cuadra' ) }{ ' ' }
						{ others.map( ( entry ) => formatMoney( entry.mrr, entry.currency ) ).join( ', ' ) }
					</p>
				) }
				<p className="cuadra-muted cuadra-mrr-card__as-of">
					{ sprintf(
						/* translators: %s: date, e.g. 27 nov 2026 */
						__( 'As of %s.', 'cuadra' ),
						formatDate( data.as_of )
					) }{ ' ' }
					<a href={ recurringUrl }>{ __( 'See the recurring invoices', 'cuadra' ) }</a>
				</p>
				<details className="cuadra-mrr-card__convention">
					<summary>{ __( 'How MRR is counted', 'cuadra' ) }</summary>
					<p>
						{ __(
							'Each active recurring invoice adds its amount per period, after its discounts and before taxes (IVA, surcharge; IRPF withholding is not subtracted), converted to a month: a yearly amount counts one twelfth, a weekly one 52 twelfths. First-invoice-only lines, paused and ended invoices, and those not started yet do not count.',
							'cuadra'
						) }
					</p>
				</details>
			</div>
		);
	}

	return (
		<Card className="cuadra-card cuadra-mrr-card">
			<CardHeader>
				<h2 className="cuadra-card__title">{ __( 'Monthly recurring revenue', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>{ content }</CardBody>
		</Card>
	);
}
