import { describe } from 'vitest';
import { createPostgresDatabase } from '../../prisma/test-databases';
import { checkServices } from '../testing/services';
import { openDatabase } from './database';
import { applyMigrations } from './migrator';
import { describeActionsContract } from './actions.contract';
import { describePollsContract } from './polls.contract';
import { describeRepositoryContract, type ContractDatabase } from './repositories.contract';
import { describeWebhooksContract } from './webhooks.contract';

const services = await checkServices('PostgreSQL repository contract tests', { postgres: true });

async function openPostgres(): Promise<ContractDatabase> {
  services.assertServices();
  const created = await createPostgresDatabase();
  await applyMigrations(created.url);
  const database = await openDatabase(created.url);
  return {
    database,
    close: async () => {
      await database.$disconnect();
      await created.drop();
    },
  };
}

describe.skipIf(services.shouldSkip)('PostgreSQL', () => {
  describeRepositoryContract('PostgreSQL', openPostgres);
  describePollsContract('PostgreSQL', openPostgres);
  describeWebhooksContract('PostgreSQL', openPostgres);
  describeActionsContract('PostgreSQL', openPostgres);
});
