import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128160200-add-store-same-site-key',
  async up({ context: qi }) {
    // 'same_site' on the one same-site store, NULL on every other: the UNIQUE index makes "one per site" hold
    // under concurrent connects (NULLs never collide, on SQLite and MariaDB alike).
    await qi.addColumn('cuadra_stores', 'same_site_key', { type: DataTypes.STRING(12), allowNull: true });
    await qi.sequelize.query(
      "UPDATE cuadra_stores SET same_site_key = 'same_site' WHERE id = (SELECT first_id FROM (SELECT MIN(id) AS first_id FROM cuadra_stores WHERE kind = 'same_site') AS first_same_site)",
    );
    await qi.addIndex('cuadra_stores', ['same_site_key'], { unique: true, name: 'cuadra_stores_same_site_key' });
  },
  async down({ context: qi }) {
    await qi.removeIndex('cuadra_stores', 'cuadra_stores_same_site_key');
    await qi.removeColumn('cuadra_stores', 'same_site_key');
  },
};
