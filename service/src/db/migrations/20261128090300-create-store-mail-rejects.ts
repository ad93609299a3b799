import { DataTypes } from 'sequelize';
import { mediumText } from '../column-types';
import { dialectOf } from '../database';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128090300-create-store-mail-rejects',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_store_mail_rejects',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        store_id: { type: DataTypes.INTEGER, allowNull: false },
        uid_validity: { type: DataTypes.BIGINT, allowNull: false },
        uid: { type: DataTypes.BIGINT, allowNull: false },
        reason: { type: DataTypes.TEXT, allowNull: false },
        subject: { type: DataTypes.STRING(500), allowNull: false, defaultValue: '' },
        from_address: { type: DataTypes.STRING(320), allowNull: false, defaultValue: '' },
        message_id: { type: DataTypes.STRING(500), allowNull: true },
        raw_size: { type: DataTypes.INTEGER, allowNull: false },
        raw_excerpt: { type: mediumText(dialectOf(qi.sequelize)), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    await qi.addIndex('cuadra_store_mail_rejects', ['store_id', 'uid_validity', 'uid'], {
      unique: true,
      name: 'cuadra_store_mail_rejects_uid',
    });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_store_mail_rejects');
  },
};
