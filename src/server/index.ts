/** `copydesk serve`, as a library: build the app, or create and start a server. */
export { buildApp, checkExposure, createServer, VERSION, type CopydeskServer } from './app.js';
export { Cleaner, CleanTimeoutError, OverloadError } from './limits.js';
export { checkGhostSignature, ghostAdminToken, lexicalToHtml, signGhostRequest, verifyGhostSignature, ReplayGuard, type ReplayStore } from './ghost.js';
export { defaultDatabasePath, DatabaseError, MIGRATIONS, openDatabase } from './database.js';
export { SqliteReplayStore } from './replay.js';
export { loosenings, PolicyError } from './policy.js';
export { Accounts, tokenDigest, type EditorAccount, type QueueOptions, type QueueItem, type QueueStore } from '../queue/index.js';
export { DEFAULTS, isLoopback, serverOptionsFromConfig, type GhostOptions, type ServerOptions } from './options.js';
export { openApiDocument } from './schemas.js';
export { cleanOptionsFromConfig, loadConfig } from '../config.js';
