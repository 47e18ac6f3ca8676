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
