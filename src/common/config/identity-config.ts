import { Role, ROLES } from '../../staff/role';
import { ConfigError } from './config.error';
import { readBool, readOptional, readUrl } from './env-readers';

type Env = Record<string, string | undefined>;

/** Single sign-on through an OpenID provider (Entra ID, Google Workspace, Okta...). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in page: "Sign in with <name>". */
  name: string;
}

export interface IdentityConfig {
  /** Null: no single sign-on. */
  oidc: OidcConfig | null;
  /** False: only the bootstrap admin may sign in with a password (a way in when the provider is down). */
  passwordLogin: boolean;
  /** SCIM group display name → the Gatehouse role its members hold; empty: no roles from groups. */
  scimGroupRoles: { displayName: string; role: Role }[];
}

const OIDC_VARIABLES = ['GATEHOUSE_OIDC_ISSUER', 'GATEHOUSE_OIDC_CLIENT_ID', 'GATEHOUSE_OIDC_CLIENT_SECRET'] as const;

export function readIdentityConfig(env: Env): IdentityConfig {
  return { oidc: readOidc(env), passwordLogin: readBool(env, 'GATEHOUSE_PASSWORD_LOGIN', true), scimGroupRoles: readGroupRoles(env) };
}

function readOidc(env: Env): OidcConfig | null {
  const present = OIDC_VARIABLES.filter((name) => readOptional(env, name) !== null);
  if (present.length === 0) return null;
  const missing = OIDC_VARIABLES.find((name) => readOptional(env, name) === null);
  if (missing) throw new ConfigError(missing, `must be set along with ${present.join(', ')}`);
  readUrl(env, 'GATEHOUSE_OIDC_ISSUER', '', ['https:', 'http:']);
  // As written, trailing slash included: the provider's metadata must name exactly this issuer.
  const issuer = readOptional(env, 'GATEHOUSE_OIDC_ISSUER')!;
  // Plain http only for a provider on this machine (tests, a local emulator); never across a network.
  if (issuer.startsWith('http:') && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(issuer)) {
    throw new ConfigError('GATEHOUSE_OIDC_ISSUER', 'must use https: (http: only for localhost)');
  }
  return {
    issuer,
    clientId: readOptional(env, 'GATEHOUSE_OIDC_CLIENT_ID')!,
    clientSecret: readOptional(env, 'GATEHOUSE_OIDC_CLIENT_SECRET')!,
    name: readOptional(env, 'GATEHOUSE_OIDC_NAME') ?? 'single sign-on',
  };
}

/** `Gatehouse Managers=manager,Gatehouse DPO=dpo`. */
function readGroupRoles(env: Env): { displayName: string; role: Role }[] {
  const raw = readOptional(env, 'GATEHOUSE_SCIM_GROUP_ROLES');
  if (raw === null) return [];
  const mappings: { displayName: string; role: Role }[] = [];
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.lastIndexOf('=');
    const displayName = eq < 0 ? '' : entry.slice(0, eq).trim();
    const role = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (displayName === '' || !(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError('GATEHOUSE_SCIM_GROUP_ROLES', `has "${entry.trim()}"; each entry must be <group name>=<${ROLES.join('|')}>`);
    }
    if (mappings.some((known) => known.displayName.toLowerCase() === displayName.toLowerCase())) {
      throw new ConfigError('GATEHOUSE_SCIM_GROUP_ROLES', `names the group "${displayName}" twice`);
    }
    mappings.push({ displayName, role: role as Role });
  }
  return mappings;
}
