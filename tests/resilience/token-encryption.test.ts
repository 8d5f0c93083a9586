// Issue 14, item 4: Slack OAuth installations (bot, user and refresh tokens) are sealed at rest with AES-256-GCM
// under a key from the environment; rows written before the key existed, or under a previous key, are re-sealed
// with the current key when read. Runs on SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { tokenCipherFrom } from '../../src/runtime/create-services.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { createTokenCipher, TokenDecryptionError } from '../../src/store/token-cipher.ts';
import { describeEachBackend, type TestDatabase } from '../store/support/store-backends.ts';

const installation = { team: { id: 'T9' }, isEnterpriseInstall: false, bot: { token: 'xoxb-111-222-secretbottoken', userId: 'UB' } };
const key = () => randomBytes(32);

describeEachBackend('sealed Slack installations', (backend) => {
  let database: TestDatabase;
  const stores: Store[] = [];
  const open = async (cipher?: ReturnType<typeof createTokenCipher>) => {
    const store = await openStore(database.url, cipher ? { tokenCipher: cipher } : {});
    stores.push(store);
    return store;
  };
  const rawRow = async (store: Store) =>
    (await store.database.db.selectFrom('slack_installations').select('installation_json').executeTakeFirstOrThrow()).installation_json;

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await database.drop();
  });

  it('stores no token in the clear and reads it back', async () => {
    database = await backend.createDatabase();
    const store = await open(createTokenCipher(key()));
    await store.slackInstallations.save(installation, new Date());
    const raw = await rawRow(store);
    expect(raw).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(raw).not.toContain('xoxb-');
    expect((await store.slackInstallations.find({ teamId: 'T9' }))?.bot).toMatchObject({ token: 'xoxb-111-222-secretbottoken' });
  });

  it('re-seals a plaintext row (written before the key was set) on first read', async () => {
    database = await backend.createDatabase();
    await (await open()).slackInstallations.save(installation, new Date());
    const store = await open(createTokenCipher(key()));
    expect(await rawRow(store)).toContain('xoxb-');
    expect((await store.slackInstallations.find({ teamId: 'T9' }))?.bot).toMatchObject({ token: 'xoxb-111-222-secretbottoken' });
    expect(await rawRow(store)).toMatch(/^enc:v1:/);
  });

  it('rotates: a row sealed with the previous key is read and re-sealed with the current one', async () => {
    database = await backend.createDatabase();
    const oldKey = key();
    const newKey = key();
    await (await open(createTokenCipher(oldKey))).slackInstallations.save(installation, new Date());
    const store = await open(createTokenCipher(newKey, [oldKey]));
    const before = await rawRow(store);
    expect((await store.slackInstallations.find({ teamId: 'T9' }))?.bot).toMatchObject({ token: 'xoxb-111-222-secretbottoken' });
    const after = await rawRow(store);
    expect(after.slice(0, 16)).not.toBe(before.slice(0, 16));
    // The old key can now be dropped.
    const withNewOnly = await open(createTokenCipher(newKey));
    expect((await withNewOnly.slackInstallations.find({ teamId: 'T9' }))?.bot).toMatchObject({ token: 'xoxb-111-222-secretbottoken' });
  });

  it('refuses to read a sealed row without its key, and a tampered one', async () => {
    database = await backend.createDatabase();
    const store = await open(createTokenCipher(key()));
    await store.slackInstallations.save(installation, new Date());
    await expect((await open()).slackInstallations.find({ teamId: 'T9' })).rejects.toThrow(TokenDecryptionError);
    await expect((await open(createTokenCipher(key()))).slackInstallations.find({ teamId: 'T9' })).rejects.toThrow(/neither the current nor a previous key/);
    const raw = await rawRow(store);
    const tampered = `${raw.slice(0, -4)}${raw.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await store.database.db.updateTable('slack_installations').set({ installation_json: tampered }).execute();
    await expect(store.slackInstallations.find({ teamId: 'T9' })).rejects.toThrow(/failed authentication/);
  });
});

it('takes the key from the environment (hex or base64) and refuses a key of the wrong size', () => {
  const hex = randomBytes(32).toString('hex');
  expect(tokenCipherFrom({ SLACK_TOKEN_ENCRYPTION_KEY: hex, SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: randomBytes(32).toString('base64') })).toBeDefined();
  expect(tokenCipherFrom({ SLACK_TOKEN_ENCRYPTION_KEY: undefined, SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: undefined })).toBeUndefined();
  expect(() => tokenCipherFrom({ SLACK_TOKEN_ENCRYPTION_KEY: 'too-short', SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: undefined })).toThrow(/SLACK_TOKEN_ENCRYPTION_KEY: expected a 32-byte key/);
});
