import { ConfigError } from './config.error';
import { readMailConfig } from './mail-config';

describe('mail configuration', () => {
  it('unset: no email; defaults for the sender and the digest hour', () => {
    expect(readMailConfig({})).toEqual(expect.objectContaining({ smtp: null, from: 'Gatehouse <gatehouse@localhost>', digestHour: 8 }));
  });

  it('smtp:// is STARTTLS on 587 unless ?tls=off; smtps:// is TLS on 465; credentials are decoded', () => {
    expect(readMailConfig({ GATEHOUSE_SMTP_URL: 'smtp://gatehouse%40example.org:p%40ss@smtp.office365.com:587' }).smtp).toEqual({
      host: 'smtp.office365.com', port: 587, secure: false, startTls: true, user: 'gatehouse@example.org', password: 'p@ss',
    });
    expect(readMailConfig({ GATEHOUSE_SMTP_URL: 'smtp://smtp-relay.gmail.com' }).smtp).toEqual(expect.objectContaining({ port: 587, startTls: true, user: null }));
    expect(readMailConfig({ GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:2525?tls=off' }).smtp).toEqual(expect.objectContaining({ port: 2525, startTls: false, secure: false }));
    expect(readMailConfig({ GATEHOUSE_SMTP_URL: 'smtps://u:p@mail.example.org' }).smtp).toEqual(expect.objectContaining({ port: 465, secure: true, startTls: false }));
  });

  it('a bad value names its variable', () => {
    for (const [name, value] of [
      ['GATEHOUSE_SMTP_URL', 'http://mail.example.org'],
      ['GATEHOUSE_SMTP_URL', 'smtp://mail.example.org?tls=maybe'],
      ['GATEHOUSE_SMTP_URL', 'not a url'],
      ['GATEHOUSE_DIGEST_HOUR', '24'],
      ['GATEHOUSE_MAIL_FROM', 'nobody'],
    ]) {
      expect(() => readMailConfig({ [name]: value })).toThrow(ConfigError);
      expect(() => readMailConfig({ [name]: value })).toThrow(name);
    }
  });
});
