import { existsSync } from 'node:fs';
import { createClient } from 'redis';
import { postgresAdminUrl, postgresUnavailableReason } from '../../prisma/test-databases';

/** Debian's Git smart-HTTP backend, which the publishing tests serve repositories with. */
export const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export const redisTestUrl = process.env.ROUNDTABLE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const requireServices = process.env.ROUNDTABLE_REQUIRE_SERVICES === '1';

/** Why Redis cannot be used, or null when it can. */
export async function redisUnavailableReason(): Promise<string | null> {
  const client = createClient({ url: redisTestUrl, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    if (client.isOpen) await client.close();
  }
}

/**
 * Checks the services a test file needs. When one is down it warns loudly and returns a reason to skip, unless
 * ROUNDTABLE_REQUIRE_SERVICES=1 (CI), where it returns null and the tests' own setup fails with `assertServices`.
 */
export async function checkServices(what: string, needs: { postgres?: boolean; redis?: boolean; git?: boolean }) {
  const problems: string[] = [];
  if (needs.postgres) {
    const problem = await postgresUnavailableReason();
    if (problem !== null) problems.push(`PostgreSQL at ${new URL(postgresAdminUrl).host}: ${problem}`);
  }
  if (needs.redis) {
    const problem = await redisUnavailableReason();
    if (problem !== null) problems.push(`Redis at ${new URL(redisTestUrl).host}: ${problem}`);
  }
  if (needs.git && !existsSync(GIT_HTTP_BACKEND)) problems.push(`${GIT_HTTP_BACKEND} (Debian's git)`);
  const problem = problems.length > 0 ? problems.join('; ') : null;
  if (problem !== null && !requireServices) {
    console.warn(`\n⚠ SKIPPING ${what}: cannot reach ${problem}. Set ROUNDTABLE_REQUIRE_SERVICES=1 to make this a failure.\n`);
  }
  return {
    shouldSkip: problem !== null && !requireServices,
    assertServices() {
      if (problem !== null) throw new Error(`${what} need services (ROUNDTABLE_REQUIRE_SERVICES=1) that are unreachable: ${problem}`);
    },
  };
}
