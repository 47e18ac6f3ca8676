/** A call to the service's own public API as the demo admin; a refusal throws with the problem's type and detail. */
export type DemoApi = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

export function createDemoApi(baseUrl: string, token: string): DemoApi {
  return async (method, path, body) => {
    const response = await fetch(new URL(`/api/v1${path}`, baseUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${String(payload.type ?? '')} ${String(payload.detail ?? '')}`);
    return payload;
  };
}
