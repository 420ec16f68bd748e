import { describe, expect, it } from 'vitest';
import { PendingDeletions } from '../../client/src/collab/pendingDeletions.js';

describe('pending deletions', () => {
  it('is empty once every added range is confirmed, in pieces or whole', () => {
    const pending = new PendingDeletions();
    expect(pending.isEmpty).toBe(true);
    pending.add({ client: 1, clock: 10, len: 5 });
    pending.add({ client: 1, clock: 15, len: 5 }); // touches: merges into 10..20
    pending.add({ client: 2, clock: 0, len: 1 });
    pending.confirm({ client: 1, clock: 12, len: 3 });
    expect(pending.isEmpty).toBe(false);
    pending.confirm({ client: 1, clock: 10, len: 2 });
    pending.confirm({ client: 1, clock: 15, len: 10 });
    expect(pending.isEmpty).toBe(false);
    pending.confirm({ client: 2, clock: 0, len: 1 });
    expect(pending.isEmpty).toBe(true);
  });

  it('keeps what a confirmation does not cover', () => {
    const pending = new PendingDeletions();
    pending.add({ client: 7, clock: 0, len: 10 });
    pending.add({ client: 7, clock: 30, len: 10 });
    pending.add({ client: 7, clock: 5, len: 30 }); // bridges both: 0..40
    pending.confirm({ client: 7, clock: 1, len: 38 });
    pending.confirm({ client: 8, clock: 0, len: 100 }); // another client's: no effect
    expect(pending.isEmpty).toBe(false);
    pending.confirm({ client: 7, clock: 0, len: 1 });
    expect(pending.isEmpty).toBe(false);
    pending.confirm({ client: 7, clock: 39, len: 1 });
    expect(pending.isEmpty).toBe(true);
  });

  it('ignores empty ranges and keeps ranges added out of order', () => {
    const pending = new PendingDeletions();
    pending.add({ client: 3, clock: 5, len: 0 });
    expect(pending.isEmpty).toBe(true);
    pending.add({ client: 3, clock: 50, len: 2 });
    pending.add({ client: 3, clock: 10, len: 2 });
    pending.add({ client: 3, clock: 30, len: 2 });
    pending.confirm({ client: 3, clock: 10, len: 2 });
    pending.confirm({ client: 3, clock: 50, len: 2 });
    expect(pending.isEmpty).toBe(false);
    pending.confirm({ client: 3, clock: 30, len: 2 });
    expect(pending.isEmpty).toBe(true);
  });
});
