/**
 * One store test suite for every implementation: `describeStoreContract(name, factory)` registers
 * the record, management and analytics tests; sqlite-contract.test.ts and
 * postgres-contract.test.ts call it with their factories.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../../../src/store/index.js';
import { describeAnalyticsContract } from './analytics-contract.js';
import { describeFeedbackContract } from './feedback-contract.js';
import { describeManagementContract } from './management-contract.js';

/** Opens empty stores of one implementation. */
export interface StoreFactory {
  /** Closes the stores opened before and returns a new, empty one. */
  fresh(): Promise<FeedbackStore>;
  /** Closes every store opened so far. */
  release(): Promise<void>;
}

/** Registers the whole store contract for the implementation `name`. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    afterAll(async () => factory.release());
    describeFeedbackContract(factory);
    describeManagementContract(factory);
    describeAnalyticsContract(factory);

    it('reports use after close as VERBATIM_E_STORE', async () => {
      const store = await factory.fresh();
      await store.close();
      await expect(store.countFeedback()).rejects.toMatchObject({ code: 'VERBATIM_E_STORE' });
    });
  });
}
