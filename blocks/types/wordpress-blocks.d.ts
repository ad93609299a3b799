// The few parts of @wordpress/blocks and @wordpress/block-editor the blocks use. WordPress provides
// both as globals (wp.blocks, wp.blockEditor); the npm packages are not installed, so these
// declarations stand in for their types.
declare module '@wordpress/blocks' {
	import type { ComponentType } from 'react';

	export interface BlockEditProps< T > {
		attributes: T;
		setAttributes: ( next: Partial< T > ) => void;
		clientId: string;
		isSelected: boolean;
	}

	export interface BlockSettings< T > {
		edit: ComponentType< BlockEditProps< T > >;
		save: ComponentType< { attributes: T } > | ( () => unknown );
		[ key: string ]: unknown;
	}

	export function registerBlockType< T >(
		metadata: { name: string; [ key: string ]: unknown },
		settings: BlockSettings< T >
	): unknown;
}

declare module '@wordpress/block-editor' {
	import type { ComponentType, ReactNode } from 'react';

	export function useBlockProps(
		props?: Record< string, unknown >
	): Record< string, unknown >;
	export function useInnerBlocksProps(
		props?: Record< string, unknown >,
		options?: {
			allowedBlocks?: string[];
			template?: Array< [ string, Record< string, unknown >? ] >;
			templateLock?: false | 'all' | 'insert';
		}
	): Record< string, unknown >;
	export const InspectorControls: ComponentType< { children?: ReactNode } >;
	export const RichText: ComponentType< Record< string, unknown > >;
	export const InnerBlocks: ComponentType< Record< string, unknown > > & {
		Content: ComponentType< Record< string, unknown > >;
	};
}
