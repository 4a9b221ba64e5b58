import { Clock } from '../../src/common/clock';
import { bearer, TestStaff } from '../support/test-app';
import { dispatch, kindsOf, mailingScene } from './support';

// The concerns module's two task kinds reach the to-do list and the mail like every other kind (API.md sections 16, 17).
describe('concern tasks on the to-do list and by email', () => {
  const scene = mailingScene();
  let lead: TestStaff;
  let dpo: TestStaff;

  beforeAll(async () => {
    lead = await scene.t.newStaff(['safeguarding_lead']);
    dpo = await scene.t.newStaff(['dpo']);
    await dispatch(scene.t);
  });

  const report = async (body: Record<string, unknown>): Promise<string> => {
    const response = await scene.t.http.post('/api/v1/concerns').set(bearer(scene.s.author.token)).send({ kind: 'post', description: 'Mrs Example can be seen in the photo', ...body });
    expect(response.status).toBe(201);
    return response.body.id;
  };

  it('reaches every safeguarding lead at once, as a task and one email without the description', async () => {
    const before = scene.smtp.received.length;
    const id = await report({ involvesServiceUsers: true });
    expect(await kindsOf(scene.t, lead.token, 'triage_concern')).toContain(id);
    expect(await kindsOf(scene.t, scene.s.author.token, 'triage_concern')).not.toContain(id);
    await dispatch(scene.t);
    const mails = scene.smtp.received.slice(before).filter((mail) => mail.to === lead.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`https://gatehouse.example.test/concerns/${id}`);
    expect(`${mails[0].subject} ${mails[0].text} ${mails[0].html}`).not.toContain('Mrs Example');
    await dispatch(scene.t);
    expect(scene.smtp.received.slice(before).filter((mail) => mail.to === lead.email)).toHaveLength(1);
  });

  it('gives the DPO a decide_breach task as the ICO deadline nears, gone once decided', async () => {
    const id = await report({ personalData: true });
    expect(await kindsOf(scene.t, dpo.token, 'decide_breach')).not.toContain(id);
    const clock = scene.t.app.get(Clock);
    const at = new Date(Date.now() + 49 * 60 * 60 * 1000);
    jest.spyOn(clock, 'now').mockReturnValue(at);
    jest.spyOn(clock, 'nowIso').mockReturnValue(at.toISOString());
    try {
      // Two days on, the morning's session has ended: the DPO signs in again.
      const token = await scene.t.login(dpo.email, dpo.password);
      expect(await kindsOf(scene.t, token, 'decide_breach')).toContain(id);
      const decided = await scene.t.http.post(`/api/v1/concerns/${id}/breach-decision`).set(bearer(token)).send({ decision: 'not_reportable', decisionReason: 'No personal data left the organisation' });
      expect(decided.status).toBe(200);
      expect(await kindsOf(scene.t, token, 'decide_breach')).not.toContain(id);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
