import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127080000-create-request-nonces',
  async up({ context: qi }) {
    await qi.createTable('cuadra_request_nonces', {
      signature: { type: DataTypes.CHAR(64), primaryKey: true, allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('cuadra_request_nonces', ['expires_at'], { name: 'cuadra_request_nonces_expires_at' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_request_nonces');
  },
};
