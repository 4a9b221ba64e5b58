import { GUARDS_METADATA, INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { BodyProblemInterceptor } from '../../src/common/body-parsing';
import { TestApp } from '../support/test-app';

/**
 * A body that could not be parsed is refused after every guard (401/403 first, whatever the body holds).
 * AccessGuard raises it for routes without guards of their own; a route with its own guards must list
 * BodyProblemInterceptor first, or AccessGuard raises it before them.
 */
describe('the deferred body problem', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('is raised after their own guards on every route that has some', () => {
    const unordered: string[] = [];
    let guarded = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        const controller = metatype as unknown as { prototype: Record<string, unknown>; name: string };
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = controller.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const guards = [...(Reflect.getMetadata(GUARDS_METADATA, controller) ?? []), ...(Reflect.getMetadata(GUARDS_METADATA, handler) ?? [])];
          if (guards.length === 0) continue;
          guarded++;
          const interceptors = [...(Reflect.getMetadata(INTERCEPTORS_METADATA, controller) ?? []), ...(Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [])];
          if (interceptors[0] !== BodyProblemInterceptor) unordered.push(`${controller.name}.${name}`);
        }
      }
    }
    // The password sign-ins (API and web), the media upload and SCIM's routes.
    expect(guarded).toBeGreaterThan(3);
    expect(unordered).toEqual([]);
  });

  it('answers a malformed body on a password sign-in route after its guard, and on a plain route after the access check', async () => {
    const malformed = (path: string) => t.http.post(path).set('content-type', 'application/json').send('{"email": ');
    expect((await malformed('/api/v1/auth/login')).body.code).toBe('VALIDATION_FAILED');
    expect((await malformed('/api/v1/auth/logout')).status).toBe(401);
  });
});
