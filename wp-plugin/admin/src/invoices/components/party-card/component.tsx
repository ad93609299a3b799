import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { InvoiceParty } from '../../../api/billing-types';
import { userLocale } from '../../../shared/locale';

interface PartyProps {
	title: string;
	party: ( InvoiceParty & { trade_name?: string } ) | null;
	/** Said when there is no party (a simplified invoice without recipient). */
	empty: string;
}

function countryName( code: string ): string {
	try {
		return new Intl.DisplayNames( [ userLocale() ], { type: 'region' } ).of( code ) ?? code;
	} catch {
		return code;
	}
}

/** Who issues or receives the invoice, as it was frozen when the invoice was issued. */
export function Party( { title, party, empty }: PartyProps ) {
	return (
		<div className="cuadra-party">
			<h3 className="cuadra-party__title">{ title }</h3>
			{ party ? (
				<address className="cuadra-party__address">
					<strong>{ party.legal_name }</strong>
					{ party.trade_name && <span>{ party.trade_name }</span> }
					{ party.tax_id && (
						<span>
							{ __( 'Tax ID', 'cuadra' ) }: { party.tax_id }
						</span>
					) }
					{ party.address_line && <span>{ party.address_line }</span> }
					{ ( party.postal_code || party.city ) && (
						<span>{ [ party.postal_code, party.city ].filter( Boolean ).join( ' ' ) }</span>
					) }
					{ ( party.province || party.country_code ) && (
						<span>
							{ [ party.province, party.country_code ? countryName( party.country_code ) : '' ]
								.filter( Boolean )
								.join( ', ' ) }
						</span>
					) }
					{ party.email && <span>{ party.email }</span> }
				</address>
			) : (
				<p className="cuadra-muted">{ empty }</p>
			) }
		</div>
	);
}
