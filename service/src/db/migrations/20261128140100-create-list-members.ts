import { DataTypes } from 'sequelize';
import type { Migration } from '../migration';

export const migration: Migration = {
  name: '20261128140100-create-list-members',
  async up({ context: qi }) {
    await qi.createTable(
      'cuadra_list_members',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
        list_id: { type: DataTypes.INTEGER, allowNull: false },
        contact_id: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        consent_text: { type: DataTypes.TEXT, allowNull: false },
        consent_version: { type: DataTypes.STRING(64), allowNull: false, defaultValue: '' },
        consent_ip: { type: DataTypes.STRING(45), allowNull: false, defaultValue: '' },
        consent_user_agent: { type: DataTypes.STRING(500), allowNull: false, defaultValue: '' },
        consent_source: { type: DataTypes.STRING(120), allowNull: false },
        consented_at: { type: DataTypes.DATE(3), allowNull: false },
        confirmed_at: { type: DataTypes.DATE(3), allowNull: true },
        unsubscribed_at: { type: DataTypes.DATE(3), allowNull: true },
        unsubscribe_source: { type: DataTypes.STRING(120), allowNull: true },
        confirm_token_hash: { type: DataTypes.STRING(64), allowNull: true },
        unsubscribe_token_hash: { type: DataTypes.STRING(64), allowNull: false },
        unsubscribe_token_sealed: { type: DataTypes.STRING(200), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    );
    // One membership per contact and list: a second form post updates it, never duplicates it.
    await qi.addIndex('cuadra_list_members', ['list_id', 'contact_id'], { unique: true, name: 'cuadra_list_members_list_contact' });
    await qi.addIndex('cuadra_list_members', ['list_id', 'status'], { name: 'cuadra_list_members_list_status' });
    await qi.addIndex('cuadra_list_members', ['contact_id'], { name: 'cuadra_list_members_contact' });
    await qi.addIndex('cuadra_list_members', ['confirm_token_hash'], { unique: true, name: 'cuadra_list_members_confirm_token' });
    await qi.addIndex('cuadra_list_members', ['unsubscribe_token_hash'], { unique: true, name: 'cuadra_list_members_unsubscribe_token' });
  },
  async down({ context: qi }) {
    await qi.dropTable('cuadra_list_members');
  },
};
