import type { Migration } from '../migration';
import { migration as createRequestNonces } from './20261127080000-create-request-nonces';
import { migration as createSettings } from './20261127080100-create-settings';
import { migration as createContacts } from './20261127090000-create-contacts';

// Append-only: a shipped migration is never edited; a change is a new file added at the end.
export const migrations: Migration[] = [createRequestNonces, createSettings, createContacts];
