import { systemQueryable } from '@orchestrator/shared/db';
import type { Database, Queryable } from '@orchestrator/shared/ports';

interface Queued<Request, Result> {
  request: Request;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group execution of one kind of write for many runs: requests queued while a group is in flight go
 * together into the next, as one multi-row statement (`many` returns a result per request, in order),
 * so N runs in the same phase cost one round trip and one commit. `many` gets a handle that runs each
 * statement as the owner, committed on its own (`Database.systemQuery`: no BEGIN and COMMIT round
 * trips), so it must write with a single statement. If the group's statement fails, nothing of it was
 * committed and each request is tried again alone, so one failing run never takes others down.
 */
export class StatementBatcher<Request, Result> {
  private queue: Array<Queued<Request, Result>> = [];
  private flushers = 0;
  private scheduled = false;

  constructor(
    private readonly database: Database,
    private readonly many: (db: Queryable, requests: readonly Request[]) => Promise<Result[]>,
    /** Groups in flight at once (PGlite runs one transaction at a time anyway). */
    private readonly parallel = database.engine === 'pglite' ? 1 : 2,
    private readonly maxGroup = 200,
  ) {}

  run(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      // Runs advanced together reach here in the same turn of the event loop: let them all queue
      // before a group starts, instead of the first going alone and the rest a statement later.
      if (this.flushers < this.parallel && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.flush();
        });
      }
    });
  }

  private async flush(): Promise<void> {
    this.flushers += 1;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        try {
          const results = await this.execute(group.map((queued) => queued.request));
          group.forEach((queued, index) => queued.resolve(results[index]!));
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          await Promise.all(
            group.map(async (queued) => {
              try {
                queued.resolve((await this.execute([queued.request]))[0]!);
              } catch (alone) {
                queued.reject(alone);
              }
            }),
          );
        }
      }
    } finally {
      this.flushers -= 1;
    }
  }

  private execute(requests: readonly Request[]): Promise<Result[]> {
    return this.many(systemQueryable(this.database), requests);
  }
}
