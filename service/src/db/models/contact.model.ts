import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

/** A person or business: customer, lead or subscriber (one model for all three). */
export interface ContactRecord extends Model<InferAttributes<ContactRecord>, InferCreationAttributes<ContactRecord>> {
  id: CreationOptional<number>;
  legal_name: string;
  tax_id: string | null;
  address_line: string;
  postal_code: string;
  city: string;
  province: string;
  country_code: string;
  email: string;
  /** JSON array of strings. */
  additional_emails: string;
  phone: string;
  payment_terms_days: number;
  notes: string;
  /** How the contact first reached us: `billing` (entered as a customer), `form` or `email`. */
  source: CreationOptional<string>;
  /** Where it came from (the form's page, the mailbox); '' when entered by hand. */
  created_from: CreationOptional<string>;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export function initContactModel(sequelize: Sequelize): ModelStatic<ContactRecord> {
  return sequelize.define<ContactRecord>(
    'Contact',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      legal_name: { type: DataTypes.STRING(200), allowNull: false },
      tax_id: { type: DataTypes.STRING(20), allowNull: true, unique: 'cuadra_contacts_tax_id' },
      address_line: { type: DataTypes.STRING(250), allowNull: false, defaultValue: '' },
      postal_code: { type: DataTypes.STRING(20), allowNull: false, defaultValue: '' },
      city: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
      province: { type: DataTypes.STRING(100), allowNull: false, defaultValue: '' },
      country_code: { type: DataTypes.STRING(2), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
      additional_emails: { type: DataTypes.TEXT, allowNull: false },
      phone: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
      payment_terms_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      notes: { type: DataTypes.TEXT, allowNull: false },
      source: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'billing' },
      created_from: { type: DataTypes.STRING(250), allowNull: false, defaultValue: '' },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_contacts', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}
