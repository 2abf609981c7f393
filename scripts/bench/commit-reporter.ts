/**
 * Loaded (`--import`) into the workers' process when the bench runs the suite's roles as separate
 * processes (`--split-roles`): sends each commit of the profile builder's transaction to the bench over
 * the IPC channel, as the in-process Observer notes it when everything runs in one process.
 */
import { watchBuilderCommits } from './builder-commits.ts';

watchBuilderCommits((report) => process.send?.(report));
