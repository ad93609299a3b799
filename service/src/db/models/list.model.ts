import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

// Times come from the service's clock (tests move it), so no automatic timestamps here.
const noTimestamps = { underscored: true, timestamps: false } as const;

/** A marketing list contacts join with their own consent. */
export interface MarketingListRecord extends Model<InferAttributes<MarketingListRecord>, InferCreationAttributes<MarketingListRecord>> {
  id: CreationOptional<number>;
  name: string;
  description: string;
  /** New members stay `pending` until they follow the confirmation link. */
  double_opt_in: boolean;
  created_at: Date;
  updated_at: Date;
}

/** One contact on one list, with the consent that put it there (LSSI-CE art. 21–22, GDPR art. 7). */
export interface ListMemberRecord extends Model<InferAttributes<ListMemberRecord>, InferCreationAttributes<ListMemberRecord>> {
  id: CreationOptional<number>;
  list_id: number;
  contact_id: number;
  /** pending | subscribed | unsubscribed */
  status: string;
  consent_text: string;
  consent_version: string;
  consent_ip: string;
  consent_user_agent: string;
  /** `form:<post id>`, `admin:<login>` or `import:<login>`. */
  consent_source: string;
  consented_at: Date;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
  /** How the contact left: `link`, `one-click`, `admin:<login>`. */
  unsubscribe_source: string | null;
  /** SHA-256 of the confirmation token of the last opt-in e-mail; null once there is nothing to confirm. */
  confirm_token_hash: string | null;
  /** SHA-256 of the unsubscribe token: the lookup key of every unsubscribe link. */
  unsubscribe_token_hash: string;
  /** The same token encrypted with a key derived from the shared secret, so every later e-mail carries a link that still works. */
  unsubscribe_token_sealed: string;
  created_at: Date;
  updated_at: Date;
}

export function initMarketingListModel(sequelize: Sequelize): ModelStatic<MarketingListRecord> {
  return sequelize.define<MarketingListRecord>(
    'MarketingList',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      double_opt_in: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_lists', ...noTimestamps },
  );
}

export function initListMemberModel(sequelize: Sequelize): ModelStatic<ListMemberRecord> {
  return sequelize.define<ListMemberRecord>(
    'ListMember',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      list_id: { type: DataTypes.INTEGER, allowNull: false, unique: 'cuadra_list_members_list_contact' },
      contact_id: { type: DataTypes.INTEGER, allowNull: false, unique: 'cuadra_list_members_list_contact' },
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
    { tableName: 'cuadra_list_members', ...noTimestamps },
  );
}
