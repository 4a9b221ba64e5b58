import { EmulatorServer, nextNumericId, RecordedRequest, Reply } from './emulator-server';
import { OAuthDesk } from './oauth-desk';

/** LinkedIn's REST error body. */
export function linkedinError(status: number, code: string, message: string, serviceErrorCode?: number): Reply {
  return { status, body: { status, ...(serviceErrorCode !== undefined ? { serviceErrorCode } : {}), code, message } };
}

interface LiPost { id: string; author: string; commentary: string; createdAt: number; content?: unknown }

/**
 * The LinkedIn Posts API (`/rest/posts`, `/rest/images`), the upload host and the OAuth token
 * endpoint (`/oauth/v2/accessToken`) on one loopback server.
 */
export class LinkedInEmulator extends EmulatorServer {
  /** access token -> organisation ids it administers. */
  readonly tokens = new Map<string, string[]>();
  readonly expiredTokens = new Set<string>();
  /** refresh token -> client id/secret and the organisations the new access token gets. */
  readonly refreshTokens = new Map<string, { clientId: string; clientSecret: string; orgs: string[]; memberId?: string }>();
  readonly activeVersions = new Set<string>(['202610', '202611']);
  readonly posts: LiPost[] = [];
  readonly images = new Map<string, { owner: string; bytes: Buffer | null }>();
  /** Rotate refresh tokens on refresh, as LinkedIn may. */
  rotateRefreshTokens = false;
  private issued = 0;
  /** LinkedIn's authorization-code flow: the app, the consent page and its codes. */
  readonly login = new OAuthDesk();
  /** Member id -> their roles on organisation pages, as organizationAcls lists them. */
  readonly members = new Map<string, { organization: string; role: string; state: string }[]>();
  readonly organisations = new Map<string, { localizedName: string; vanityName: string }>();
  /** access token -> member and when it expires (seconds since the epoch), for introspection. */
  readonly issuedTo = new Map<string, { memberId: string; clientId: string; expiresAt: number }>();
  /** Only apps LinkedIn has approved get refresh tokens with the code exchange. */
  issueRefreshTokens = true;
  /** organizationAcls elements per answer, to exercise paging. */
  aclPageSize = 10;

  addMember(memberId: string, roles: { organization: string; role: string; state?: string }[]): void {
    this.members.set(memberId, roles.map((r) => ({ state: 'APPROVED', ...r })));
  }

  addOrganisation(id: string, localizedName: string): void {
    this.organisations.set(id, { localizedName, vanityName: localizedName.toLowerCase().replace(/[^a-z0-9]+/g, '-') });
  }

  /** The member revoked the app, or LinkedIn did: every token issued to them stops working. */
  revokeMember(memberId: string): void {
    for (const [token, grant] of this.issuedTo) {
      if (grant.memberId !== memberId) continue;
      this.tokens.delete(token);
      this.issuedTo.delete(token);
    }
    for (const [refresh, grant] of this.refreshTokens) if (grant.memberId === memberId) this.refreshTokens.delete(refresh);
  }

  protected rateLimitBody() {
    return { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' };
  }

  protected serverErrorBody() {
    return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' };
  }

  protected handle(r: RecordedRequest): Reply {
    if (r.method === 'GET' && r.path === '/oauth/v2/authorization') return this.login.consent(r);
    if (r.method === 'POST' && r.path === '/oauth/v2/introspectToken') return this.introspect(r.form);
    if (r.method === 'POST' && r.path === '/oauth/v2/accessToken' && r.form.get('grant_type') === 'authorization_code') return this.exchangeCode(r.form);
    if (r.method === 'POST' && r.path === '/oauth/v2/accessToken') return this.token(r);
    if (r.method === 'PUT' && r.path.startsWith('/dms-uploads/')) return this.upload(r);
    if (!r.path.startsWith('/rest/')) return linkedinError(404, 'NOT_FOUND', `No route ${r.path}`);

    const version = r.headers['linkedin-version'];
    if (typeof version !== 'string' || !/^\d{6}$/.test(version)) return linkedinError(400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
    if (!this.activeVersions.has(version)) return linkedinError(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    const token = (r.headers.authorization ?? '').replace(/^Bearer /, '');
    if (this.expiredTokens.has(token)) return linkedinError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602);
    const orgs = this.tokens.get(token);
    if (!orgs) return linkedinError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
    if (r.headers['x-restli-protocol-version'] !== '2.0.0') return linkedinError(400, 'ILLEGAL_ARGUMENT', 'Restli protocol version 2.0.0 is required');

    if (r.method === 'GET' && r.path === '/rest/organizationAcls' && r.query.get('q') === 'roleAssignee') return this.organizationAcls(r.query, token);
    const org = /^\/rest\/organizations\/(\d+)$/.exec(r.path);
    if (r.method === 'GET' && org) return this.organisation(org[1]);
    if (r.method === 'POST' && r.path === '/rest/images' && r.query.get('action') === 'initializeUpload') return this.initializeUpload(r, orgs);
    if (r.method === 'POST' && r.path === '/rest/posts') return this.createPost(r, orgs);
    if (r.method === 'GET' && r.path === '/rest/posts' && r.query.get('q') === 'author') return this.findByAuthor(r, orgs);
    const del = /^\/rest\/posts\/([^/]+)$/.exec(r.path);
    if (r.method === 'DELETE' && del) return this.deletePost(decodeURIComponent(del[1]), orgs);
    return linkedinError(404, 'NOT_FOUND', `No resource at ${r.method} ${r.path}`);
  }

  private token(r: RecordedRequest): Reply {
    const form = r.form;
    const grant = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (form.get('grant_type') !== 'refresh_token' || !grant || grant.clientId !== form.get('client_id') || grant.clientSecret !== form.get('client_secret')) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked' } };
    }
    const accessToken = `AQV-refreshed-${++this.issued}`;
    this.tokens.set(accessToken, grant.orgs);
    if (grant.memberId) this.issuedTo.set(accessToken, { memberId: grant.memberId, clientId: grant.clientId, expiresAt: Math.floor(Date.now() / 1000) + 5_184_000 });
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: 5_184_000, refresh_token_expires_in: 31_536_000 };
    if (this.rotateRefreshTokens) {
      const next = `AQX-refresh-${this.issued}`;
      this.refreshTokens.set(next, grant);
      body.refresh_token = next;
    }
    return { status: 200, body };
  }

  private exchangeCode(form: URLSearchParams): Reply {
    const redemption = this.login.redeem(form);
    if (redemption.kind === 'bad_client') return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    if (redemption.kind !== 'ok') {
      return { status: 400, body: { error: 'invalid_request', error_description: 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.' } };
    }
    const { userId, clientId, scope } = redemption.code;
    const accessToken = `AQV-${userId}-${++this.issued}`;
    const posting = (this.members.get(userId) ?? []).filter((r) => r.state === 'APPROVED' && ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR'].includes(r.role));
    this.tokens.set(accessToken, posting.map((r) => r.organization.replace('urn:li:organization:', '')));
    this.issuedTo.set(accessToken, { memberId: userId, clientId, expiresAt: Math.floor(Date.now() / 1000) + 5_184_000 });
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: 5_184_000, scope: scope.split(' ').join(',') };
    if (this.issueRefreshTokens) {
      const refreshToken = `AQX-${userId}-${this.issued}`;
      const app = this.login.apps.get(clientId)!;
      this.refreshTokens.set(refreshToken, { clientId, clientSecret: app.clientSecret, orgs: this.tokens.get(accessToken)!, memberId: userId });
      body.refresh_token = refreshToken;
      body.refresh_token_expires_in = 31_536_000;
    }
    return { status: 200, body };
  }

  private introspect(form: URLSearchParams): Reply {
    const app = this.login.apps.get(form.get('client_id') ?? '');
    if (!app || app.clientSecret !== form.get('client_secret')) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    const token = form.get('token') ?? '';
    const grant = this.issuedTo.get(token);
    if (!grant || !this.tokens.has(token) || this.expiredTokens.has(token)) return { status: 200, body: { active: false, status: this.expiredTokens.has(token) ? 'expired' : 'revoked' } };
    return {
      status: 200,
      body: { active: true, client_id: grant.clientId, authorized_at: grant.expiresAt - 5_184_000, created_at: grant.expiresAt - 5_184_000, status: 'active', expires_at: grant.expiresAt, scope: 'r_organization_social,rw_organization_admin,w_organization_social', auth_type: '3L' },
    };
  }

  /** The member's roles, filtered by role and state as asked, in start/count pages. */
  private organizationAcls(q: URLSearchParams, token: string): Reply {
    const member = this.issuedTo.get(token)?.memberId;
    const roles = (member ? this.members.get(member) : undefined) ?? [];
    const matching = roles.filter((r) => (!q.get('role') || r.role === q.get('role')) && (!q.get('state') || r.state === q.get('state')));
    const start = Number(q.get('start') ?? 0);
    const count = Math.min(Number(q.get('count') ?? 10), this.aclPageSize);
    const elements = matching.slice(start, start + count).map((r) => ({ roleAssignee: `urn:li:person:${member}`, organization: r.organization, role: r.role, state: r.state }));
    return { status: 200, body: { paging: { start, count, links: [], total: matching.length }, elements } };
  }

  private organisation(id: string): Reply {
    const org = this.organisations.get(id);
    if (!org) return linkedinError(404, 'NOT_FOUND', `Organization ${id} not found`);
    return { status: 200, body: { id: Number(id), localizedName: org.localizedName, vanityName: org.vanityName } };
  }

  private initializeUpload(r: RecordedRequest, orgs: string[]): Reply {
    const owner = r.json?.initializeUploadRequest?.owner;
    if (typeof owner !== 'string') return linkedinError(422, 'UNPROCESSABLE_ENTITY', 'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value');
    if (!orgs.includes(owner.replace('urn:li:organization:', ''))) return linkedinError(403, 'ACCESS_DENIED', 'Not enough permissions to access: images.ACTION.initializeUpload', 100);
    const id = `D4E10AQ${nextNumericId()}`;
    const urn = `urn:li:image:${id}`;
    this.images.set(urn, { owner, bytes: null });
    return {
      status: 200,
      body: { value: { uploadUrlExpiresAt: Date.now() + 86_400_000, uploadUrl: `${this.url}/dms-uploads/${id}?ca=vector_feedshare&cn=uploads`, image: urn } },
    };
  }

  private upload(r: RecordedRequest): Reply {
    const id = r.path.slice('/dms-uploads/'.length);
    const image = this.images.get(`urn:li:image:${id}`);
    if (!image) return { status: 404 };
    image.bytes = r.body;
    return { status: 201 };
  }

  private createPost(r: RecordedRequest, orgs: string[]): Reply {
    const body = r.json ?? {};
    const missing = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'].filter((f) => body[f] === undefined);
    if (missing.length > 0) {
      return { status: 422, body: { message: missing.map((f) => `ERROR :: /${f} :: field is required but not found and has no default value\n`).join(''), status: 422 } };
    }
    const orgId = String(body.author).replace('urn:li:organization:', '');
    if (!orgs.includes(orgId)) return linkedinError(403, 'ACCESS_DENIED', 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20261001', 100);
    const imageUrn = body.content?.media?.id;
    if (imageUrn !== undefined && !this.images.get(imageUrn)?.bytes) return linkedinError(422, 'UNPROCESSABLE_ENTITY', `Media ${imageUrn} is not ready`);
    const duplicate = this.posts.find((p) => p.author === body.author && p.commentary === body.commentary);
    if (duplicate) return linkedinError(422, 'DUPLICATE_POST', `Content is a duplicate of ${duplicate.id}`);
    const id = `urn:li:share:${nextNumericId()}`;
    this.posts.push({ id, author: body.author, commentary: body.commentary, createdAt: Date.now(), content: body.content });
    return { status: 201, headers: { 'x-restli-id': id, 'x-linkedin-id': id } };
  }

  private findByAuthor(r: RecordedRequest, orgs: string[]): Reply {
    const author = r.query.get('author') ?? '';
    if (!orgs.includes(author.replace('urn:li:organization:', ''))) return linkedinError(403, 'ACCESS_DENIED', 'Not enough permissions to access: partnerApiPostsExternal.FINDER-author', 100);
    const elements = this.posts
      .filter((p) => p.author === author)
      .reverse()
      .map((p) => ({ id: p.id, author: p.author, commentary: p.commentary, createdAt: p.createdAt, publishedAt: p.createdAt, lastModifiedAt: p.createdAt, lifecycleState: 'PUBLISHED', visibility: 'PUBLIC' }));
    return { status: 200, body: { paging: { start: 0, count: 10, links: [], total: elements.length }, elements } };
  }

  private deletePost(urn: string, orgs: string[]): Reply {
    const index = this.posts.findIndex((p) => p.id === urn);
    if (index < 0) return linkedinError(404, 'NOT_FOUND', `Post ${urn} does not exist`);
    if (!orgs.includes(this.posts[index].author.replace('urn:li:organization:', ''))) return linkedinError(403, 'ACCESS_DENIED', 'Not enough permissions to access: partnerApiPostsExternal.DELETE', 100);
    this.posts.splice(index, 1);
    return { status: 204 };
  }
}
