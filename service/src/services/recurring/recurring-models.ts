import type { ModelStatic } from 'sequelize';
import type { MrrEventRecord, RecurringPeriodRecord, RecurringTemplateRecord } from '../../db/models/recurring.model';

export interface RecurringModels {
  RecurringTemplate: ModelStatic<RecurringTemplateRecord>;
  RecurringPeriod: ModelStatic<RecurringPeriodRecord>;
  MrrEvent: ModelStatic<MrrEventRecord>;
}
