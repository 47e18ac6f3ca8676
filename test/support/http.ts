import type { TestStack } from './stack.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON (including problem+json), otherwise the text. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the route returned
}

/**
 * One HTTP call to a test stack. `body` is sent as JSON unless it is already a string (for raw payloads
 * such as oversized or malformed bodies).
 */
export async function call(
  stack: Pick<TestStack, 'url'>,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<ApiResponse> {
  const hasBody = options.body !== undefined;
  const response = await fetch(new URL(path, stack.url), {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(hasBody ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  // An event stream never ends: its status and headers are the answer.
  if (/^text\/event-stream/.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, body: '' };
  }
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
}
