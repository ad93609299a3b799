// Extracts every translatable string of the plugin into languages/cuadra.pot and merges new
// strings into languages/cuadra-es_ES.po (existing translations are kept, vanished ones dropped).
// Usage: node tools/make-pot.mjs   — then translate the empty msgstr entries in the .po by hand.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import gettextParser from 'gettext-parser';

const pluginDir = path.dirname( path.dirname( fileURLToPath( import.meta.url ) ) );
// Blocks live next to the plugin (../blocks) and are built into it; their references read blocks/….
const repoDir = path.dirname( pluginDir );
const blocksDir = path.join( repoDir, 'blocks' );
const DOMAIN = 'cuadra';

// Function name => positions of [msgid, msgid_plural, msgctxt, domain] among its arguments.
const PHP_KEYWORDS = {
	__: [ 0, null, null, 1 ],
	_e: [ 0, null, null, 1 ],
	esc_html__: [ 0, null, null, 1 ],
	esc_html_e: [ 0, null, null, 1 ],
	esc_attr__: [ 0, null, null, 1 ],
	esc_attr_e: [ 0, null, null, 1 ],
	_x: [ 0, null, 1, 2 ],
	_ex: [ 0, null, 1, 2 ],
	esc_html_x: [ 0, null, 1, 2 ],
	esc_attr_x: [ 0, null, 1, 2 ],
	_n: [ 0, 1, null, 3 ],
	_nx: [ 0, 1, 3, 4 ],
	_n_noop: [ 0, 1, null, 2 ],
	_nx_noop: [ 0, 1, 2, 3 ],
};
const JS_KEYWORDS = {
	__: [ 0, null, null, 1 ],
	_x: [ 0, null, 1, 2 ],
	_n: [ 0, 1, null, 3 ],
	_nx: [ 0, 1, 3, 4 ],
};

// block.json fields WordPress translates, with the context it uses (WP_Block_Type i18n schema).
const BLOCK_JSON_CONTEXTS = { title: 'block title', description: 'block description', keywords: 'block keyword' };

function listFiles( dir, extensions ) {
	const found = [];
	if ( ! existsSync( dir ) ) {
		return found;
	}
	for ( const name of readdirSync( dir ) ) {
		const full = path.join( dir, name );
		if ( statSync( full ).isDirectory() ) {
			if ( name !== 'node_modules' && name !== 'build' ) {
				found.push( ...listFiles( full, extensions ) );
			}
		} else if ( extensions.some( ( ext ) => name.endsWith( ext ) ) && ! name.endsWith( '.d.ts' ) ) {
			found.push( full );
		}
	}
	return found.sort();
}

function unescapeString( quote, body, isPhp ) {
	if ( isPhp && quote === "'" ) {
		return body.replace( /\\([\\'])/g, '$1' );
	}
	return body.replace( /\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, ( _, esc ) => {
		if ( esc[ 0 ] === 'u' && esc.length > 1 ) {
			return String.fromCodePoint( parseInt( esc.replace( /[u{}]/g, '' ), 16 ) );
		}
		if ( esc[ 0 ] === 'x' && esc.length === 3 ) {
			return String.fromCharCode( parseInt( esc.slice( 1 ), 16 ) );
		}
		return { n: '\n', t: '\t', r: '\r', 0: '\0' }[ esc ] ?? esc;
	} );
}

/**
 * Finds gettext calls in one source file.
 *
 * @param {string}  source Source text.
 * @param {boolean} isPhp  PHP (with HTML outside <?php ?>) or TypeScript.
 * @return {Array<{name: string, args: Array<string|null>, line: number, comment: string|null}>} Calls; a non-literal argument is null.
 */
export function findGettextCalls( source, isPhp ) {
	const keywords = isPhp ? PHP_KEYWORDS : JS_KEYWORDS;
	const calls = [];
	let i = 0;
	let inCode = ! isPhp;
	let lastComment = null;
	let lastCommentEnd = -1;
	const lineAt = ( index ) => source.slice( 0, index ).split( '\n' ).length;

	// Reads a string literal starting at `start`; returns [value, endIndex].
	const readString = ( start ) => {
		const quote = source[ start ];
		let j = start + 1;
		while ( j < source.length && source[ j ] !== quote ) {
			j += source[ j ] === '\\' ? 2 : 1;
		}
		return [ unescapeString( quote, source.slice( start + 1, j ), isPhp ), j + 1 ];
	};

	// Reads call arguments after "(": each a string literal or null; returns [args, endIndex].
	const readArgs = ( start ) => {
		const args = [];
		let depth = 0;
		let current = [];
		let j = start;
		while ( j < source.length ) {
			const c = source[ j ];
			if ( c === "'" || c === '"' || ( ! isPhp && c === '`' ) ) {
				const [ value, end ] = readString( j );
				current.push( c === '`' && value.includes( '${' ) ? null : value );
				j = end;
				continue;
			}
			if ( c === '/' && source[ j + 1 ] === '*' ) {
				j = source.indexOf( '*/', j + 2 ) + 2;
				continue;
			}
			if ( c === '/' && source[ j + 1 ] === '/' ) {
				j = source.indexOf( '\n', j );
				continue;
			}
			if ( c === '(' || c === '[' || c === '{' ) {
				depth++;
				current.push( null );
			} else if ( c === ')' || c === ']' || c === '}' ) {
				if ( depth === 0 ) {
					args.push( current );
					return [ args.map( ( parts ) => ( parts.length === 1 && typeof parts[ 0 ] === 'string' ? parts[ 0 ] : null ) ), j + 1 ];
				}
				depth--;
			} else if ( c === ',' && depth === 0 ) {
				args.push( current );
				current = [];
			} else if ( ! /\s/.test( c ) ) {
				current.push( null );
			}
			j++;
		}
		return [ [], j ];
	};

	while ( i < source.length ) {
		if ( ! inCode ) {
			const open = source.indexOf( '<?', i );
			if ( open === -1 ) {
				break;
			}
			inCode = true;
			i = open + ( source.startsWith( '<?php', open ) ? 5 : source.startsWith( '<?=', open ) ? 3 : 2 );
			continue;
		}
		const c = source[ i ];
		if ( isPhp && c === '?' && source[ i + 1 ] === '>' ) {
			inCode = false;
			i += 2;
			continue;
		}
		if ( c === '/' && source[ i + 1 ] === '*' ) {
			const end = source.indexOf( '*/', i + 2 );
			lastComment = source.slice( i + 2, end );
			lastCommentEnd = end + 2;
			i = end + 2;
			continue;
		}
		if ( ( c === '/' && source[ i + 1 ] === '/' ) || ( isPhp && c === '#' ) ) {
			let end = source.indexOf( '\n', i );
			end = end === -1 ? source.length : end;
			if ( isPhp ) {
				const close = source.indexOf( '?>', i );
				end = close !== -1 && close < end ? close : end;
			}
			lastComment = source.slice( i + ( c === '#' ? 1 : 2 ), end );
			lastCommentEnd = end;
			i = end;
			continue;
		}
		if ( c === "'" || c === '"' || ( ! isPhp && c === '`' ) ) {
			i = readString( i )[ 1 ];
			continue;
		}
		const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec( source.slice( i, i + 40 ) );
		if ( match ) {
			const name = match[ 0 ];
			const before = source.slice( Math.max( 0, i - 2 ), i );
			let after = i + name.length;
			while ( /\s/.test( source[ after ] ?? '' ) ) {
				after++;
			}
			const isCall = source[ after ] === '(' && ! /(->|::|\.|\$)$/.test( before ) && ! /function\s+$/.test( source.slice( Math.max( 0, i - 12 ), i ) );
			if ( isCall && Object.hasOwn( keywords, name ) ) {
				const [ args, end ] = readArgs( after + 1 );
				const between = lastCommentEnd >= 0 ? source.slice( lastCommentEnd, i ) : '';
				// A translators comment counts when only code of this statement separates it from the call.
				const comment = lastComment && /translators:/i.test( lastComment ) && ! /[;{}]/.test( between ) ? lastComment.trim() : null;
				calls.push( { name, args, line: lineAt( i ), comment } );
				lastComment = comment ? null : lastComment;
				i = end;
				continue;
			}
			i += name.length;
			continue;
		}
		i++;
	}
	return calls;
}

/**
 * All translatable entries of the plugin.
 *
 * @return {{entries: Map<string, object>, problems: string[]}} Entries keyed by context + msgid, and calls that are not translatable as written.
 */
export function extractEntries() {
	const entries = new Map();
	const problems = [];
	const sources = [
		...listFiles( pluginDir, [ '.php' ] ).map( ( file ) => ( { file, isPhp: true } ) ),
		...listFiles( path.join( pluginDir, 'admin', 'src' ), [ '.ts', '.tsx' ] ).map( ( file ) => ( { file, isPhp: false } ) ),
		...listFiles( blocksDir, [ '.php' ] ).map( ( file ) => ( { file, isPhp: true } ) ),
		...listFiles( blocksDir, [ '.ts', '.tsx' ] ).map( ( file ) => ( { file, isPhp: false } ) ),
	];
	const relativeName = ( file ) => path.relative( file.startsWith( blocksDir + path.sep ) ? repoDir : pluginDir, file ).split( path.sep ).join( '/' );
	const add = ( msgctxt, msgid, where, comment = null ) => {
		const key = `${ msgctxt }\u0004${ msgid }`;
		const entry = entries.get( key ) ?? { msgctxt, msgid, references: [], comments: new Set() };
		entry.references.push( where );
		if ( comment ) {
			entry.comments.add( comment );
		}
		entries.set( key, entry );
		return entry;
	};
	for ( const file of listFiles( blocksDir, [ 'block.json' ] ) ) {
		const metadata = JSON.parse( readFileSync( file, 'utf8' ) );
		const where = relativeName( file );
		if ( metadata.textdomain !== DOMAIN ) {
			problems.push( `${ where }: "textdomain" must be '${ DOMAIN }'` );
			continue;
		}
		for ( const [ field, context ] of Object.entries( BLOCK_JSON_CONTEXTS ) ) {
			for ( const text of [ metadata[ field ] ].flat().filter( ( value ) => typeof value === 'string' && value ) ) {
				add( context, text, where );
			}
		}
	}
	for ( const { file, isPhp } of sources ) {
		const relative = relativeName( file );
		for ( const call of findGettextCalls( readFileSync( file, 'utf8' ), isPhp ) ) {
			const [ idAt, pluralAt, contextAt, domainAt ] = ( isPhp ? PHP_KEYWORDS : JS_KEYWORDS )[ call.name ];
			const where = `${ relative }:${ call.line }`;
			const msgid = call.args[ idAt ];
			if ( typeof msgid !== 'string' || call.args[ domainAt ] !== DOMAIN ) {
				problems.push( `${ where }: ${ call.name }() needs literal strings and the text domain '${ DOMAIN }'` );
				continue;
			}
			const msgctxt = contextAt === null ? '' : call.args[ contextAt ] ?? '';
			const entry = add( msgctxt, msgid, where, call.comment );
			if ( pluralAt !== null ) {
				entry.msgid_plural = call.args[ pluralAt ] ?? '';
			}
		}
	}
	return { entries, problems };
}

function toPoTranslations( entries, translationFor ) {
	const translations = { '': {} };
	for ( const entry of entries.values() ) {
		const context = entry.msgctxt;
		translations[ context ] ??= {};
		const item = {
			msgid: entry.msgid,
			msgstr: translationFor( entry ),
			comments: {
				reference: entry.references.join( '\n' ),
				extracted: [ ...entry.comments ].join( '\n' ),
			},
		};
		if ( context ) {
			item.msgctxt = context;
		}
		if ( entry.msgid_plural !== undefined ) {
			item.msgid_plural = entry.msgid_plural;
		}
		translations[ context ][ entry.msgid ] = item;
	}
	return translations;
}

function main() {
	const { entries, problems } = extractEntries();
	if ( problems.length ) {
		console.error( problems.join( '\n' ) );
		process.exit( 1 );
	}

	const potHeaders = {
		'Project-Id-Version': 'Cuadra 0.1.0',
		'Report-Msgid-Bugs-To': '',
		'POT-Creation-Date': new Date().toISOString().replace( 'T', ' ' ).replace( /:\d\d\.\d+Z$/, '+0000' ),
		'MIME-Version': '1.0',
		'Content-Type': 'text/plain; charset=UTF-8',
		'Content-Transfer-Encoding': '8bit',
		'X-Domain': DOMAIN,
	};
	const potPath = path.join( pluginDir, 'languages', `${ DOMAIN }.pot` );
	const pot = {
		charset: 'utf-8',
		headers: potHeaders,
		translations: toPoTranslations( entries, ( entry ) => ( entry.msgid_plural !== undefined ? [ '', '' ] : [ '' ] ) ),
	};
	writeFileSync( potPath, gettextParser.po.compile( pot, { foldLength: 0 } ) );

	const poPath = path.join( pluginDir, 'languages', `${ DOMAIN }-es_ES.po` );
	const existing = existsSync( poPath ) ? gettextParser.po.parse( readFileSync( poPath ) ) : null;
	const known = ( entry ) => existing?.translations[ entry.msgctxt ]?.[ entry.msgid ]?.msgstr;
	const po = {
		charset: 'utf-8',
		headers: {
			...( existing?.headers ?? {} ),
			'Project-Id-Version': 'Cuadra 0.1.0',
			'Language': 'es_ES',
			'Language-Team': existing?.headers?.[ 'Language-Team' ] ?? 'Spanish (Spain)',
			'MIME-Version': '1.0',
			'Content-Type': 'text/plain; charset=UTF-8',
			'Content-Transfer-Encoding': '8bit',
			'Plural-Forms': 'nplurals=2; plural=(n != 1);',
			'X-Domain': DOMAIN,
		},
		translations: toPoTranslations( entries, ( entry ) => known( entry ) ?? ( entry.msgid_plural !== undefined ? [ '', '' ] : [ '' ] ) ),
	};
	writeFileSync( poPath, gettextParser.po.compile( po, { foldLength: 0 } ) );

	const missing = [ ...entries.values() ].filter( ( entry ) => ! ( known( entry ) ?? [] ).every( Boolean ) || ! known( entry )?.length );
	console.log( `${ entries.size } strings written to languages/${ DOMAIN }.pot; ${ missing.length } need a Spanish translation in languages/${ DOMAIN }-es_ES.po.` );
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	main();
}
