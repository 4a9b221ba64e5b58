import { applyPatch } from './scim-patch';
import { desiredUser, parseFilter, scimBoolean } from './scim-user-mapping';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'priya@care.example',
  displayName: 'Priya Shah',
  name: { givenName: 'Priya', familyName: 'Shah', formatted: 'Priya Shah' },
  emails: [{ value: 'priya@care.example', primary: true, type: 'work' }],
  active: true,
  externalId: 'e1',
});

describe('SCIM PATCH', () => {
  it('takes Entra ID’s capitalised op with the string "False"', () => {
    const patched = applyPatch(user(), { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(desiredUser(patched).active).toBe(false);
  });

  it('takes Okta’s path-less value object', () => {
    const patched = applyPatch(user(), { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(desiredUser(patched).active).toBe(false);
  });

  it('keeps every attribute set: name parts, display name, the work email, title, the enterprise extension and its manager', () => {
    const managerId = '0b6c3f9e-2d1a-4c5b-9e8f-7a6b5c4d3e2f';
    const patched = applyPatch(user(), {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'name.familyName', value: 'Shah-Patel' },
        { op: 'Add', path: 'title', value: 'Carer' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'other@care.example' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: 'E1' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: managerId },
        { op: 'replace', value: { displayName: 'Priya Shah-Patel', 'name.givenName': 'P.' } },
      ],
    });
    expect(desiredUser(patched)).toEqual({
      email: 'priya@care.example',
      displayName: 'Priya Shah-Patel',
      givenName: 'P.',
      familyName: 'Shah-Patel',
      externalId: 'e1',
      active: true,
      managerId,
      workEmailKey: 'other@care.example',
      document: {
        name: { givenName: 'P.', familyName: 'Shah-Patel', formatted: 'Priya Shah' },
        emails: [{ value: 'other@care.example', primary: true, type: 'work' }],
        title: 'Carer',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: 'E1' },
      },
    });
  });

  it('adds a work email to a user with none, removes one by filter, and refuses one that is not an address', () => {
    const bare = { ...user(), emails: undefined };
    const added = applyPatch(bare, { Operations: [{ op: 'add', path: 'emails[type eq "work"].value', value: 'new@care.example' }] });
    expect(added.emails).toEqual([{ type: 'work', value: 'new@care.example' }]);
    const removed = applyPatch(user(), { Operations: [{ op: 'remove', path: 'emails[type eq "work"]' }] });
    expect(removed.emails).toEqual([]);
    expect(() => desiredUser(applyPatch(user(), { Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'not an address' }] }))).toThrow(/email address/);
    expect(() => desiredUser(applyPatch(user(), { Operations: [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: { value: 'bob' } }] }))).toThrow(/manager/);
  });

  it('removes externalId, refuses unknown ops and a path-less remove', () => {
    expect(desiredUser(applyPatch(user(), { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'externalId' }] })).externalId).toBeNull();
    expect(() => applyPatch(user(), { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'active' }] })).toThrow(/Unknown op/);
    expect(() => applyPatch(user(), { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] })).toThrow(/needs a path/);
    expect(() => applyPatch(user(), { schemas: [PATCH_OP], Operations: [] })).toThrow(/non-empty/);
  });
});

describe('SCIM values and filters', () => {
  it('reads booleans as Entra and Okta send them', () => {
    expect(scimBoolean('False', 'active')).toBe(false);
    expect(scimBoolean('TRUE', 'active')).toBe(true);
    expect(scimBoolean(false, 'active')).toBe(false);
    expect(() => scimBoolean('no', 'active')).toThrow();
  });

  it('parses userName eq and externalId eq, case-insensitively in names and operator', () => {
    expect(parseFilter('userName eq "a@b.example"')).toEqual({ attribute: 'userName', value: 'a@b.example' });
    expect(parseFilter('USERNAME EQ "a\\"b@c.example"')).toEqual({ attribute: 'userName', value: 'a"b@c.example' });
    expect(parseFilter('externalId eq "00u1"')).toEqual({ attribute: 'externalId', value: '00u1' });
    expect(parseFilter('emails[type eq "work"].value eq "A@b.example"')).toEqual({ attribute: 'workEmail', value: 'A@b.example' });
    expect(parseFilter('id eq "x"')).toEqual({ attribute: 'id', value: 'x' });
    expect(parseFilter(undefined)).toBeNull();
    expect(() => parseFilter('userName sw "a"')).toThrow(/Only filters/);
  });

  it('needs a userName that is an email address', () => {
    expect(() => desiredUser({ userName: 'not-an-email' })).toThrow(/email/);
    expect(() => desiredUser({})).toThrow(/userName is required/);
    expect(desiredUser({ userName: 'x@y.example', name: { givenName: 'X', familyName: 'Y' } }).displayName).toBe('X Y');
  });
});
