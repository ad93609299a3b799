import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export type TemplateStatus = 'active' | 'paused' | 'ended';

/** A recurring invoice: what to bill, to whom, and on which schedule. */
export interface RecurringTemplateRecord extends Model<
  InferAttributes<RecurringTemplateRecord>,
  InferCreationAttributes<RecurringTemplateRecord>
> {
  id: CreationOptional<number>;
  customer_id: number;
  /** F1 (full) or F2 (simplified) invoices. */
  kind: string;
  series_code: string | null;
  currency: string;
  language: string;
  prices_include_tax: boolean;
  irpf_percent: string;
  payment_method: string;
  notes: string;
  /** JSON array of template lines. */
  lines: string;
  discount_percent: string;
  discount_cycles: number | null;
  interval_unit: string;
  interval_count: number;
  anchor_date: string;
  anchor_time: string;
  timezone: string;
  end_date: string | null;
  cycles: number | null;
  auto_send: boolean;
  status: TemplateStatus;
  /** The next period of the schedule to issue (periods skipped while paused are never issued). */
  next_period_index: CreationOptional<number>;
  /** Invoices issued so far: what cycles and K-cycle discounts count. */
  issued_count: CreationOptional<number>;
  /** When the scheduler must look at the template next, or null when it never will. */
  next_issue_at: Date | null;
  /** This template's MRR now, in minor units; kept equal to the sum of its MRR events. */
  mrr: CreationOptional<number>;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export interface RecurringPeriodRecord extends Model<
  InferAttributes<RecurringPeriodRecord>,
  InferCreationAttributes<RecurringPeriodRecord>
> {
  id: CreationOptional<number>;
  template_id: number;
  period_index: number;
  period_start: string;
  period_end: string;
  invoice_id: number;
  created_at: CreationOptional<Date>;
}

export interface MrrEventRecord extends Model<InferAttributes<MrrEventRecord>, InferCreationAttributes<MrrEventRecord>> {
  id: CreationOptional<number>;
  template_id: number;
  customer_id: number;
  currency: string;
  delta: number;
  mrr_after: number;
  reason: string;
  /** Local date (company time zone) the change took effect. */
  occurred_on: string;
  created_at: CreationOptional<Date>;
}

export function initRecurringTemplateModel(sequelize: Sequelize): ModelStatic<RecurringTemplateRecord> {
  return sequelize.define<RecurringTemplateRecord>(
    'RecurringTemplate',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      customer_id: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(2), allowNull: false, defaultValue: 'F1' },
      series_code: { type: DataTypes.STRING(20), allowNull: true },
      currency: { type: DataTypes.STRING(3), allowNull: false },
      language: { type: DataTypes.STRING(2), allowNull: false },
      prices_include_tax: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      irpf_percent: { type: DataTypes.STRING(10), allowNull: false, defaultValue: '0' },
      payment_method: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
      notes: { type: DataTypes.TEXT, allowNull: false },
      lines: { type: DataTypes.TEXT, allowNull: false },
      discount_percent: { type: DataTypes.STRING(10), allowNull: false, defaultValue: '0' },
      discount_cycles: { type: DataTypes.INTEGER, allowNull: true },
      interval_unit: { type: DataTypes.STRING(5), allowNull: false },
      interval_count: { type: DataTypes.INTEGER, allowNull: false },
      anchor_date: { type: DataTypes.STRING(10), allowNull: false },
      anchor_time: { type: DataTypes.STRING(5), allowNull: false },
      timezone: { type: DataTypes.STRING(64), allowNull: false },
      end_date: { type: DataTypes.STRING(10), allowNull: true },
      cycles: { type: DataTypes.INTEGER, allowNull: true },
      auto_send: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      status: { type: DataTypes.STRING(8), allowNull: false },
      next_period_index: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      issued_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_issue_at: { type: DataTypes.DATE(3), allowNull: true },
      mrr: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_recurring_templates', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}

export function initRecurringPeriodModel(sequelize: Sequelize): ModelStatic<RecurringPeriodRecord> {
  return sequelize.define<RecurringPeriodRecord>(
    'RecurringPeriod',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      template_id: { type: DataTypes.INTEGER, allowNull: false },
      period_index: { type: DataTypes.INTEGER, allowNull: false },
      period_start: { type: DataTypes.STRING(10), allowNull: false },
      period_end: { type: DataTypes.STRING(10), allowNull: false },
      invoice_id: { type: DataTypes.INTEGER, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_recurring_periods', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
}

export function initMrrEventModel(sequelize: Sequelize): ModelStatic<MrrEventRecord> {
  return sequelize.define<MrrEventRecord>(
    'MrrEvent',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      template_id: { type: DataTypes.INTEGER, allowNull: false },
      customer_id: { type: DataTypes.INTEGER, allowNull: false },
      currency: { type: DataTypes.STRING(3), allowNull: false },
      delta: { type: DataTypes.BIGINT, allowNull: false },
      mrr_after: { type: DataTypes.BIGINT, allowNull: false },
      reason: { type: DataTypes.STRING(20), allowNull: false },
      occurred_on: { type: DataTypes.STRING(10), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { tableName: 'cuadra_mrr_events', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
}
