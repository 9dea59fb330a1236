/** `copydesk serve`, as a library: build the app, or create and start a server. */
export { buildApp, checkExposure, createServer, VERSION, type CopydeskServer } from './app.js';
export { Cleaner, CleanTimeoutError, OverloadError } from './limits.js';
export { ghostAdminToken, lexicalToHtml, signGhostRequest, verifyGhostSignature, ReplayGuard } from './ghost.js';
export { DEFAULTS, isLoopback, serverOptionsFromConfig, type GhostOptions, type ServerOptions } from './options.js';
export { openApiDocument } from './schemas.js';
export { cleanOptionsFromConfig, loadConfig } from '../config.js';
