import { randomBytes } from 'crypto';
import { AccountsRepository } from '../accounts.repository';
import { CredentialVault } from './credential-vault';
import { PlatformCredentials } from './platform-credentials';
import { CredentialsUnreadableError } from './vault-errors';

describe('CredentialVault', () => {
  const accountId = '2f1b7a52-0d7c-4d61-9d5e-1f0a3f4b8c11';
  const credentials: PlatformCredentials = { accessToken: 'EAAB-secret-token', refreshToken: 'refresh-me', clientId: 'client-1', clientSecret: 'shh' };
  const vault = new CredentialVault({ vaultKey: randomBytes(32) }, { find: async () => null } as unknown as AccountsRepository);

  it('round-trips credentials and never stores them in the clear', () => {
    const sealed = vault.seal(accountId, credentials);
    expect(vault.unseal(accountId, sealed)).toEqual(credentials);
    const stored = JSON.stringify(sealed);
    for (const secret of ['EAAB-secret-token', 'refresh-me', 'shh']) {
      expect(stored).not.toContain(secret);
      expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain(secret);
    }
  });

  it('uses a fresh IV on every write', () => {
    const first = vault.seal(accountId, credentials);
    const second = vault.seal(accountId, credentials);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('refuses a tampered ciphertext, IV or tag instead of decrypting to garbage', () => {
    const sealed = vault.seal(accountId, credentials);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[3] ^= 0x01;
    expect(() => vault.unseal(accountId, { ...sealed, ciphertext: bytes.toString('base64') })).toThrow(CredentialsUnreadableError);
    const tag = Buffer.from(sealed.authTag, 'base64');
    tag[0] ^= 0x80;
    expect(() => vault.unseal(accountId, { ...sealed, authTag: tag.toString('base64') })).toThrow(CredentialsUnreadableError);
    expect(() => vault.unseal(accountId, { ...sealed, iv: randomBytes(12).toString('base64') })).toThrow(CredentialsUnreadableError);
    expect(() => vault.unseal(accountId, { ...sealed, authTag: '' })).toThrow(CredentialsUnreadableError);
  });

  it('refuses a ciphertext copied onto another account, or read with another key', () => {
    const sealed = vault.seal(accountId, credentials);
    expect(() => vault.unseal('a0000000-0000-4000-8000-000000000000', sealed)).toThrow(CredentialsUnreadableError);
    const otherKey = new CredentialVault({ vaultKey: randomBytes(32) }, { find: async () => null } as unknown as AccountsRepository);
    expect(() => otherKey.unseal(accountId, sealed)).toThrow(CredentialsUnreadableError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new CredentialVault({ vaultKey: randomBytes(16) }, { find: async () => null } as unknown as AccountsRepository)).toThrow(/32 bytes/);
  });
});
