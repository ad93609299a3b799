import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { mediumText } from '../column-types';
import { dialectOf } from '../database';

/** One row (id 1): the issuing company. */
export interface CompanySettingsRecord extends Model<
  InferAttributes<CompanySettingsRecord>,
  InferCreationAttributes<CompanySettingsRecord>
> {
  id: number;
  legal_name: string;
  trade_name: string;
  tax_id: string;
  address_line: string;
  postal_code: string;
  city: string;
  province: string;
  country_code: string;
  email: string;
  phone: string;
  default_currency: string;
  timezone: string;
  logo: string | null;
  iban: string;
  payment_terms: string;
  updated_by: number | null;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

// Defined per Sequelize instance (not a shared class) so two instances in one process never share a connection.
export function initCompanySettingsModel(sequelize: Sequelize): ModelStatic<CompanySettingsRecord> {
  return sequelize.define<CompanySettingsRecord>(
    'CompanySettings',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      legal_name: { type: DataTypes.STRING(200), allowNull: false },
      trade_name: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      tax_id: { type: DataTypes.STRING(20), allowNull: false },
      address_line: { type: DataTypes.STRING(250), allowNull: false },
      postal_code: { type: DataTypes.STRING(20), allowNull: false },
      city: { type: DataTypes.STRING(100), allowNull: false },
      province: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
      country_code: { type: DataTypes.STRING(2), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false },
      phone: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
      default_currency: { type: DataTypes.STRING(3), allowNull: false },
      timezone: { type: DataTypes.STRING(64), allowNull: false },
      logo: { type: mediumText(dialectOf(sequelize)), allowNull: true },
      iban: { type: DataTypes.STRING(34), allowNull: false, defaultValue: '' },
      payment_terms: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      updated_by: { type: DataTypes.BIGINT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'cuadra_settings', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}
