import { CONNECTION_ACTIONS } from '../connection-rules';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Platform, PLATFORMS } from '../../accounts/account.entity';
import { CANDIDATE_KINDS, CandidateKind, CONNECTION_STATUSES, ConnectionStatus } from '../connection.entity';
import { ApiProperty } from '@nestjs/swagger';

export class StartConnectionDto {
  @IsIn(PLATFORMS) platform: Platform;
  /** Reconnect this account instead of creating a new one. */
  @IsOptional() @IsUUID() accountId?: string;
}

export class UseConnectionDto {
  @IsUUID() connectionId: string;
}

export class CandidateResponse {
  externalId: string;
  name: string;
  @ApiProperty({ enum: CANDIDATE_KINDS }) kind: CandidateKind;
}

export class ConnectionFailureResponse {
  code: string;
  message: string;
}

export class ConnectionResponse {
  id: string;
  @ApiProperty({ enum: PLATFORMS }) platform: Platform;
  @ApiProperty({ enum: CONNECTION_STATUSES }) status: ConnectionStatus;
  startedById: string;
  startedAt: string;
  /** 15 minutes after start while pending, 30 minutes after authorisation. */
  expiresAt: string;
  accountId: string | null;
  candidates: CandidateResponse[];
  failure: ConnectionFailureResponse | null;
  /** What the caller may do with it now (API.md section 19). */
  @ApiProperty({ enum: CONNECTION_ACTIONS, isArray: true }) allowedActions: string[];
}

export class StartedConnectionResponse extends ConnectionResponse {
  /** The platform's consent page: send the admin's browser there. */
  authorizationUrl: string;
}

export class CredentialsCheckResponse {
  valid: boolean;
  expiresAt: string | null;
  scopes: string[];
  checkedAt: string;
}
