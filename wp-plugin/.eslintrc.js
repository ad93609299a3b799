// ESLint 8 (the one @wordpress/scripts 27 ships, see tools/lint-js.mjs) in eslintrc mode. `root`
// keeps the repository's flat config for the service out.
//
// This is @wordpress/eslint-plugin's `recommended` preset minus its Prettier rule: that rule would
// load the repository's stock Prettier 3, which lacks the WordPress fork's spaces inside
// parentheses. Layout is checked by the ESLint formatting rules of `recommended-with-formatting`.
module.exports = {
	root: true,
	extends: [
		'plugin:@wordpress/eslint-plugin/recommended-with-formatting',
		'plugin:@typescript-eslint/eslint-recommended',
	],
	plugins: [ '@typescript-eslint' ],
	ignorePatterns: [ '**/*.d.ts' ],
	settings: {
		'import/resolver': {
			node: { extensions: [ '.js', '.jsx', '.ts', '.tsx' ] },
		},
	},
	env: { browser: true },
	rules: {
		curly: [ 'error', 'all' ],
		// WordPress packages are externals that WordPress provides at run time.
		'import/no-extraneous-dependencies': 'off',
	},
	overrides: [
		{
			files: [ '**/*.ts', '**/*.tsx' ],
			parser: '@typescript-eslint/parser',
			rules: {
				'no-duplicate-imports': 'off',
				'import/no-duplicates': 'error',
				'jsdoc/require-param-type': 'off',
				'jsdoc/require-returns-type': 'off',
				// Props are typed; documenting each destructured prop again adds nothing.
				'jsdoc/require-param': [
					'error',
					{ checkDestructured: false, checkDestructuredRoots: false },
				],
				// TypeScript reports unknown names and unused variables itself.
				'no-undef': 'off',
				'no-unused-vars': 'off',
				'no-shadow': 'off',
				'@typescript-eslint/no-shadow': 'error',
			},
		},
		{
			files: [ '.eslintrc.js', 'tools/**/*.mjs' ],
			env: { node: true },
		},
	],
};
