import type { Migration } from '../migration';
import { mediumText } from '../column-types';
import { dialectOf } from '../database';

export const migration: Migration = {
  name: '20261128160300-add-store-order-pushed-refunds',
  async up({ context: qi }) {
    // A same-site store's refunds come pushed with the order (there are no REST keys to ask for them): kept here as REST v3 JSON.
    await qi.addColumn('cuadra_store_orders', 'pushed_refunds_json', { type: mediumText(dialectOf(qi.sequelize)), allowNull: true });
  },
  async down({ context: qi }) {
    await qi.removeColumn('cuadra_store_orders', 'pushed_refunds_json');
  },
};
