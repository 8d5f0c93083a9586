// A stand-in replica for tests: opens DATABASE_URL, applies migrations and prints the names it applied as JSON.
import { migrateToLatest, openDatabase } from '../../../src/store/database.ts';

const database = openDatabase(process.env.DATABASE_URL ?? '');
try {
  process.stdout.write(`${JSON.stringify(await migrateToLatest(database.db))}\n`);
} finally {
  await database.close();
}
