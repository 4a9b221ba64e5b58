import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Slots } from './slots';

/**
 * argon2id with 1 degree of parallelism (one libuv thread per hash); memory and iterations come from the
 * configuration: OWASP Password Storage Cheat Sheet's first recommended configuration, 19 MiB and 2.
 */
const argon2Options = ({ memoryCost, timeCost }: AppConfig['passwordHashing']) => ({ type: argon2.argon2id, memoryCost, timeCost, parallelism: 1 }) as const;

/**
 * argon2id hashing, a few at a time: each hash holds one of libuv's four threads (which node-sqlite3's
 * queries and file access share) and a core, so an unbounded number would starve every other request.
 */
@Injectable()
export class Passwords implements OnModuleInit {
  private readonly slots: Slots;
  private readonly options: ReturnType<typeof argon2Options>;
  private dummyHash: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.slots = new Slots(config.login.argon2Concurrency);
    this.options = argon2Options(config.passwordHashing);
  }

  /** The dummy hash is ready before the first sign-in, so an unknown email costs exactly one verify. */
  onModuleInit(): void {
    this.dummy().catch(() => undefined);
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2.hash(password, this.options));
  }

  /** Checks a password; with no stored hash (unknown email) it verifies against a dummy, as slowly. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const stored = hash ?? (await this.dummy());
    const matches = await this.slots.run(() => argon2.verify(stored, password).catch(() => false));
    return hash !== null && matches;
  }

  /** Whether a hash was made with other parameters than today's (it is replaced at the next sign-in). */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('timing-equaliser-not-a-password');
    return this.dummyHash;
  }
}
