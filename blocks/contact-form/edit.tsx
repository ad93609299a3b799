import {
	InspectorControls,
	useBlockProps,
	useInnerBlocksProps,
} from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	CheckboxControl,
	Notice,
	PanelBody,
	RadioControl,
	SelectControl,
	Spinner,
	TextareaControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { createElement, useEffect } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { useServiceList } from '../shared/use-service-list';

export interface ContactFormAttributes {
	formId: string;
	departmentId: number;
	visitorChoosesDepartment: boolean;
	afterSubmit: 'message' | 'redirect';
	thankYouMessage: string;
	redirectUrl: string;
	listIds: number[];
	submitLabel: string;
}

const FIELD_BLOCKS = [
	'cuadra/field-name',
	'cuadra/field-email',
	'cuadra/field-phone',
	'cuadra/field-subject',
	'cuadra/field-message',
	'cuadra/field-select',
	'cuadra/field-privacy',
	'cuadra/field-marketing',
	'cuadra/field-department',
];

const TEMPLATE: Array< [ string ] > = [
	[ 'cuadra/field-name' ],
	[ 'cuadra/field-email' ],
	[ 'cuadra/field-subject' ],
	[ 'cuadra/field-message' ],
	[ 'cuadra/field-privacy' ],
];

/** Six hex characters: the form's id within its post, used to find its settings again on submit. */
function newFormId(): string {
	const bytes = new Uint8Array( 3 );
	window.crypto.getRandomValues( bytes );
	return Array.from( bytes, ( b ) => b.toString( 16 ).padStart( 2, '0' ) ).join( '' );
}

/**
 * Editor view of the contact form: its fields as inner blocks, its settings in the sidebar.
 *
 * @param props Block edit props.
 */
export function Edit( props: BlockEditProps< ContactFormAttributes > ) {
	const { attributes, setAttributes } = props;
	const departments = useServiceList( '/cuadra/v1/departments' );
	const lists = useServiceList( '/cuadra/v1/lists' );
	const blockProps = useBlockProps( { className: 'cuadra-form' } );
	const innerBlocksProps = useInnerBlocksProps(
		{ className: 'cuadra-form__fields' },
		{ allowedBlocks: FIELD_BLOCKS, template: TEMPLATE, templateLock: false }
	);

	useEffect( () => {
		if ( ! attributes.formId ) {
			setAttributes( { formId: newFormId() } );
		}
	}, [ attributes.formId, setAttributes ] );

	const departmentOptions = [
		{ value: '0', label: __( 'The default department', 'cuadra' ) },
		...departments.items.map( ( d ) => ( { value: String( d.id ), label: d.name } ) ),
	];
	const toggleList = ( id: number, on: boolean ) => {
		const others = attributes.listIds.filter( ( listId ) => listId !== id );
		setAttributes( { listIds: on ? [ ...others, id ] : others } );
	};

	return (
		<div { ...blockProps }>
			<InspectorControls>
				<PanelBody title={ __( 'Department', 'cuadra' ) }>
					<ToggleControl
						label={ __( 'Let the visitor choose', 'cuadra' ) }
						help={ __(
							'Add a "Department choice" field to the form and pick the departments there.',
							'cuadra'
						) }
						checked={ attributes.visitorChoosesDepartment }
						onChange={ ( value: boolean ) =>
							setAttributes( { visitorChoosesDepartment: value } )
						}
					/>
					{ departments.loading && <Spinner /> }
					{ departments.error && (
						<Notice status="warning" isDismissible={ false }>
							{ __( 'The departments could not be loaded.', 'cuadra' ) }{ ' ' }
							{ departments.error }
						</Notice>
					) }
					{ ! attributes.visitorChoosesDepartment && (
						<SelectControl
							label={ __( 'Enquiries go to', 'cuadra' ) }
							value={ String( attributes.departmentId ) }
							options={ departmentOptions }
							onChange={ ( value: string ) =>
								setAttributes( { departmentId: Number( value ) } )
							}
						/>
					) }
				</PanelBody>
				<PanelBody title={ __( 'After sending', 'cuadra' ) }>
					<RadioControl
						label={ __( 'Show', 'cuadra' ) }
						selected={ attributes.afterSubmit }
						options={ [
							{ value: 'message', label: __( 'A thank-you message', 'cuadra' ) },
							{ value: 'redirect', label: __( 'Another page', 'cuadra' ) },
						] }
						onChange={ ( value: string ) =>
							setAttributes( {
								afterSubmit: value === 'redirect' ? 'redirect' : 'message',
							} )
						}
					/>
					{ attributes.afterSubmit === 'redirect' ? (
						<TextControl
							label={ __( 'Address of the page', 'cuadra' ) }
							type="url"
							value={ attributes.redirectUrl }
							onChange={ ( value: string ) =>
								setAttributes( { redirectUrl: value } )
							}
						/>
					) : (
						<TextareaControl
							label={ __( 'Thank-you message', 'cuadra' ) }
							value={ attributes.thankYouMessage }
							placeholder={ __(
								'Thank you. We have received your message and will answer soon.',
								'cuadra'
							) }
							onChange={ ( value: string ) =>
								setAttributes( { thankYouMessage: value } )
							}
						/>
					) }
					<TextControl
						label={ __( 'Button text', 'cuadra' ) }
						value={ attributes.submitLabel }
						placeholder={ __( 'Send', 'cuadra' ) }
						onChange={ ( value: string ) =>
							setAttributes( { submitLabel: value } )
						}
					/>
				</PanelBody>
				<PanelBody title={ __( 'Lists', 'cuadra' ) }>
					<p>
						{ __(
							'Visitors who tick the marketing consent box join these lists (after confirming by e-mail).',
							'cuadra'
						) }
					</p>
					{ lists.loading && <Spinner /> }
					{ ! lists.loading && lists.items.length === 0 && ! lists.error && (
						<p>{ __( 'No lists yet.', 'cuadra' ) }</p>
					) }
					{ lists.error && (
						<Notice status="warning" isDismissible={ false }>
							{ __( 'The lists could not be loaded.', 'cuadra' ) }{ ' ' }
							{ lists.error }
						</Notice>
					) }
					{ lists.items.map( ( list ) => (
						<CheckboxControl
							key={ list.id }
							label={ list.name }
							checked={ attributes.listIds.includes( list.id ) }
							onChange={ ( on: boolean ) => toggleList( list.id, on ) }
						/>
					) ) }
				</PanelBody>
			</InspectorControls>
			<div { ...innerBlocksProps } />
			<button type="button" className="cuadra-form__submit" disabled>
				{ attributes.submitLabel || __( 'Send', 'cuadra' ) }
			</button>
		</div>
	);
}
