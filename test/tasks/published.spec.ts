import { stage } from '../drafts/support';
import { approved, settled } from '../publishing/support';
import { TestApp } from '../support/test-app';
import { TestSmtpServer } from './smtp';
import { dispatch } from './support';

jest.setTimeout(60_000);

describe('the author hears that their post was published', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    // The publishing worker runs here; mail is still sent only when the test says.
    t = await TestApp.start({ GATEHOUSE_SMTP_URL: smtp.url, GATEHOUSE_MAIL_POLL_MS: '0', GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.test' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('one mail to the author with the link, none to the approver', async () => {
    const s = await stage(t);
    const draft = await approved(t, s);
    await settled(t, s.reviewer.token, draft.id, 'published');
    await dispatch(t);
    await dispatch(t);
    const news = smtp.received.filter((mail) => mail.subject === 'Gatehouse: your post was published');
    expect(news.map((mail) => mail.to)).toEqual([s.author.email]);
    expect(news[0].text).toContain(`https://gatehouse.example.test/drafts/${draft.id}`);
    expect(news[0].text).not.toContain(draft.revision.text);
  });
});
