/** The throwaway PostgreSQL server lives beside the bench that uses it too. */
export { findPostgres, startPostgres, type TestPostgres } from '../../bench/postgres.js';
