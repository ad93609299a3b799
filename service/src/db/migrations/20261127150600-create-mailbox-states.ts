import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261127150600-create-mailbox-states',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_mailbox_states',
      {
        mailbox: { type: DataTypes.STRING(250), primaryKey: true, allowNull: false },
        uid_validity: { type: DataTypes.STRING(20), allowNull: false },
        last_uid: { type: DataTypes.BIGINT, allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_mailbox_states');
  },
};
