import { EventEmitter, once } from 'events';
import { AddressInfo } from 'net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server on loopback that parses what it receives. `down()` makes it answer 451 to every message
 * (a server in trouble); `up()` brings it back.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  refused = 0;
  private failing = false;
  private readonly events = new EventEmitter();

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<TestSmtpServer> {
    let self!: TestSmtpServer;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'gatehouse' }),
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (self.failing) {
            self.refused += 1;
            self.events.emit('refused');
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            return callback(error);
          }
          void simpleParser(Buffer.concat(chunks)).then((parsed: ParsedMail) => {
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
            self.received.push({ to: to?.value[0]?.address ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '' });
            callback();
            self.events.emit('mail');
          });
        });
      },
    });
    self = new TestSmtpServer(server);
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    return self;
  }

  get url(): string {
    return `smtp://gatehouse:secret@127.0.0.1:${(this.server.server.address() as AddressInfo).port}?tls=off`;
  }

  down(): void {
    this.failing = true;
  }

  up(): void {
    this.failing = false;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to === address.toLowerCase() || mail.to === address);
  }

  /** Resolves once `count` mails in all have arrived. */
  async waitForMail(count: number): Promise<void> {
    while (this.received.length < count) await once(this.events, 'mail');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
