/** The shared store contract against a real PostgreSQL database created for this file. */
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore, type FeedbackStore } from '../../src/store/index.js';
import { describeStoreContract } from './contract/store-contract.js';
import { createTestDatabase, type TestDatabase } from './postgres-harness.js';

let database: TestDatabase;
const open: FeedbackStore[] = [];

beforeAll(async () => {
  database = await createTestDatabase('contract');
});
afterAll(async () => {
  await release();
  await database.drop();
});

async function release(): Promise<void> {
  for (const store of open.splice(0)) await store.close();
}

describeStoreContract('postgres', {
  async fresh() {
    await release();
    const store = await openPostgresStore(database.url, { poolSize: 4 });
    await database.truncate();
    open.push(store);
    return store;
  },
  release,
});
