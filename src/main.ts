import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app-factory';
import { AppConfig } from './common/config/app-config';
import { ConfigError } from './common/config/config.error';
import { loadConfig } from './common/config/load-config';
import { PolicyFileError } from './content-checks/policy-word-lists';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let app;
  try {
    app = await createApp(config);
  } catch (error) {
    // A broken policy file under config/ is the operator's to fix: say which, in one line.
    if (error instanceof PolicyFileError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new Logger('Gatehouse');
  if (config.vaultKeyFromDataDir) {
    logger.warn(`GATEHOUSE_VAULT_KEY is not set; using the key in ${config.dataDir}/vault.key. Back it up: without it stored credentials cannot be read.`);
  }
  if (config.auditSigningKeyFromDataDir) {
    logger.warn(`GATEHOUSE_AUDIT_SIGNING_KEY is not set; using the key in ${config.dataDir}/audit-signing.key. Keep it outside database backups: whoever holds it can sign audit entries.`);
  }
  if (config.role === 'worker') {
    await app.init();
    logger.log('Worker started');
    return;
  }
  await app.listen(config.port);
  logger.log(`Listening on port ${config.port} (role ${config.role}, database ${config.database.type})`);
}

void main();
