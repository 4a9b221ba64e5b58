import { readIdentityConfig } from './identity-config';

describe('identity configuration', () => {
  const oidc = { GATEHOUSE_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0', GATEHOUSE_OIDC_CLIENT_ID: 'app-id', GATEHOUSE_OIDC_CLIENT_SECRET: 'secret' };

  it('has no single sign-on, passwords on and no group roles by default', () => {
    expect(readIdentityConfig({})).toEqual({ oidc: null, passwordLogin: true, scimGroupRoles: [] });
  });

  it('reads the provider, naming it, and refuses half a configuration or plain http beyond this machine', () => {
    expect(readIdentityConfig({ ...oidc, GATEHOUSE_OIDC_NAME: 'Microsoft' }).oidc).toEqual({ issuer: oidc.GATEHOUSE_OIDC_ISSUER, clientId: 'app-id', clientSecret: 'secret', name: 'Microsoft' });
    expect(() => readIdentityConfig({ GATEHOUSE_OIDC_ISSUER: oidc.GATEHOUSE_OIDC_ISSUER })).toThrow(/GATEHOUSE_OIDC_CLIENT_ID must be set/);
    expect(() => readIdentityConfig({ ...oidc, GATEHOUSE_OIDC_ISSUER: 'http://login.example' })).toThrow(/GATEHOUSE_OIDC_ISSUER must use https/);
    expect(readIdentityConfig({ ...oidc, GATEHOUSE_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
    expect(readIdentityConfig({ ...oidc, GATEHOUSE_OIDC_ISSUER: 'https://tenant.auth0.example/' }).oidc?.issuer).toBe('https://tenant.auth0.example/');
    expect(() => readIdentityConfig({ ...oidc, GATEHOUSE_OIDC_ISSUER: 'not a url' })).toThrow(/GATEHOUSE_OIDC_ISSUER must be a URL/);
    expect(() => readIdentityConfig({ GATEHOUSE_PASSWORD_LOGIN: 'maybe' })).toThrow(/GATEHOUSE_PASSWORD_LOGIN/);
  });

  it('maps group names to roles, refusing unknown roles and a group named twice', () => {
    expect(readIdentityConfig({ GATEHOUSE_SCIM_GROUP_ROLES: 'Gatehouse Managers=manager, Gatehouse DPO=dpo' }).scimGroupRoles).toEqual([
      { displayName: 'Gatehouse Managers', role: 'manager' },
      { displayName: 'Gatehouse DPO', role: 'dpo' },
    ]);
    expect(() => readIdentityConfig({ GATEHOUSE_SCIM_GROUP_ROLES: 'Owners=owner' })).toThrow(/GATEHOUSE_SCIM_GROUP_ROLES has "Owners=owner"/);
    expect(() => readIdentityConfig({ GATEHOUSE_SCIM_GROUP_ROLES: 'A=manager,a=dpo' })).toThrow(/twice/);
  });
});
