import { readFileSync } from 'node:fs';

/** The variables `.env.example` sets (its commented lines aside), as `docker compose`'s `env_file` reads them. */
export function readEnvExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n')) {
    const assignment = /^([A-Z_]+)=(.*)$/.exec(line);
    if (assignment) env[assignment[1]!] = assignment[2]!;
  }
  return env;
}

/** The variables `.env.example` names, set or commented out: what the town's `.env` is documented to set. */
export function variablesDocumentedInEnvExample(): string[] {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
}

/** What the IT office does before the first start: every change-me placeholder replaced by a random secret. */
export function withSecretsFilledIn(env: Record<string, string>): Record<string, string> {
  return {
    ...env,
    SESSION_SECRET: 'Vd8s2kLq0PzX7mWc4NbR9tYh6Gf3Ja1E',
    BOOTSTRAP_ADMIN_PASSWORD: 'rT5-wQ8x-Lm2z-Kp7c',
    ...(env.CONNECTORS ? { CONNECTORS: env.CONNECTORS.replace('"puppetToken":"change-me"', '"puppetToken":"puppet_2f8Kq9wLmZ"') } : {}),
  };
}
