import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, TextareaControl, TextControl } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface MarketingAttributes {
	text: string;
	consentVersion: string;
}

/**
 * Editor view of the marketing consent checkbox: its own checkbox, unticked.
 *
 * @param props Block edit props.
 */
export function Edit( props: BlockEditProps< MarketingAttributes > ) {
	const { attributes, setAttributes } = props;
	const blockProps = useBlockProps( { className: 'cuadra-form__field' } );
	return (
		<div { ...blockProps }>
			<InspectorControls>
				<PanelBody title={ __( 'Marketing consent', 'cuadra' ) }>
					<TextareaControl
						label={ __( 'Consent text', 'cuadra' ) }
						value={ attributes.text }
						placeholder={ __(
							'I agree to receive news and offers by e-mail. I can unsubscribe at any time.',
							'cuadra'
						) }
						onChange={ ( value: string ) =>
							setAttributes( { text: value } )
						}
					/>
					<TextControl
						label={ __( 'Version of the text', 'cuadra' ) }
						help={ __(
							'Stored with each consent. Change it whenever the text changes; empty: a fingerprint of the text.',
							'cuadra'
						) }
						value={ attributes.consentVersion }
						onChange={ ( value: string ) =>
							setAttributes( { consentVersion: value } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<span className="cuadra-form__choice">
				<input type="checkbox" disabled />{ ' ' }
				{ attributes.text ||
					__(
						'I agree to receive news and offers by e-mail. I can unsubscribe at any time.',
						'cuadra'
					) }
			</span>
		</div>
	);
}
