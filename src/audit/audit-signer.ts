import { Inject, Injectable } from '@nestjs/common';
import { KeyObject } from 'crypto';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { Checkpoint, checkpointSignedText, entrySignedText, publicKeyOf, signText, verifyText } from './audit-signatures';

/** The installation's audit key: signs entry hashes and checkpoints, and checks them. */
@Injectable()
export class AuditSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** SPKI PEM, handed to auditors so they can check an export without Gatehouse. */
  readonly publicKeyPem: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'auditSigningKey'>) {
    this.privateKey = config.auditSigningKey;
    this.publicKey = publicKeyOf(this.privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  signEntry(hash: string): string {
    return signText(this.privateKey, entrySignedText(hash));
  }

  entryHolds(hash: string, signature: string | null): boolean {
    return verifyText(this.publicKey, entrySignedText(hash), signature);
  }

  checkpoint(id: number, hash: string, at: string): Checkpoint {
    return { id, hash, at, signature: signText(this.privateKey, checkpointSignedText(id, hash, at)) };
  }

  checkpointHolds(checkpoint: Checkpoint): boolean {
    return verifyText(this.publicKey, checkpointSignedText(checkpoint.id, checkpoint.hash, checkpoint.at), checkpoint.signature);
  }
}
