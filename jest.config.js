// Three kinds of suites: the service suite runs twice (SQLite and MariaDB), the repository checks
// once, and the end-to-end suite against real WordPress + Chromium once.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', rootDir: __dirname };

module.exports = {
  projects: [
    { ...common, displayName: 'service:sqlite', testMatch: ['<rootDir>/test/service/**/*.test.ts'], setupFiles: ['<rootDir>/test/setup/db-sqlite.ts'] },
    { ...common, displayName: 'service:mariadb', testMatch: ['<rootDir>/test/service/**/*.test.ts'], setupFiles: ['<rootDir>/test/setup/db-mariadb.ts'] },
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'pdf', testMatch: ['<rootDir>/test/service-pdf/**/*.test.ts'] },
    { ...common, displayName: 'repo', testMatch: ['<rootDir>/test/repo/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};
