import { createPrivateKey, generateKeyPairSync, KeyObject } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { ConfigError } from './config.error';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';

/** An Ed25519 private key in PKCS#8 PEM; the error names where it came from, never the key. */
export function decodeAuditSigningKey(source: string, pem: string): KeyObject {
  // Environment files often carry a PEM on one line with literal \n.
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new ConfigError(source, 'must be an Ed25519 private key in PKCS#8 PEM');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(source, `must be an Ed25519 private key, got ${key.asymmetricKeyType}`);
  return key;
}

/**
 * Without GATEHOUSE_AUDIT_SIGNING_KEY the key lives in the data directory, created once with mode
 * 0600: outside the database, so whoever can write the database still cannot sign.
 */
export function loadOrCreateAuditSigningKey(dataDir: string): { key: KeyObject; generated: boolean } {
  const file = join(dataDir, AUDIT_SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
      return { key: privateKey, generated: true };
    } catch (error) {
      // Another instance starting at the same moment wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { key: decodeAuditSigningKey(file, readFileSync(file, 'utf8')), generated: false };
}
