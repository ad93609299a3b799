import type { QueryInterface } from 'sequelize';

/** One schema change, named by the UTC time it was written so the order is unambiguous. */
export interface Migration {
  name: string;
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}
