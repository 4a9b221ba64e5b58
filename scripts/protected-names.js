#!/usr/bin/env node
'use strict';
// Keeps config/protected-names.json: names that must never be published, stored only as salted hashes.
//
//   node scripts/protected-names.js add "Jane Doe"       adds the name (creates the salt on first use)
//   node scripts/protected-names.js remove "Jane Doe"    removes it again
//   node scripts/protected-names.js reset                 a fresh salt and an empty list
//   npm run protected-names -- add "Jane Doe"
//   --config <dir>                                       another config directory (default: config/ beside scripts/)
//
// The file SEEDS an empty installation: Gatehouse copies it into its database on its first start, and from then
// on managers keep the list in the web app (Content rules page, or POST /api/v1/content-rules/protected-names).
// Editing the file afterwards changes nothing in a running installation. Plain Node, no build needed; the
// normalising and hashing below must stay in step with src/content-checks/protected-name-hashing.ts and
// normalised-text.ts.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const FILE_NAME = 'protected-names.json';
const SEED_NOTE =
  'This file seeds a new installation on its first start; in a running installation, managers change the list on the Content rules page.';
const COMMENT =
  'Names that must never be published, as HMAC-SHA256 hashes keyed with the salt. Edit only with scripts/protected-names.js.';
const FOLDS = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const FILTER_BITS = 20;

function normaliseWord(word) {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDS[letter])
    .replace(/['’ʼ]s$/u, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function fnv(state, text) {
  let hash = state;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The salted 20-bit filter value of one word: the checker hashes only words whose value is on the list. */
function wordFilter(salt, word) {
  return fnv(fnv(0x811c9dc5, `${salt}\u0000`), word) & ((1 << FILTER_BITS) - 1);
}

function hashKey(salt, key) {
  return crypto.createHmac('sha256', salt).update(key, 'utf8').digest('hex');
}

/**
 * What Gatehouse compares for a name. The checker hashes single words and adjacent pairs, so:
 * one word -> that word; two words -> both orders ("Jane Doe", "Doe, Jane");
 * more words -> each adjacent pair plus first-and-last in both orders ("Mary Ann Smith" -> "mary ann", "ann smith", "mary smith", "smith mary").
 */
function wordsOf(name) {
  return (name.replace(INVISIBLE, '').match(WORD) || []).map(normaliseWord).filter((word) => word !== '');
}

function keysFor(name) {
  const words = wordsOf(name);
  if (words.length === 0) return [];
  if (words.length === 1) return [words[0]];
  const keys = new Set();
  for (let i = 0; i + 1 < words.length; i += 1) keys.add(`${words[i]} ${words[i + 1]}`);
  const first = words[0];
  const last = words[words.length - 1];
  keys.add(`${first} ${last}`);
  keys.add(`${last} ${first}`);
  return [...keys];
}

function load(file) {
  if (!fs.existsSync(file)) return { comment: COMMENT, salt: '', hashes: [], filters: [], entries: [] };
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file} is not valid JSON (${error.message}); fix or remove it first.`);
  }
  if (typeof data !== 'object' || data === null || !Array.isArray(data.hashes || [])) fail(`${file} is not a protected-names file.`);
  return {
    comment: data.comment || COMMENT,
    salt: typeof data.salt === 'string' ? data.salt : '',
    hashes: data.hashes || [],
    filters: Array.isArray(data.filters) ? data.filters : [],
    entries: Array.isArray(data.entries) ? data.entries : [],
  };
}

function save(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o640 });
  fs.renameSync(temporary, file);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function usage() {
  fail('Usage: node scripts/protected-names.js [--config <dir>] add "Full Name" | remove "Full Name" | reset');
}

function main(argv) {
  const args = [...argv];
  let directory = path.resolve(__dirname, '../config');
  const configAt = args.indexOf('--config');
  if (configAt !== -1) {
    if (!args[configAt + 1]) usage();
    directory = path.resolve(args[configAt + 1]);
    args.splice(configAt, 2);
  }
  const [command, ...rest] = args;
  const file = path.join(directory, FILE_NAME);
  const data = load(file);

  if (command === 'reset') {
    save(file, { comment: COMMENT, salt: crypto.randomBytes(32).toString('base64'), hashes: [], filters: [], entries: [] });
    process.stdout.write(`${file}: new salt, empty list. ${SEED_NOTE}\n`);
    return;
  }
  if ((command !== 'add' && command !== 'remove') || rest.length === 0) usage();
  const keys = keysFor(rest.join(' '));
  if (keys.length === 0) fail('The name has no letters or digits in it.');
  if (data.salt.length < 16) data.salt = crypto.randomBytes(32).toString('base64');
  const hashes = [...new Set(keys.map((key) => hashKey(data.salt, key)))].sort();
  const filters = [...new Set(wordsOf(rest.join(' ')).map((word) => wordFilter(data.salt, word)))];

  if (command === 'add') {
    const added = hashes.filter((hash) => !data.hashes.includes(hash));
    data.hashes.push(...added);
    data.filters = [...new Set([...data.filters, ...filters])].sort((a, b) => a - b);
    if (added.length > 0) data.entries.push(hashes);
    save(file, data);
    process.stdout.write(
      added.length === 0
        ? 'That name is already on the list.\n'
        : `Added (${added.length} hash${added.length === 1 ? '' : 'es'}); ${data.hashes.length} on the list. ${SEED_NOTE}\n`,
    );
  } else {
    const before = data.hashes.length;
    data.hashes = data.hashes.filter((hash) => !hashes.includes(hash));
    data.entries = data.entries.filter((entry) => entry.some((hash) => data.hashes.includes(hash)));
    data.entries = data.entries.map((entry) => entry.filter((hash) => data.hashes.includes(hash)));
    save(file, data);
    process.stdout.write(
      before === data.hashes.length ? 'That name was not on the list.\n' : `Removed; ${data.hashes.length} on the list. ${SEED_NOTE}\n`,
    );
  }
}

main(process.argv.slice(2));
