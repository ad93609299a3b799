// The blocks follow the plugin's ESLint rules (they are built into wp-plugin/build/blocks).
module.exports = {
	root: true,
	extends: [ require.resolve( '../wp-plugin/.eslintrc.js' ) ],
	ignorePatterns: [ '**/*.d.ts', '.eslintrc.js' ],
};
