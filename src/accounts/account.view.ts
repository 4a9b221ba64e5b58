import { accountPublishable } from './account-lifecycle';
import { Account } from './account.entity';
import { DpiaStatus } from '../dpia/dpia-lifecycle';
import type { AccountResponse } from './dto/account-response.dto';

/** What the API shows of an account (whether credentials exist, never the credentials); declared once, in the OpenAPI response class. */
export type AccountView = AccountResponse;

export function toAccountView(account: Account, platformAdmins: string[], dpia: { status: DpiaStatus; reviewDueAt: string | null; inForce: unknown }, allowedActions: string[]): AccountView {
  return {
    id: account.id,
    platform: account.platform,
    name: account.name,
    externalId: account.externalId,
    mode: account.mode,
    status: account.status,
    ownerId: account.ownerId,
    requiredApprovals: account.requiredApprovals,
    hasCredentials: account.hasCredentials,
    credentialsExpireAt: account.credentialsExpireAt,
    connectedById: account.connectedById,
    credentialRotationRequired: account.credentialRotationRequired,
    credentialsInvalid: account.credentialsInvalid,
    platformAdmins,
    dpia: { status: dpia.status, reviewDueAt: dpia.reviewDueAt },
    publishable: accountPublishable(account, dpia.inForce !== null),
    statusReason: account.statusReason,
    closedAt: account.closedAt,
    createdAt: account.createdAt,
    allowedActions,
  };
}
