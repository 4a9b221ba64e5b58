import { IsIn } from 'class-validator';
import { EMAIL_PREFERENCES, EmailPreference } from '../notification-preference.entity';

export class PreferencesDto {
  /** `immediate`, `daily` (one digest at GATEHOUSE_DIGEST_HOUR, UK time) or `off`. */
  @IsIn(EMAIL_PREFERENCES) email: EmailPreference;
}

export class PreferencesResponse {
  email: EmailPreference;
}

export class TaskResponse {
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  since: string;
  path: string;
}

export class TaskList {
  items: TaskResponse[];
}
