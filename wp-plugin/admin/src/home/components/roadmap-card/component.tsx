import { Card, CardBody, CardHeader } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/** What Cuadra will do next; stated plainly, with no sample figures. */
export function RoadmapCard() {
	const steps = [
		{
			title: __( 'Orders', 'cuadra' ),
			text: __(
				'Turn WooCommerce orders into invoices without typing them again.',
				'cuadra'
			),
		},
		{
			title: __( 'Tickets', 'cuadra' ),
			text: __(
				'Receive contact-form messages and e-mails as tickets and answer them from WordPress.',
				'cuadra'
			),
		},
	];

	return (
		<Card className="cuadra-card cuadra-roadmap-card">
			<CardHeader>
				<h2 className="cuadra-card__title">
					{ __( 'What comes next', 'cuadra' ) }
				</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'Invoices, customers and recurring invoices are ready in the Cuadra menu. These parts arrive in the next versions:',
						'cuadra'
					) }
				</p>
				<ul className="cuadra-roadmap">
					{ steps.map( ( step ) => (
						<li key={ step.title }>
							<strong>{ step.title }</strong>
							{ ' — ' }
							{ step.text }
						</li>
					) ) }
				</ul>
			</CardBody>
		</Card>
	);
}
