import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { NotFoundError } from '../../common/errors/generic-errors';
import { CredentialsMissingError } from '../accounts-errors';
import { Account } from '../account.entity';
import { AccountsRepository } from '../accounts.repository';
import { PlatformCredentials, SealedCredentials } from './platform-credentials';
import { CredentialsUnreadableError } from './vault-errors';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The only code that sees platform credentials in the clear. AES-256-GCM under the configured key,
 * a fresh random IV on every write, and the account id as associated data so a ciphertext copied
 * onto another account row does not open.
 */
@Injectable()
export class CredentialVault {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'vaultKey'>,
    private readonly accounts: AccountsRepository,
  ) {
    if (config.vaultKey.length !== 32) throw new Error('The vault key must be 32 bytes');
    this.key = config.vaultKey;
  }

  seal(accountId: string, credentials: PlatformCredentials): SealedCredentials {
    return this.sealJson(accountId, credentials);
  }

  /** Refuses (never returns garbage) when the ciphertext, IV, tag or account id do not match. */
  unseal(accountId: string, sealed: SealedCredentials): PlatformCredentials {
    return this.unsealJson<PlatformCredentials>(accountId, sealed);
  }

  /** Any secret value, bound to the row it belongs to (`boundTo` is the associated data): OAuth connections hold theirs this way too. */
  sealJson(boundTo: string, value: unknown): SealedCredentials {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64') };
  }

  unsealJson<T>(boundTo: string, sealed: SealedCredentials): T {
    try {
      const iv = Buffer.from(sealed.iv, 'base64');
      const tag = Buffer.from(sealed.authTag, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad envelope');
      const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
      return JSON.parse(plaintext.toString('utf8')) as T;
    } catch {
      throw new CredentialsUnreadableError(boundTo);
    }
  }

  /** Seals fresh credentials onto the account row (the caller saves it in its transaction). */
  sealInto(account: Account, credentials: PlatformCredentials): void {
    const sealed = this.seal(account.id, credentials);
    account.credentialsCiphertext = sealed.ciphertext;
    account.credentialsIv = sealed.iv;
    account.credentialsAuthTag = sealed.authTag;
  }

  /** For the publishing worker: the account's credentials in the clear. */
  async open(accountId: string, manager?: EntityManager): Promise<PlatformCredentials> {
    const account = await this.accounts.find(accountId, manager);
    if (!account) throw new NotFoundError('account');
    if (account.credentialsCiphertext === null || account.credentialsIv === null || account.credentialsAuthTag === null) {
      throw new CredentialsMissingError();
    }
    return this.unseal(accountId, { ciphertext: account.credentialsCiphertext, iv: account.credentialsIv, authTag: account.credentialsAuthTag });
  }
}
