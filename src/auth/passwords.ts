import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id hashing; a dummy verify keeps unknown emails as slow as known ones. */
@Injectable()
export class Passwords {
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (hash === null) {
      this.dummyHash ??= this.hash('timing-equaliser-not-a-password');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
