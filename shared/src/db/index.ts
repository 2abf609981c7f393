export * from './app-role.ts';
export * from './embedded-autovacuum.ts';
export * from './migrations-directory.ts';
export * from './migrator.ts';
export * from './pg-pool-database.ts';
export * from './pglite-database.ts';
export * from './system-queryable.ts';
export * from './transactional-database.ts';
