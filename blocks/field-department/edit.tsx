import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	CheckboxControl,
	Notice,
	PanelBody,
	Spinner,
	TextControl,
} from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { useServiceList, type NamedItem } from '../shared/use-service-list';

interface DepartmentAttributes {
	label: string;
	departments: NamedItem[];
}

/**
 * Editor view of the department choice: which departments the visitor may pick from. Their names are
 * kept in the block so the page renders without asking the service.
 *
 * @param props Block edit props.
 */
export function Edit( props: BlockEditProps< DepartmentAttributes > ) {
	const { attributes, setAttributes } = props;
	const blockProps = useBlockProps( { className: 'cuadra-form__field' } );
	const departments = useServiceList( '/cuadra/v1/departments' );
	const chosen = new Set( attributes.departments.map( ( d ) => d.id ) );
	const toggle = ( department: NamedItem, on: boolean ) => {
		const others = attributes.departments.filter( ( d ) => d.id !== department.id );
		setAttributes( { departments: on ? [ ...others, department ] : others } );
	};
	return (
		<div { ...blockProps }>
			<InspectorControls>
				<PanelBody title={ __( 'Department choice', 'cuadra' ) }>
					<TextControl
						label={ __( 'Label', 'cuadra' ) }
						value={ attributes.label }
						placeholder={ __( 'Department', 'cuadra' ) }
						onChange={ ( value: string ) =>
							setAttributes( { label: value } )
						}
					/>
					{ departments.loading && <Spinner /> }
					{ departments.error && (
						<Notice status="warning" isDismissible={ false }>
							{ __( 'The departments could not be loaded.', 'cuadra' ) }{ ' ' }
							{ departments.error }
						</Notice>
					) }
					{ ! departments.loading &&
						! departments.error &&
						departments.items.length === 0 && (
						<p>{ __( 'No departments yet.', 'cuadra' ) }</p>
					) }
					{ departments.items.map( ( department ) => (
						<CheckboxControl
							key={ department.id }
							label={ department.name }
							checked={ chosen.has( department.id ) }
							onChange={ ( on: boolean ) => toggle( department, on ) }
						/>
					) ) }
				</PanelBody>
			</InspectorControls>
			<span className="cuadra-form__label">
				{ attributes.label || __( 'Department', 'cuadra' ) } *
			</span>
			<select className="cuadra-form__input" disabled>
				{ attributes.departments.map( ( department ) => (
					<option key={ department.id }>{ department.name }</option>
				) ) }
			</select>
			{ attributes.departments.length === 0 && (
				<p>{ __( 'Choose the departments in the block settings.', 'cuadra' ) }</p>
			) }
		</div>
	);
}
