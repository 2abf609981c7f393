import type { Request, Response } from 'express';
import type { Clock, Database } from '@orchestrator/shared/ports';
import { eventExportPages } from './event-export-pages.ts';
import { readExportSnapshot } from './export-snapshot.ts';
import type { PrivacyActor } from './privacy-actor.ts';
import { ClientGoneError, ResponseWriter } from './response-writer.ts';

/**
 * GDPR export (Art. 15/20): one JSON document with everything about a person, sent as a download.
 * Everything but the events is read (and the export audited) in one transaction first, so a missing
 * profile is a proper 404. Then the document is streamed: its head, and the events page by page
 * (`"events"` is the last member), so its size is bounded by nothing but the timeline.
 */
export class ProfileExporter {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async export(
    tenantId: string,
    profileId: string,
    actor: PrivacyActor,
    req: Request,
    res: Response,
  ): Promise<void> {
    const { head, treeIds } = await this.database.tenantTx(tenantId, (tx) =>
      readExportSnapshot(tx, tenantId, profileId, this.clock.now(), actor),
    );
    res.status(200);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="customer-${head.profileId}.json"`);
    // Personal data: no cache anywhere may keep a copy.
    res.setHeader('cache-control', 'no-store');
    const writer = new ResponseWriter(res);
    try {
      // The head serialized, reopened to append the events as its last member.
      await writer.write(`${JSON.stringify(head).slice(0, -1)},"events":[`);
      let first = true;
      for await (const page of eventExportPages(this.database, tenantId, treeIds)) {
        const items = page.map((event) => JSON.stringify(event)).join(',');
        await writer.write(first ? items : `,${items}`);
        first = false;
      }
      writer.end(']}');
    } catch (error) {
      // Headers are gone: no problem+json can follow. Cut the connection so the download is seen as
      // broken rather than saved as a document that looks complete.
      if (!(error instanceof ClientGoneError))
        req.log.error({ err: error }, 'Profile export failed mid-stream');
      res.destroy();
    }
  }
}
