import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Clock } from '../common/clock';
import { ContentChecker } from './content-checker';
import { FixedContentRuleLists } from './content-rule-lists';
import { DEFAULT_POLICY_CONFIG_DIR, PolicyFileError, PolicyWordLists, PROHIBITED_TERMS_FILE, PROTECTED_NAMES_FILE } from './policy-word-lists';

const CLI = path.resolve(__dirname, '../../scripts/protected-names.js');
const orgDomains = ['example.org'];

describe('policy word lists', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-policy-'));
    writeFileSync(path.join(dir, PROHIBITED_TERMS_FILE), '# a comment\n\n  Care   Plan  \nDNACPR\n   # indented comment\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, '--config', dir, ...args], { encoding: 'utf8' });
  const checker = () => new ContentChecker(new FixedContentRuleLists({ ...new PolicyWordLists(dir), orgDomains }), new Clock());
  const names = (text: string) =>
    checker()
      .check({ platform: 'facebook', text, media: [] })
      .filter((finding) => finding.rule === 'PROTECTED_NAME')
      .map((finding) => text.slice(finding.start, finding.end));

  it('loads the shipped config/ files (found from the source tree, not the working directory)', () => {
    expect(DEFAULT_POLICY_CONFIG_DIR).toBe(path.resolve(__dirname, '../../config'));
    const lists = new PolicyWordLists(DEFAULT_POLICY_CONFIG_DIR);
    expect(lists.prohibitedTerms).toContain('DNACPR');
    expect(lists.protectedNames.salt.length).toBeGreaterThanOrEqual(16);
  });

  it('reads terms one a line, ignoring comments and blank lines', () => {
    cli('reset');
    expect(new PolicyWordLists(dir).prohibitedTerms).toEqual(['Care Plan', 'DNACPR']);
  });

  it('round trip: a name added with the CLI is found by the checker, and gone once removed', () => {
    expect(cli('add', 'Zoë', "O'Brien-Smith")).toContain('Added');
    // Everything but the (random) salt: the file holds no trace of the name.
    const { salt, ...rest } = JSON.parse(readFileSync(path.join(dir, PROTECTED_NAMES_FILE), 'utf8'));
    expect(salt).toEqual(expect.any(String));
    expect(JSON.stringify(rest).toLowerCase()).not.toMatch(/zo|brien|smith/);
    expect(names("Today ZOE O’BRIEN-SMITH visited; Zoë O'Brien too; also Zoey Smith")).toEqual(['ZOE O’BRIEN-SMITH', 'Zoë O\'Brien']);
    expect(names('Smith, Zoe said hi')).toEqual(['Smith, Zoe']);

    cli('add', 'Jane Doe');
    expect(cli('add', 'jane  DOE')).toContain('already on the list');
    expect(names('Jane Doe and Zoe Smith')).toEqual(['Jane Doe', 'Zoe Smith']);
    expect(cli('remove', 'Jane Doe')).toContain('Removed');
    expect(names('Jane Doe and Zoe Smith')).toEqual(['Zoe Smith']);
  });

  it('creates the salt on first use and keeps it; reset starts a new empty list', () => {
    cli('add', 'Ann');
    const first = JSON.parse(readFileSync(path.join(dir, PROTECTED_NAMES_FILE), 'utf8'));
    expect(first.salt.length).toBeGreaterThanOrEqual(16);
    expect(first.hashes).toHaveLength(1);
    cli('add', 'Bob Jones');
    const second = JSON.parse(readFileSync(path.join(dir, PROTECTED_NAMES_FILE), 'utf8'));
    expect(second.salt).toBe(first.salt);
    expect(second.hashes).toHaveLength(3);
    expect(names('Ann and Annual')).toEqual(['Ann']);
    cli('reset');
    const reset = JSON.parse(readFileSync(path.join(dir, PROTECTED_NAMES_FILE), 'utf8'));
    expect(reset.salt).not.toBe(first.salt);
    expect(reset.hashes).toEqual([]);
    expect(names('Ann')).toEqual([]);
  });

  it.each([
    ['{"salt": "0123456789abcdef", "hashes": [', /protected-names\.json is not valid JSON/],
    ['[]', /protected-names\.json must hold a JSON object/],
    ['{"salt": "short", "hashes": []}', /needs a "salt" of at least 16 characters/],
    ['{"salt": "0123456789abcdef", "hash": []}', /unknown field\(s\) "hash"/],
    ['{"salt": "0123456789abcdef", "hashes": ["Jane Doe"]}', /entry in "hashes" \(number 1\) that is not 64 lower-case hex/],
  ])('refuses to start with a broken protected-names file: %s', (json, message) => {
    writeFileSync(path.join(dir, PROTECTED_NAMES_FILE), json);
    expect(() => new PolicyWordLists(dir)).toThrow(PolicyFileError);
    expect(() => new PolicyWordLists(dir)).toThrow(message);
    expect(() => new PolicyWordLists(dir)).toThrow(path.join(dir, PROTECTED_NAMES_FILE));
  });

  it('refuses to start when a file is missing, naming it', () => {
    cli('reset');
    rmSync(path.join(dir, PROHIBITED_TERMS_FILE));
    expect(() => new PolicyWordLists(dir)).toThrow(`Policy file error: ${path.join(dir, PROHIBITED_TERMS_FILE)} is missing`);
  });
});
