import { DigestService } from '../../src/tasks/mail/digest.service';
import { nextDigestAt } from '../../src/tasks/mail/mail-schedule';
import { submitted } from '../drafts/support';
import { bearer } from '../support/test-app';
import { dispatch, mailingScene } from './support';

const APPROVAL_SUBJECT = 'Gatehouse: a post is waiting for your approval';

describe('notification preferences and the daily digest', () => {
  const scene = mailingScene();

  const preferences = (token: string) => scene.t.http.get('/api/v1/me/notification-preferences').set(bearer(token));
  const choose = (token: string, email: unknown) => scene.t.http.put('/api/v1/me/notification-preferences').set(bearer(token)).send({ email });

  it('defaults to immediate; takes immediate, daily or off and nothing else', async () => {
    expect((await preferences(scene.s.reviewer.token)).body).toEqual({ email: 'immediate' });
    expect((await choose(scene.s.reviewer.token, 'weekly')).status).toBe(400);
    expect((await choose(scene.s.reviewer.token, 'daily')).body).toEqual({ email: 'daily' });
    expect((await preferences(scene.s.reviewer.token)).body).toEqual({ email: 'daily' });
    expect((await preferences(scene.s.reviewer2.token)).body).toEqual({ email: 'immediate' });
    expect((await scene.t.http.get('/api/v1/me/notification-preferences')).status).toBe(401);
  });

  it('daily: nothing at once, then one digest listing each thing with its link; off: no mail, still in the app', async () => {
    await choose(scene.s.reviewer.token, 'daily');
    await choose(scene.s.reviewer2.token, 'off');
    const first = await submitted(scene.t, scene.s);
    const second = await submitted(scene.t, scene.s);
    await dispatch(scene.t);
    expect(scene.smtp.to(scene.s.reviewer.email).filter((mail) => mail.subject === APPROVAL_SUBJECT)).toEqual([]);
    expect(scene.smtp.to(scene.s.reviewer2.email).filter((mail) => mail.subject === APPROVAL_SUBJECT)).toEqual([]);
    expect(scene.smtp.to(scene.s.manager.email).filter((mail) => mail.subject === APPROVAL_SUBJECT)).toHaveLength(2);
    const offRecord = (await scene.t.http.get('/api/v1/notifications?kind=approve_post').set(bearer(scene.s.reviewer2.token))).body.items;
    expect(offRecord.map((n: { subjectId: string; emailStatus: string }) => [n.subjectId, n.emailStatus]).sort()).toEqual([[first.id, 'off'], [second.id, 'off']].sort());

    expect(await scene.t.app.get(DigestService).queueDigests()).toBeGreaterThanOrEqual(1);
    await dispatch(scene.t);
    const digests = scene.smtp.to(scene.s.reviewer.email).filter((mail) => mail.subject.startsWith('Gatehouse: ') && mail.subject.includes('for you today'));
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain(`https://gatehouse.example.test/drafts/${first.id}`);
    expect(digests[0].text).toContain(`https://gatehouse.example.test/drafts/${second.id}`);
    expect(digests[0].text).not.toContain('garden party');
    const record = (await scene.t.http.get('/api/v1/notifications?kind=approve_post').set(bearer(scene.s.reviewer.token))).body.items;
    expect(record.filter((n: { subjectId: string }) => [first.id, second.id].includes(n.subjectId)).map((n: { emailStatus: string }) => n.emailStatus)).toEqual(['sent', 'sent']);
    // A second run the same day has nothing new to say.
    await scene.t.app.get(DigestService).queueDigests();
    await dispatch(scene.t);
    expect(scene.smtp.to(scene.s.reviewer.email).filter((mail) => mail.subject.includes('for you today'))).toHaveLength(1);
  });

  it('the digest hour is UK local time, through the clock changes', () => {
    expect(nextDigestAt(8, new Date('2026-01-15T10:00:00Z')).toISOString()).toBe('2026-01-16T08:00:00.000Z');
    expect(nextDigestAt(8, new Date('2026-07-15T10:00:00Z')).toISOString()).toBe('2026-07-16T07:00:00.000Z');
    // The night the clocks go forward (29 March 2026, 01:00 UTC).
    expect(nextDigestAt(8, new Date('2026-03-28T09:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });
});
