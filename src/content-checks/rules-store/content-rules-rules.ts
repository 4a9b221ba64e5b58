import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '../../auth/caller';
import { Permission, rolesGrant } from '../../auth/permissions';
import { ResourceRules } from '../../common/access/resource-rules';
import { Transactions } from '../../common/database/transactions';
import { ContentRuleSettings } from './content-rule-settings.entity';

export const CONTENT_RULES_ACTIONS = ['edit'] as const;
export type ContentRulesAction = (typeof CONTENT_RULES_ACTIONS)[number];

/**
 * What may be done to the content rules (API.md section 18): one resource, the settings row; `edit`
 * covers each list (terms, domains, protected names). Those who may read the rules see them.
 */
@Injectable()
export class ContentRulesRules implements ResourceRules<ContentRuleSettings, ContentRulesAction> {
  readonly type = 'content rules';
  readonly actions = { edit: Permission.ContentRulesEdit } as const;

  constructor(private readonly transactions: Transactions) {}

  load(manager: EntityManager, id: string, options: { forUpdate: boolean }): Promise<ContentRuleSettings | null> {
    return this.transactions.findById(manager, ContentRuleSettings, id, options);
  }

  async facts(): Promise<undefined> {
    return undefined;
  }

  visible(caller: Caller): boolean {
    return rolesGrant(caller.roles, Permission.ContentRulesRead);
  }

  /** Nothing beyond the role: the rules may be changed whatever their state. */
  refusal(): null {
    return null;
  }
}
