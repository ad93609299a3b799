// Read once from package.json so /connection reports what is really deployed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const SERVICE_VERSION: string = (require('../package.json') as { version: string }).version;
