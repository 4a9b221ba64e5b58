import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { readChain, StoredEntry } from './audit-chain-reader';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { Checkpoint, SIGNATURE_PATTERN } from './audit-signatures';
import { AuditSigner } from './audit-signer';
import { chainHash, GENESIS_HASH } from './hash-chain';

export type BreakReason = 'hash' | 'signature' | 'gap' | 'truncated';

export type VerifyResult =
  | { valid: true; entries: number; head: Checkpoint | null }
  | { valid: false; entries: number; firstBrokenId: number; reason: BreakReason };

/** An entry someone outside the database vouched for: a checkpoint in the file, or a receipt an auditor kept. */
interface Anchor {
  id: number;
  hash: string;
  /** Receipts are taken as given; a checkpoint line counts only when its signature holds (checked when it matters). */
  counts: () => boolean;
}

interface Break {
  id: number;
  reason: BreakReason;
}

/**
 * Checks the stored chain in id order, batch by batch: ids without gaps, each hash recomputed, each
 * signature well formed, and, against every anchor, nothing gone or different.
 *
 * Ed25519 verification is the slow part (about 16,000 a second against a million SHA-256 a second),
 * so not every signature is verified: once the hashes hold, a valid signature on an entry vouches for
 * every entry before it, because its hash covers them. So each batch verifies the signature of its
 * last holding entry, and only when that fails bisects the batch for the first entry not validly signed.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: AuditSigner,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  async verify(receipt?: { id: number; hash: string }): Promise<VerifyResult> {
    const anchors = await this.anchors(receipt);
    let expectedId = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    let newest: StoredEntry | null = null;
    for await (const batch of readChain(this.dataSource)) {
      const holding: StoredEntry[] = [];
      let broken: Break | null = null;
      for (const entry of batch) {
        broken = this.linkBreak(entry, expectedId, prevHash);
        if (broken) break;
        holding.push(entry);
        prevHash = entry.hash;
        expectedId += 1;
      }
      const forged = this.firstForged(holding);
      const vouched = forged === null ? holding : holding.slice(0, forged);
      const contradicted = vouched.find((entry) => (anchors.get(entry.id) ?? []).some((anchor) => anchor.hash !== entry.hash && anchor.counts()));
      if (contradicted) return this.failure(contradicted.id, 'truncated');
      if (forged !== null) return this.failure(holding[forged].id, 'signature');
      if (broken) return this.failure(broken.id, broken.reason);
      entries += batch.length;
      newest = batch[batch.length - 1];
    }
    const lastId = newest?.id ?? 0;
    const beyond = [...anchors.values()].flat().some((anchor) => anchor.id > lastId && anchor.counts());
    if (beyond) return this.failure(lastId + 1, 'truncated');
    return { valid: true, entries, head: newest ? await this.checkpoints.issueCommitted(newest) : null };
  }

  private linkBreak(entry: StoredEntry, expectedId: number, prevHash: string): Break | null {
    if (entry.id > expectedId) return { id: expectedId, reason: 'gap' };
    if (entry.id < expectedId || entry.prevHash !== prevHash || entry.hash !== chainHash(prevHash, entry)) return { id: entry.id, reason: 'hash' };
    if (entry.signature === null || !SIGNATURE_PATTERN.test(entry.signature)) return { id: entry.id, reason: 'signature' };
    return null;
  }

  /** The index of the first entry in this hash-valid run whose signature does not hold, or null. */
  private firstForged(run: StoredEntry[]): number | null {
    if (run.length === 0 || this.signer.entryHolds(run[run.length - 1].hash, run[run.length - 1].signature)) return null;
    let low = 0;
    let high = run.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.signer.entryHolds(run[middle].hash, run[middle].signature)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Anchors by id; the same (id, hash) from many checkpoints (every export of one head) is one anchor. */
  private async anchors(receipt?: { id: number; hash: string }): Promise<Map<number, Anchor[]>> {
    const anchors = new Map<number, Anchor[]>();
    const byKey = new Map<string, Checkpoint[]>();
    for (const checkpoint of await this.checkpoints.file.readAll()) {
      const key = `${checkpoint.id}:${checkpoint.hash}`;
      const same = byKey.get(key);
      if (same) {
        same.push(checkpoint);
        continue;
      }
      const group = [checkpoint];
      byKey.set(key, group);
      let holds: boolean | undefined;
      this.addAnchor(anchors, { id: checkpoint.id, hash: checkpoint.hash, counts: () => (holds ??= group.some((one) => this.signer.checkpointHolds(one))) });
    }
    if (receipt) this.addAnchor(anchors, { ...receipt, counts: () => true });
    return anchors;
  }

  private addAnchor(anchors: Map<number, Anchor[]>, anchor: Anchor): void {
    const atId = anchors.get(anchor.id);
    if (atId) atId.push(anchor);
    else anchors.set(anchor.id, [anchor]);
  }

  private async failure(firstBrokenId: number, reason: BreakReason): Promise<VerifyResult> {
    return { valid: false, entries: await this.dataSource.getRepository(AuditEntry).count(), firstBrokenId, reason };
  }
}
