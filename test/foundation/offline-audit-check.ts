import { createHash, createPublicKey, verify } from 'crypto';

/**
 * What an auditor writes to check a jsonl export without Gatehouse: node:crypto and the public key
 * only, following API.md section 12 (deliberately not importing any of Gatehouse's code).
 */
export function checkExportOffline(jsonl: string, publicKeyPem: string): { entries: number; checkpoint: { id: number; hash: string; at: string }; problems: string[] } {
  const publicKey = createPublicKey(publicKeyPem);
  const lines = jsonl.trimEnd().split('\n').map((line) => JSON.parse(line));
  const checkpoint = lines.pop();
  const problems: string[] = [];
  const holds = (text: string, signature: string) => verify(null, Buffer.from(text, 'ascii'), publicKey, Buffer.from(signature, 'base64url'));
  let prevHash = '0'.repeat(64);
  lines.forEach((entry, index) => {
    if (entry.id !== index + 1) problems.push(`entry ${index + 1} missing`);
    const canonical = JSON.stringify({
      action: entry.action,
      actorId: entry.actorId,
      at: entry.at,
      details: entry.details,
      id: entry.id,
      subjectId: entry.subjectId,
      subjectType: entry.subjectType,
    });
    const hash = createHash('sha256').update(prevHash + canonical).digest('hex');
    if (entry.prevHash !== prevHash || entry.hash !== hash) problems.push(`entry ${entry.id}: hash`);
    if (!holds(entry.hash, entry.signature)) problems.push(`entry ${entry.id}: signature`);
    prevHash = entry.hash;
  });
  const last = lines[lines.length - 1];
  if (checkpoint.id !== last.id || checkpoint.hash !== last.hash) problems.push('checkpoint does not name the last entry');
  if (!holds(`gatehouse-audit-checkpoint:${checkpoint.id}:${checkpoint.hash}:${checkpoint.at}`, checkpoint.signature)) problems.push('checkpoint signature');
  return { entries: lines.length, checkpoint, problems };
}
