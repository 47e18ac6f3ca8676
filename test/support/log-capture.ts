import { Writable } from 'node:stream';

/** A log destination for `startTestStack(…, { logDestination })` that keeps every line, to check what reached the logs. */
export function captureLogs(): { destination: Writable; text(): string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { destination, text: () => lines.join('') };
}
