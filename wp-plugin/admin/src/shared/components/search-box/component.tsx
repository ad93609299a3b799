import { Button } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';

interface SearchBoxProps {
	/** Id of the search input. */
	id: string;
	/** Already translated: the input's screen-reader label and the button's text. */
	label: string;
	placeholder: string;
	/** The search in the URL, shown again whenever it changes. */
	searched: string;
	/** Also put the URL's search back when this changes (e.g. the whole query string). */
	resetKey?: string;
	/** Called with the trimmed text when the form is submitted. */
	onSearch: ( search: string ) => void;
}

/** WordPress's list-table search box. */
export function SearchBox( { id, label, placeholder, searched, resetKey, onSearch }: SearchBoxProps ) {
	const [ search, setSearch ] = useState( searched );

	useEffect( () => setSearch( searched ), [ searched, resetKey ] );

	return (
		<form
			className="search-box cuadra-search-box"
			role="search"
			onSubmit={ ( event ) => {
				event.preventDefault();
				onSearch( search.trim() );
			} }
		>
			<label className="screen-reader-text" htmlFor={ id }>
				{ label }
			</label>
			<input
				type="search"
				id={ id }
				value={ search }
				onChange={ ( event ) => setSearch( event.target.value ) }
				placeholder={ placeholder }
			/>
			<Button variant="secondary" type="submit">
				{ label }
			</Button>
		</form>
	);
}
