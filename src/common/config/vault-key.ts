import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { randomBytes } from 'crypto';
import { dirname, join } from 'path';
import { ConfigError } from './config.error';

export const VAULT_KEY_FILE = 'vault.key';

export function decodeVaultKey(variable: string, base64: string): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new ConfigError(variable, 'must be base64');
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new ConfigError(variable, `must decode to 32 bytes, got ${key.length}`);
  return key;
}

/**
 * Without GATEHOUSE_VAULT_KEY the key lives in the data directory, created once with mode 0600,
 * so a restart can still decrypt what was stored before.
 */
export function loadOrCreateVaultKey(dataDir: string): { key: Buffer; generated: boolean } {
  const file = join(dataDir, VAULT_KEY_FILE);
  if (existsSync(file)) {
    return { key: decodeVaultKey(file, readFileSync(file, 'utf8')), generated: false };
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, generated: true };
}
