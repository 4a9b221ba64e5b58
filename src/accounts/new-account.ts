import { ACCOUNT_LIFECYCLE } from './account-lifecycle';
import { Account } from './account.entity';

/** What the creator says of a new account; everything else starts empty. */
export type NewAccountFields = Pick<Account, 'id' | 'platform' | 'name' | 'externalId' | 'mode' | 'ownerId' | 'requiredApprovals'>;

/** A new account's row, in the lifecycle's first state: no credentials yet, never suspended or closed. */
export function newAccountRow(fields: NewAccountFields, nowIso: string): Omit<Account, 'hasCredentials'> {
  return {
    ...fields,
    status: ACCOUNT_LIFECYCLE.initial,
    credentialsCiphertext: null,
    credentialsIv: null,
    credentialsAuthTag: null,
    credentialsExpireAt: null,
    connectedById: null,
    credentialRotationRequired: false,
    credentialsInvalid: false,
    statusReason: null,
    closedAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}
