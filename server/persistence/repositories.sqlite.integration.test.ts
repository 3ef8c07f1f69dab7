import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from './database';
import { applyMigrations } from './migrator';
import { describeActionsContract } from './actions.contract';
import { describePollsContract } from './polls.contract';
import { describeRepositoryContract, type ContractDatabase } from './repositories.contract';
import { describeWebhooksContract } from './webhooks.contract';

async function openSqlite(): Promise<ContractDatabase> {
  const directory = await mkdtemp(path.join(tmpdir(), 'roundtable-contract-'));
  const url = `file:${path.join(directory, 'contract.db')}`;
  await applyMigrations(url);
  const database = await openDatabase(url);
  return {
    database,
    close: async () => {
      await database.$disconnect();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describeRepositoryContract('SQLite', openSqlite);
describePollsContract('SQLite', openSqlite);
describeWebhooksContract('SQLite', openSqlite);
describeActionsContract('SQLite', openSqlite);
