// Stored button commands, on SQLite and PostgreSQL: any replica finds what another stored; rows expire.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { discordActionRetentionMs } from '../../src/store/discord-actions.ts';
import type { Store } from '../../src/store/store.ts';
import { describeEachBackend, type TestDatabase } from '../store/support/store-backends.ts';

const t0 = new Date('2026-11-27T10:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);

describeEachBackend('discord button commands', (backend) => {
  let database: TestDatabase;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    database = await backend.createDatabase();
    a = await database.open();
    b = await database.open();
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  it('given a command stored by one replica then another finds it by id', async () => {
    const long = `ask ${'Rust or Go for a very particular gateway? '.repeat(20)}`;
    const id = await a.discordActions.save(long, t0);
    expect(id).toMatch(/^[\w-]{16}$/);
    expect(await b.discordActions.get(id, after(1000))).toBe(long);
  });

  it('given an unknown id then nothing is found', async () => {
    expect(await b.discordActions.get('nope', t0)).toBeUndefined();
  });

  it('given a row past the retention period then it counts as expired and the next save prunes it', async () => {
    const old = await a.discordActions.save('lookup tokio', t0);
    const late = after(discordActionRetentionMs + 1);
    expect(await a.discordActions.get(old, late)).toBeUndefined();
    const fresh = await a.discordActions.save('lookup gc', late);
    expect(await b.discordActions.get(fresh, late)).toBe('lookup gc');
    expect(await a.discordActions.get(old, t0)).toBeUndefined();
  });
});
