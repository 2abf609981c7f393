export { startSuite, type RunningSuite, type SuiteOptions } from './suite.ts';
export { ALL_ROLES, parseRoles, type ServerRole } from './server-roles.ts';
