import { Connection, ConnectionStatus } from './connection.entity';
import { CONNECTION_LIFECYCLE } from './connection-lifecycle';
import type { ConnectionResponse } from './dto/connection.dto';

/** Declared once, in the OpenAPI response class. */
export type ConnectionView = ConnectionResponse;

/** Whether the connection is past its deadline, even before the sweep has marked it. */
export const isOverdue = (connection: Connection, nowIso: string): boolean =>
  CONNECTION_LIFECYCLE.can(connection.status, 'expire') && connection.expiresAt <= nowIso;

/** Once authorised, what the platform granted stays visible (a used connection shows what it was used for). */
const SHOWS_CANDIDATES: ConnectionStatus[] = [...CONNECTION_LIFECYCLE.statesAllowing('use'), ...CONNECTION_LIFECYCLE.states.filter((state) => CONNECTION_LIFECYCLE.transitions.some((t) => t.action === 'use' && t.to === state))];

/** No token, no state, no verifier: only what the admin needs to choose. */
export function toConnectionView(connection: Connection, nowIso: string, allowedActions: string[]): ConnectionView {
  const status: ConnectionStatus = isOverdue(connection, nowIso) ? 'expired' : connection.status;
  return {
    id: connection.id,
    platform: connection.platform,
    status,
    startedById: connection.startedById,
    startedAt: connection.startedAt,
    expiresAt: connection.expiresAt,
    accountId: connection.accountId,
    candidates: SHOWS_CANDIDATES.includes(status) ? connection.candidates : [],
    failure: connection.failureCode === null ? null : { code: connection.failureCode, message: connection.failureMessage ?? '' },
    allowedActions,
  };
}
