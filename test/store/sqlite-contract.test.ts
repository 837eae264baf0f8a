/** The shared store contract against the embedded SQLite store (a temporary file per store). */
import { openSqliteStore, type FeedbackStore } from '../../src/store/index.js';
import { describeStoreContract } from './contract/store-contract.js';
import { temporaryDatabase } from './fixtures.js';

const open: { store: FeedbackStore; cleanup: () => void }[] = [];

async function release(): Promise<void> {
  for (const { store, cleanup } of open.splice(0)) {
    await store.close();
    cleanup();
  }
}

describeStoreContract('sqlite', {
  async fresh() {
    await release();
    const database = temporaryDatabase();
    const store = await openSqliteStore(database.file);
    open.push({ store, cleanup: database.cleanup });
    return store;
  },
  release,
});
