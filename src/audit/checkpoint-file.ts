import { appendFileSync, createReadStream, existsSync, mkdirSync } from 'fs';
import { dirname } from 'path';
import { createInterface } from 'readline';
import { Checkpoint } from './audit-signatures';

/**
 * The checkpoint file: one JSON object a line, only ever appended to. One small write with O_APPEND
 * lands whole even when several instances share the file.
 */
export class CheckpointFile {
  constructor(readonly path: string) {}

  /** Fails the start when the file cannot be written, rather than the first checkpoint later. */
  ensureWritable(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, '');
  }

  append(checkpoint: Checkpoint): void {
    appendFileSync(this.path, JSON.stringify(checkpoint) + '\n');
  }

  /** Every well-formed line, oldest first; a torn last line (a crash mid-write) is skipped. Signatures are the caller's to check. */
  async readAll(): Promise<Checkpoint[]> {
    if (!existsSync(this.path)) return [];
    const checkpoints: Checkpoint[] = [];
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      const checkpoint = parseCheckpoint(line);
      if (checkpoint) checkpoints.push(checkpoint);
    }
    return checkpoints;
  }
}

function parseCheckpoint(line: string): Checkpoint | null {
  if (line.trim() === '') return null;
  try {
    const value = JSON.parse(line) as Partial<Checkpoint>;
    const wellFormed =
      Number.isSafeInteger(value.id) && (value.id as number) > 0 && typeof value.hash === 'string' && /^[0-9a-f]{64}$/.test(value.hash) && typeof value.at === 'string' && typeof value.signature === 'string';
    return wellFormed ? { id: value.id!, hash: value.hash!, at: value.at!, signature: value.signature! } : null;
  } catch {
    return null;
  }
}
