import { DataSource, IsNull, Not } from 'typeorm';
import { Transactions } from '../common/database/transactions';
import { AuditEntry } from './audit-entry.entity';
import { readChain } from './audit-chain-reader';
import { AuditSigner } from './audit-signer';
import { chainHash, GENESIS_HASH } from './hash-chain';

export type LegacySigningOutcome = { signed: number; brokenAtId: number | null };

/**
 * Entries written before signing existed are signed once, on the upgrade. The caller runs this only
 * while the checkpoint file is empty; here it also requires that no entry is signed yet, so a row
 * slipped into the database later is never signed by a restart. Only the prefix whose hashes hold
 * is signed: a chain already broken at the upgrade keeps its break visible.
 */
export async function signLegacyEntries(dataSource: DataSource, transactions: Transactions, signer: AuditSigner): Promise<LegacySigningOutcome> {
  const repository = dataSource.getRepository(AuditEntry);
  if ((await repository.count({ where: { signature: Not(IsNull()) } })) > 0) return { signed: 0, brokenAtId: null };
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  let signed = 0;
  for await (const batch of readChain(dataSource)) {
    const holding: { id: number; hash: string }[] = [];
    let brokenAtId: number | null = null;
    for (const entry of batch) {
      if (entry.id !== expectedId || entry.prevHash !== prevHash || entry.hash !== chainHash(prevHash, entry)) {
        brokenAtId = Math.min(entry.id, expectedId);
        break;
      }
      holding.push({ id: entry.id, hash: entry.hash });
      prevHash = entry.hash;
      expectedId += 1;
    }
    await transactions.run(async (manager) => {
      for (const entry of holding) {
        await manager.getRepository(AuditEntry).update({ id: entry.id, signature: IsNull() }, { signature: signer.signEntry(entry.hash) });
      }
    });
    signed += holding.length;
    if (brokenAtId !== null) return { signed, brokenAtId };
  }
  return { signed, brokenAtId: null };
}
