import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'crypto';
import { WritePath } from '../../common/write-path/write-path';
import { Clock } from '../../common/clock';
import { newId } from '../../common/ids';
import { addMs, MINUTE } from '../../common/time';
import { Transactions } from '../../common/database/transactions';
import { StaffRepository } from '../../staff/staff.repository';
import { SessionsService } from '../sessions.service';
import { OidcProviderClient, VerifiedIdentity } from './oidc-provider-client';
import { OidcSignIn } from './oidc-sign-in.entity';
import { OidcSignInsRepository } from './oidc-sign-ins.repository';
import { emailKeyOf } from '../../staff/email-key';

/** What the sign-in page tells the person; the audit entry keeps the precise reason. */
export type SsoRefusal = 'expired' | 'provider' | 'invalid' | 'unknown' | 'left' | 'unavailable';

export type SsoOutcome = { kind: 'signed_in'; token: string; expiresAt: string } | { kind: 'refused'; refusal: SsoRefusal };

/** How long a started sign-in may take at the provider. */
const SIGN_IN_TTL_MS = 10 * MINUTE;

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * openid-client's error and the causes under it, by code and message only: the messages name the
 * failed check ("aud", "exp", nonce, signature...) and never carry the token; the causes' other
 * fields (claims, the response) are left out on purpose.
 */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${code}: ${current.message}` : current.message);
  }
  return parts.length > 0 ? parts.join(' / ') : String(error);
}

class Refused extends Error {
  constructor(
    readonly refusal: SsoRefusal,
    readonly reason: string,
    readonly staffId: string | null = null,
  ) {
    super(reason);
  }
}

/**
 * Single sign-on: starts the code flow with a single-use state bound to the browser, and on the
 * way back finds the staff member by the verified email claim. No sign-up: unknown people, leavers
 * and anything unverifiable are refused, and both outcomes are audited (never with a token).
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    private readonly provider: OidcProviderClient,
    private readonly transactions: Transactions,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly attempts: OidcSignInsRepository,
    private readonly staffRows: StaffRepository,
  ) {}

  /** The provider's authorization URL, and the token the browser keeps in a cookie until the callback. */
  async start(): Promise<{ url: string; browserToken: string }> {
    const request = await this.provider.authorizationRequest();
    const browserToken = randomBytes(32).toString('base64url');
    const nowIso = this.clock.nowIso();
    await this.transactions.run(async () => {
      // Old attempts are cleared as new ones start, so the table stays small without a job.
      await this.attempts.deleteExpiredBefore(nowIso);
      await this.attempts.insert({
        id: newId(),
        stateHash: sha256(request.state),
        browserHash: sha256(browserToken),
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        createdAt: nowIso,
        expiresAt: addMs(nowIso, SIGN_IN_TTL_MS),
        usedAt: null,
      });
    });
    return { url: request.url, browserToken };
  }

  async finish(callbackUrl: URL, browserToken: string | undefined): Promise<SsoOutcome> {
    try {
      const attempt = await this.consume(callbackUrl.searchParams.get('state'), browserToken);
      const providerError = callbackUrl.searchParams.get('error');
      if (providerError) throw new Refused('provider', `provider_error: ${providerError.slice(0, 100)}`);
      const identity = await this.verify(callbackUrl, attempt);
      return await this.signIn(identity);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      await this.transactions.run((manager) =>
        this.writePath.record(manager, {
          actorId: null,
          action: 'session.login_failed',
          subjectType: 'staff',
          subjectId: error.staffId,
          details: { method: 'oidc', reason: error.reason },
        }),
      );
      return { kind: 'refused', refusal: error.refusal };
    }
  }

  /** Marks the attempt used (committed whatever follows): a state works once, in the browser that started it. */
  private async consume(state: string | null, browserToken: string | undefined): Promise<OidcSignIn> {
    if (!state) throw new Refused('expired', 'state_missing');
    return this.transactions.run(async () => {
      const attempt = await this.attempts.findByStateHash(sha256(state));
      const nowIso = this.clock.nowIso();
      if (!attempt) throw new Refused('expired', 'state_unknown');
      if (attempt.usedAt !== null) throw new Refused('expired', 'state_replayed');
      if (!(await this.attempts.claim(attempt.id, nowIso))) throw new Refused('expired', 'state_replayed');
      if (attempt.expiresAt <= nowIso) throw new Refused('expired', 'state_expired');
      if (!browserToken || sha256(browserToken) !== attempt.browserHash) throw new Refused('expired', 'browser_mismatch');
      return attempt;
    });
  }

  private async verify(callbackUrl: URL, attempt: OidcSignIn): Promise<VerifiedIdentity> {
    try {
      return await this.provider.verify(callbackUrl, { state: callbackUrl.searchParams.get('state')!, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier });
    } catch (error) {
      const message = describe(error);
      this.logger.warn(`ID token refused: ${message}`);
      throw new Refused('invalid', `token_invalid: ${message}`.slice(0, 400));
    }
  }

  private async signIn(identity: VerifiedIdentity): Promise<SsoOutcome> {
    const claimed = identity.email ?? identity.preferredUsername;
    if (!claimed) throw new Refused('unknown', 'no_email_claim');
    const staff = await this.transactions.run(() => this.staffRows.findByEmailKey(emailKeyOf(claimed)));
    if (!staff) throw new Refused('unknown', 'unknown_person');
    if (identity.email !== null && identity.emailVerified === false) throw new Refused('unknown', 'email_unverified', staff.id);
    if (!staff.hasAccessAt(this.clock.nowIso())) throw new Refused('left', 'not_active', staff.id);
    return this.transactions.run(async (manager) => {
      // Checked again inside the transaction: an offboarding may have committed meanwhile.
      const current = await this.staffRows.findByIdOrFail(staff.id);
      if (!current.hasAccessAt(this.clock.nowIso())) throw new Refused('left', 'not_active', staff.id);
      const { token, session } = await this.sessions.openSession(manager, staff.id);
      await this.writePath.record(manager, { actorId: staff.id, action: 'auth.login', subjectType: 'session', subjectId: session.id, details: { method: 'oidc' } });
      return { kind: 'signed_in' as const, token, expiresAt: session.expiresAt };
    });
  }
}
