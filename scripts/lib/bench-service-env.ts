import { join } from 'node:path';

export const BENCH_ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password-123' };

/** The environment a benchmark starts the service with: test mode, quiet logs, its own Redis and engine, these accounts. */
export function benchServiceEnv(options: { dir: string; redisUrl: string; mongoUri: string; accounts: readonly object[] }): Record<string, string> {
  return {
    SPORTELLO_MODE: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(options.dir, 'service'),
    LOG_LEVEL: 'warn',
    REDIS_URL: options.redisUrl,
    MONGODB_URI: `${options.mongoUri}sportello`,
    BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password,
    CONNECTORS: JSON.stringify(options.accounts),
  };
}

/** Signs in as the bench's admin and issues a token for every scope: the `authorization` header a bench sends. */
export async function benchAdminAuthorization(serviceUrl: string): Promise<{ authorization: string }> {
  const login = await fetch(new URL('/api/v1/auth/login', serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const issued = await fetch(new URL('/api/v1/tokens', serviceUrl), {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scopes: ['*'] }),
  });
  if (issued.status !== 201) throw new Error(`bench token: ${issued.status} ${await issued.text()}`);
  return { authorization: `Bearer ${((await issued.json()) as { token: string }).token}` };
}
