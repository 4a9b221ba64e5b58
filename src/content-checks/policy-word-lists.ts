import { projectRoot } from '../common/project-root';
import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'fs';
import * as path from 'path';
import { ProtectedNameList } from './rules/protected-name.rule';

/** Where the organisation's policy files live; a token so tests can point at a temporary copy. */
export const POLICY_CONFIG_DIR = Symbol('POLICY_CONFIG_DIR');

/** `config/` at the project root, found from the code rather than the working directory. */
export const DEFAULT_POLICY_CONFIG_DIR = path.join(projectRoot(), 'config');

export const PROHIBITED_TERMS_FILE = 'prohibited-terms.txt';
export const PROTECTED_NAMES_FILE = 'protected-names.json';

/** A policy file that is missing or malformed: the message is one line naming the file, and the start stops. */
export class PolicyFileError extends Error {
  constructor(file: string, problem: string) {
    super(`Policy file error: ${file} ${problem}`);
    this.name = 'PolicyFileError';
  }
}

/** The protected-names file: its list, and which hashes belong to one name (files written before entries had none). */
export interface SeedProtectedNames extends ProtectedNameList {
  entries: string[][];
}

/**
 * The seed files for an empty installation's content rules (API.md section 18), read and validated at start.
 * A missing or broken file stops the start: seeding without the protected-names list would let names through unnoticed.
 */
@Injectable()
export class PolicyWordLists {
  readonly prohibitedTerms: readonly string[];
  readonly protectedNames: SeedProtectedNames;

  constructor(@Inject(POLICY_CONFIG_DIR) readonly directory: string) {
    const termsFile = path.join(directory, PROHIBITED_TERMS_FILE);
    this.prohibitedTerms = parseProhibitedTerms(readPolicyFile(termsFile));
    const namesFile = path.join(directory, PROTECTED_NAMES_FILE);
    this.protectedNames = parseProtectedNames(readPolicyFile(namesFile), namesFile);
  }
}

function readPolicyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyFileError(file, code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? String(error)})`);
  }
}

/** One term per line; blank lines and lines starting with # are ignored. */
export function parseProhibitedTerms(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/\s+/g, ' '));
}

const HASH = /^[0-9a-f]{64}$/;
const ALLOWED_KEYS = new Set(['salt', 'hashes', 'comment', 'filters', 'entries']);

/**
 * `{"salt": "...", "hashes": ["<64 hex>", ...], "filters"?: [int], "entries"?: [["<64 hex>", ...]], "comment"?: "..."}`,
 * as written by scripts/protected-names.js.
 */
export function parseProtectedNames(text: string, file: string): SeedProtectedNames {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PolicyFileError(file, `is not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new PolicyFileError(file, 'must hold a JSON object with "salt" and "hashes"');
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !ALLOWED_KEYS.has(key));
  if (unknown.length > 0) throw new PolicyFileError(file, `has unknown field(s) ${unknown.map((key) => `"${key}"`).join(', ')}; expected "salt" and "hashes"`);
  if (typeof record.salt !== 'string' || record.salt.length < 16) throw new PolicyFileError(file, 'needs a "salt" of at least 16 characters');
  if (!Array.isArray(record.hashes)) throw new PolicyFileError(file, 'needs "hashes", a list of hex SHA-256 values');
  const bad = record.hashes.findIndex((hash) => typeof hash !== 'string' || !HASH.test(hash));
  if (bad !== -1) throw new PolicyFileError(file, `has an entry in "hashes" (number ${bad + 1}) that is not 64 lower-case hex characters`);
  const hashes = new Set(record.hashes as string[]);
  if (record.filters !== undefined && (!Array.isArray(record.filters) || !record.filters.every((value) => Number.isInteger(value) && value >= 0))) {
    throw new PolicyFileError(file, 'has "filters" that are not a list of whole numbers');
  }
  if (record.entries !== undefined && (!Array.isArray(record.entries) || !record.entries.every((entry) => Array.isArray(entry) && entry.every((hash) => hashes.has(hash))))) {
    throw new PolicyFileError(file, 'has "entries" that are not lists of hashes from "hashes"');
  }
  return {
    salt: record.salt,
    hashes,
    filters: record.filters === undefined ? null : new Set(record.filters as number[]),
    entries: (record.entries as string[][] | undefined) ?? [],
  };
}
