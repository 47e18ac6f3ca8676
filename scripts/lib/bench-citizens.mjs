// The simulated citizens of `npm run bench:inbox`, on a thread of their own: their HTTP client's work (fetch,
// parsing the answers) is not the service's, and on the service's thread it took about a tenth of what the
// bench measured. The service and the bare-insert baseline run on the main thread.
//
// Input (workerData): the service's URL, the authorization header, and `lines`: each line is a list of questions
// sent one after the other (a citizen waiting for each answer); a question with `atMs` is not sent before that
// many ms after the start (an open-loop schedule). Output: per question, when it was sent (epoch ms), its
// latency in ms and whether the server refused it; in the order of the lines.
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

const { url, headers, lines } = workerData;
const started = performance.now();

async function ask({ account, chatId, text }) {
  const sentAt = Date.now();
  const t0 = performance.now();
  try {
    const response = await fetch(new URL(`/api/v1/simulator/${account}/inbound`, url), {
      method: 'POST',
      headers,
      body: JSON.stringify({ chatId, senderId: chatId, senderName: 'Citizen', text }),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`inbound: ${response.status}`);
    return { chatId, sentAt, latencyMs: performance.now() - t0, failed: false };
  } catch {
    // Open loop: on a saturated machine the server's accept queue overflows (ECONNRESET, connect timeouts).
    // A refused question counts, with the time it took to be refused, instead of ending the run.
    return { chatId, sentAt, latencyMs: performance.now() - t0, failed: true };
  }
}

const results = await Promise.all(
  lines.map(async (line) => {
    const own = [];
    for (const question of line) {
      if (question.atMs !== undefined) {
        const wait = started + question.atMs - performance.now();
        if (wait > 0) await sleep(wait);
      }
      own.push(await ask(question));
    }
    return own;
  }),
);
parentPort.postMessage({ results: results.flat(), elapsedMs: performance.now() - started });
