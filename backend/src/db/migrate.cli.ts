import { loadConfig } from '../config.ts';
import { databaseTarget, openDatabase } from './client.ts';

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
const config = loadConfig();
const database = await openDatabase(databaseTarget(config));
await database.migrate();
await database.close();
console.log(`Migrations applied (${database.kind}).`);
