// A real SMTP receiver for email tests: smtp-server in the test process, every
// message parsed with mailparser. No STARTTLS, no AUTH (nodemailer then sends
// in clear, without credentials). stop() and restart() keep the same port, so
// an SMTP_URL fixed before the first env() call stays valid.
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface SmtpReceiver {
  port: number;
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Every message received since start (or clear()), in arrival order. */
  messages: ParsedMail[];
  /** Messages whose To contains `address`. */
  to(address: string): ParsedMail[];
  /** Resolves once at least `count` messages arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  clear(): void;
  /** Closes the port: connections are refused until restart(). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  running(): boolean;
}

export const recipientsOf = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = (onPort: number) =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        disabledCommands: ["STARTTLS", "AUTH"],
        authOptional: true,
        logger: false,
        closeTimeout: 500,
        onData(stream, _session, callback) {
          simpleParser(stream).then(
            (mail) => {
              messages.push(mail);
              callback();
            },
            (err: Error) => callback(err),
          );
        },
      });
      s.on("error", () => {}); // connection resets when a test stops the server mid-flight
      s.listen(onPort, "127.0.0.1", () => {
        const address = s.server.address();
        port = typeof address === "object" && address ? address.port : onPort;
        server = s;
        resolve();
      });
      s.server.once("error", reject);
    });

  await listen(0);

  const receiver: SmtpReceiver = {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    to: (address) => messages.filter((m) => recipientsOf(m).includes(address.toLowerCase())),
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`SMTP receiver: ${messages.length} message(s), ${count} expected`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    clear() {
      messages.length = 0;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async restart() {
      if (!server) await listen(port);
    },
    running: () => server !== null,
  };
  return receiver;
}
