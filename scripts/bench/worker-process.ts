/**
 * `--split-roles`: the suite deployed as two processes, as in production on a 2-core machine — the
 * bench's process serves the `api` role (Segment ingest), and a child process started like the
 * server (`apps/server/src/main.ts cdp-worker relay flows-worker`) runs the profile builder, the
 * outbox relay and every other worker, on the other core. The child reports the builder's commits
 * over IPC (commit-reporter.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CommitReport } from './builder-commits.ts';

export const WORKER_ROLES = ['cdp-worker', 'relay', 'flows-worker'] as const;
const SERVER_MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const REPORTER = fileURLToPath(new URL('./commit-reporter.ts', import.meta.url));

export interface WorkerProcess {
  pid: number;
  onCommits(listener: (report: CommitReport) => void): void;
  stop(): Promise<void>;
}

export async function startWorkerProcess(
  env: Record<string, string>,
  roles: readonly string[] = WORKER_ROLES,
): Promise<WorkerProcess> {
  const child: ChildProcess = fork(SERVER_MAIN, [...roles], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', '--import', REPORTER],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const failed = (code: number | null) =>
      reject(new Error(`the workers' process exited (${code}): ${output}`));
    child.once('exit', failed);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('listening on')) {
        child.off('exit', failed);
        resolve();
      }
    });
  });
  const listeners: Array<(report: CommitReport) => void> = [];
  child.on('message', (message: CommitReport) => {
    if (message?.kind === 'commits') for (const listener of listeners) listener(message);
  });
  return {
    pid: child.pid!,
    onCommits: (listener) => void listeners.push(listener),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
