import { DataTypes } from 'sequelize';
import type { Dialect } from './database';

/** Text up to 16 MB on MySQL (plain TEXT stops at 64 KB); SQLite's TEXT has no size variants. */
export function mediumText(dialect: Dialect) {
  return dialect === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT;
}
