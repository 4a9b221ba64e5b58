import { randomBytes } from 'crypto';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/common/config/app-config';
import { loadConfig } from '../../src/common/config/load-config';
import { PlatformHttp } from '../../src/publishing/platforms/platform-http';

/** A timeout short enough for hang tests to see `unknown` quickly (set per client, see `quick`). */
export const TEST_TIMEOUT_MS = 300;
/** Other tests keep a roomier timeout: the machine is shared and a cold first connection can be slow. */
const DEFAULT_TEST_TIMEOUT_MS = 5_000;
export const quick = { GATEHOUSE_PLATFORM_TIMEOUT_MS: String(TEST_TIMEOUT_MS) };

/** Real configuration, read by loadConfig, with the platform URLs pointed at emulators. */
export function platformConfig(env: Record<string, string>): AppConfig {
  return loadConfig({
    GATEHOUSE_DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-platforms-')),
    GATEHOUSE_VAULT_KEY: randomBytes(32).toString('base64'),
    GATEHOUSE_LOG_LEVEL: 'silent',
    GATEHOUSE_PLATFORM_TIMEOUT_MS: String(DEFAULT_TEST_TIMEOUT_MS),
    ...env,
  });
}

export function kit(config: AppConfig) {
  return { config, http: new PlatformHttp(config), clock: new Clock() };
}

/** A file on disk to publish, as the media store would hand it over. */
export function mediaFile(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-media-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A small but real JPEG header followed by filler: the emulators check bytes arrive, not pixels. */
export const jpegBytes = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 6), Buffer.from([0xff, 0xd9])]);

/** An address nothing listens on (a port just released): the connection is refused before anything is sent. */
export async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export const window = () => ({
  since: new Date(Date.now() - 60 * 60_000).toISOString(),
  until: new Date(Date.now() + 60 * 60_000).toISOString(),
});
