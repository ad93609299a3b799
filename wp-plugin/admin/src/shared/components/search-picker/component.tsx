import { BaseControl, Button, Spinner } from '@wordpress/components';
import { createElement, useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { useUniqueId } from '../../use-unique-id';

export interface PickerItem {
	id: number;
	/** What the input shows once chosen. */
	label: string;
	/** A second line in the list (tax ID, e-mail, date…). */
	detail?: string;
}

interface SearchPickerProps< Item extends PickerItem > {
	label: string;
	/** The chosen item, or null. */
	value: Item | null;
	onChange: ( item: Item | null ) => void;
	/** Finds items for what was typed ('' for a first look). */
	search: ( term: string ) => Promise< Item[] >;
	placeholder?: string;
	/** Help text, or a FieldError element. */
	help?: ReactNode;
	invalid?: boolean;
	disabled?: boolean;
	className?: string;
	/** Said when nothing matches. */
	noResults?: string;
}

const SEARCH_DELAY_MS = 250;

/**
 * A search-as-you-type combobox (WAI-ARIA combobox with a listbox): type part of a name, pick one of
 * the matches with the mouse or the arrow keys and Enter.
 */
export function SearchPicker< Item extends PickerItem >( {
	label,
	value,
	onChange,
	search,
	placeholder,
	help,
	invalid = false,
	disabled = false,
	className = '',
	noResults,
}: SearchPickerProps< Item > ) {
	const id = useUniqueId( 'cuadra-search-picker' );
	const listId = `${ id }__list`;
	const [ typing, setTyping ] = useState< string | null >( null );
	const [ open, setOpen ] = useState( false );
	const [ items, setItems ] = useState< Item[] >( [] );
	const [ loading, setLoading ] = useState( false );
	const [ failed, setFailed ] = useState( false );
	const [ active, setActive ] = useState( -1 );
	const latest = useRef( 0 );
	const timer = useRef< ReturnType< typeof setTimeout > | undefined >();

	useEffect( () => () => clearTimeout( timer.current ), [] );

	const runSearch = ( term: string, delay: number ) => {
		clearTimeout( timer.current );
		const ticket = ++latest.current;
		setLoading( true );
		timer.current = setTimeout( () => {
			search( term.trim() )
				.then( ( found ) => {
					if ( ticket === latest.current ) {
						setItems( found );
						setFailed( false );
						setActive( found.length ? 0 : -1 );
					}
				} )
				.catch( () => {
					if ( ticket === latest.current ) {
						setItems( [] );
						setFailed( true );
					}
				} )
				.finally( () => {
					if ( ticket === latest.current ) {
						setLoading( false );
					}
				} );
		}, delay );
	};

	const choose = ( item: Item ) => {
		onChange( item );
		setTyping( null );
		setOpen( false );
	};

	const close = () => {
		setOpen( false );
		setTyping( null );
	};

	const onKeyDown = ( event: { key: string; preventDefault: () => void } ) => {
		if ( event.key === 'ArrowDown' || event.key === 'ArrowUp' ) {
			event.preventDefault();
			if ( ! open ) {
				setOpen( true );
				runSearch( typing ?? '', 0 );
				return;
			}
			const step = event.key === 'ArrowDown' ? 1 : -1;
			setActive( ( current ) =>
				items.length ? ( current + step + items.length ) % items.length : -1
			);
		} else if ( event.key === 'Enter' && open ) {
			event.preventDefault();
			const item = items[ active ];
			if ( item ) {
				choose( item );
			}
		} else if ( event.key === 'Escape' && open ) {
			event.preventDefault();
			close();
		}
	};

	const helpId = help ? `${ id }__help` : undefined;
	const showList = open && ! disabled;

	return (
		<BaseControl
			__nextHasNoMarginBottom
			id={ id }
			label={ label }
			help={ help }
			className={ `cuadra-search-picker ${ className }` }
		>
			<div className="cuadra-search-picker__field">
				<input
					id={ id }
					className="components-text-control__input cuadra-search-picker__input"
					type="text"
					role="combobox"
					autoComplete="off"
					aria-autocomplete="list"
					aria-expanded={ showList }
					aria-controls={ listId }
					aria-activedescendant={
						showList && active >= 0 ? `${ listId }-${ active }` : undefined
					}
					aria-describedby={ helpId }
					aria-invalid={ invalid }
					placeholder={ placeholder }
					disabled={ disabled }
					value={ typing ?? value?.label ?? '' }
					onChange={ ( event ) => {
						setTyping( event.target.value );
						setOpen( true );
						runSearch( event.target.value, SEARCH_DELAY_MS );
					} }
					onFocus={ () => {
						if ( ! open ) {
							setOpen( true );
							runSearch( typing ?? '', 0 );
						}
					} }
					onBlur={ close }
					onKeyDown={ onKeyDown }
				/>
				{ loading && showList && <Spinner /> }
				{ value && ! disabled && (
					<Button
						className="cuadra-search-picker__clear"
						variant="tertiary"
						onClick={ () => {
							onChange( null );
							close();
						} }
						aria-label={ `${ __( 'Clear', 'cuadra' ) }: ${ label }` }
					>
						{ __( 'Clear', 'cuadra' ) }
					</Button>
				) }
			</div>
			<div className="cuadra-search-picker__popover" hidden={ ! showList }>
				<ul
					id={ listId }
					role="listbox"
					aria-label={ label }
					className="cuadra-search-picker__list"
				>
					{ items.map( ( item, index ) => (
						<li
							key={ item.id }
							id={ `${ listId }-${ index }` }
							role="option"
							aria-selected={ index === active }
							className={ `cuadra-search-picker__option${
								index === active ? ' is-active' : ''
							}` }
							// mousedown, not click: the input's blur would close the list first.
							onMouseDown={ ( event ) => {
								event.preventDefault();
								choose( item );
							} }
							onMouseEnter={ () => setActive( index ) }
						>
							<span className="cuadra-search-picker__label">
								{ item.label }
							</span>
							{ item.detail && (
								<span className="cuadra-search-picker__detail">
									{ item.detail }
								</span>
							) }
						</li>
					) ) }
				</ul>
				{ ! loading && items.length === 0 && (
					<p className="cuadra-search-picker__empty">
						{ failed
							? __( 'The search failed. Type again to retry.', 'cuadra' )
							: noResults ?? __( 'Nothing matches.', 'cuadra' ) }
					</p>
				) }
			</div>
		</BaseControl>
	);
}
