import { EmulatorServer, nextNumericId, RecordedRequest, Reply } from './emulator-server';

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
  readonly refreshTokens = new Map<string, { clientId: string; clientSecret: string; orgs: string[] }>();
  readonly activeVersions = new Set<string>(['202610', '202611']);
  readonly posts: LiPost[] = [];
  readonly images = new Map<string, { owner: string; bytes: Buffer | null }>();
  /** Rotate refresh tokens on refresh, as LinkedIn may. */
  rotateRefreshTokens = false;
  private issued = 0;

  protected rateLimitBody() {
    return { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' };
  }

  protected serverErrorBody() {
    return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' };
  }

  protected handle(r: RecordedRequest): Reply {
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
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: 5_184_000, refresh_token_expires_in: 31_536_000 };
    if (this.rotateRefreshTokens) {
      const next = `AQX-refresh-${this.issued}`;
      this.refreshTokens.set(next, grant);
      body.refresh_token = next;
    }
    return { status: 200, body };
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
