import { Spinner } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { formatDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import type { PreviewState } from './use-template-preview';

interface NextDatesPreviewProps {
	preview: PreviewState;
	/** HH:mm, shown once for all the dates. */
	time: string;
	/** The field's name for each slot with a message, to say which one to fix. */
	fieldLabel: ( slot: string ) => string;
	ended: boolean;
}

/** The next 12 issue dates and what the template adds to MRR, for the template as typed. */
export function NextDatesPreview( { preview, time, fieldLabel, ended }: NextDatesPreviewProps ) {
	let content;
	if ( ended ) {
		content = <p>{ __( 'This recurring invoice has ended: no more invoices will be issued.', 'cuadra' ) }</p>;
	} else if ( preview.state === 'waiting' ) {
		content = (
			<p className="cuadra-next-dates__waiting">
				<Spinner /> { __( 'Calculating the dates…', 'cuadra' ) }
			</p>
		);
	} else if ( preview.state === 'invalid' ) {
		content = (
			<div className="cuadra-next-dates__invalid">
				<p>{ __( 'The dates appear once these fields are valid:', 'cuadra' ) }</p>
				<ul>
					{ Object.entries( preview.fields ).map( ( [ slot, message ] ) => (
						<li key={ slot }>
							<strong>{ fieldLabel( slot ) }</strong>: { message }
						</li>
					) ) }
				</ul>
				{ preview.message && <p>{ preview.message }</p> }
			</div>
		);
	} else if ( preview.state === 'failed' ) {
		content = <p className="cuadra-next-dates__failed">{ preview.message }</p>;
	} else {
		const { next_dates: dates, mrr, currency } = preview.preview;
		content = (
			<div className="cuadra-next-dates__ready">
				<p className="cuadra-next-dates__mrr">
					{ sprintf(
						/* translators: %s: amount per month, e.g. 25,00 € */
						__( 'Adds %s to monthly recurring revenue.', 'cuadra' ),
						formatMoney( mrr, currency )
					) }
				</p>
				{ dates.length === 0 ? (
					<p>{ __( 'No more invoices: the end comes before the next date.', 'cuadra' ) }</p>
				) : (
					<ol className="cuadra-next-dates__list">
						{ dates.map( ( date ) => (
							<li key={ date }>
								<time dateTime={ date }>{ formatDate( date ) }</time>
							</li>
						) ) }
					</ol>
				) }
				{ dates.length > 0 && time && (
					<p className="cuadra-muted">
						{ sprintf(
							/* translators: %s: time of day, e.g. 09:00 */
							__( 'Each invoice is issued at %s, company time.', 'cuadra' ),
							time
						) }
					</p>
				) }
			</div>
		);
	}

	return (
		<section className="cuadra-next-dates" aria-labelledby="cuadra-next-dates-title">
			<h3 id="cuadra-next-dates-title" className="cuadra-next-dates__title">
				{ __( 'Next issue dates', 'cuadra' ) }
			</h3>
			<div aria-live="polite">{ content }</div>
		</section>
	);
}
