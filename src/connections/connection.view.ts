import type { Platform } from '../accounts/account.entity';
import { Candidate, Connection, ConnectionStatus } from './connection.entity';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';

export interface ConnectionView {
  id: string;
  platform: Platform;
  status: ConnectionStatus;
  startedById: string;
  startedAt: string;
  expiresAt: string;
  accountId: string | null;
  candidates: Candidate[];
  failure: { code: string; message: string } | null;
}

/** Whether the connection is past its deadline, even before the sweep has marked it. */
export const isOverdue = (connection: Connection, nowIso: string): boolean =>
  CONNECTION_LIFECYCLE.can(connection.status, 'expire') && connection.expiresAt <= nowIso;

/** No token, no state, no verifier: only what the admin needs to choose. */
export function toConnectionView(connection: Connection, nowIso: string): ConnectionView {
  const status: ConnectionStatus = isOverdue(connection, nowIso) ? 'expired' : connection.status;
  return {
    id: connection.id,
    platform: connection.platform,
    status,
    startedById: connection.startedById,
    startedAt: connection.startedAt,
    expiresAt: connection.expiresAt,
    accountId: connection.accountId,
    candidates: status === 'authorised' || status === 'used' ? connection.candidates : [],
    failure: connection.failureCode === null ? null : { code: connection.failureCode, message: connection.failureMessage ?? '' },
  };
}
