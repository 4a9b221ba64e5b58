import { accountPublishable, AccountStatus } from './account-lifecycle';
import { Account, AccountMode, Platform } from './account.entity';
import { DpiaStatus } from '../dpia/dpia-lifecycle';

/** What the API shows of an account: whether credentials exist, never the credentials. */
export interface AccountView {
  id: string;
  platform: Platform;
  name: string;
  externalId: string;
  mode: AccountMode;
  status: AccountStatus;
  ownerId: string;
  requiredApprovals: 1 | 2;
  hasCredentials: boolean;
  credentialsExpireAt: string | null;
  connectedById: string | null;
  credentialRotationRequired: boolean;
  credentialsInvalid: boolean;
  platformAdmins: string[];
  dpia: { status: DpiaStatus; reviewDueAt: string | null };
  publishable: boolean;
  statusReason: string | null;
  closedAt: string | null;
  createdAt: string;
  /** What the caller may do to it now (API.md section 19). */
  allowedActions: string[];
}

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
