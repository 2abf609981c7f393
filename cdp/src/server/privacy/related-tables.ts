import type { Tx } from '@orchestrator/shared/ports';

/**
 * Tables erasure and export handle by name: the profile builder's own, and the consent log.
 * Every other tenant table that holds rows per profile is "related" and found in the catalog.
 */
const OWN_TABLES = ['cdp_profiles', 'cdp_identities', 'cdp_events', 'cdp_merges', 'cdp_profile_consents'];

/**
 * Related tables whose module erases the person's rows itself when `Profile Deleted` reaches it,
 * keeping a scrubbed record: flows cancels the person's runs and replaces their data (the app role
 * may not delete runs). Erasure leaves them to it; export still shows them.
 */
const ERASED_BY_THEIR_MODULE = new Set(['flow_runs']);

/** Column types an export leaves out: vectors and search indexes are derived and unreadable. */
const DERIVED_TYPES = ['vector', 'halfvec', 'sparsevec', 'tsvector'];

/** A table with rows per profile (segment memberships, search documents, embeddings, jobs, …). */
export interface RelatedTable {
  name: string;
  /** Its columns naming a profile: `profile_id`, and any single-column foreign key to cdp_profiles. */
  profileColumns: string[];
  /** What an export shows: every column but tenant_id and derived vectors. */
  exportColumns: string[];
  /** Other related tables it references (their rows must outlive its own during erasure). */
  references: string[];
  canSelect: boolean;
  canDelete: boolean;
}

interface RelatedTableRow {
  name: string;
  profile_columns: string[];
  export_columns: string[];
  references: string[];
  can_select: boolean;
  can_delete: boolean;
}

/**
 * Finds them in pg_catalog (information_schema hides tables the current role may not read, which is
 * exactly what must not go unnoticed), with the current role's privileges, so that tables added by
 * later modules — or absent, like the embeddings table on a server without pgvector — need no code here.
 */
export async function discoverRelatedTables(tx: Tx): Promise<RelatedTable[]> {
  const { rows } = await tx.query<RelatedTableRow>(
    `SELECT c.relname::text AS name,
       ARRAY(SELECT a.attname::text FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
               AND (a.attname = 'profile_id' OR EXISTS (
                 SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f'
                   AND k.confrelid = 'cdp_profiles'::regclass AND k.conkey = ARRAY[a.attnum]))
             ORDER BY a.attnum) AS profile_columns,
       ARRAY(SELECT a.attname::text FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
               AND a.attname <> 'tenant_id' AND t.typname <> ALL($2::text[])
             ORDER BY a.attnum) AS export_columns,
       ARRAY(SELECT DISTINCT r.relname::text FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid
             WHERE k.conrelid = c.oid AND k.contype = 'f' AND r.oid <> c.oid) AS references,
       has_table_privilege(c.oid, 'SELECT') AS can_select,
       has_table_privilege(c.oid, 'DELETE') AS can_delete
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname::text <> ALL($1::text[])
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
     ORDER BY c.relname`,
    [OWN_TABLES, DERIVED_TYPES],
  );
  return rows
    .filter((row) => row.profile_columns.length > 0)
    .map((row) => ({
      name: row.name,
      profileColumns: row.profile_columns,
      exportColumns: row.export_columns,
      references: row.references,
      canSelect: row.can_select,
      canDelete: row.can_delete,
    }));
}

/**
 * Erasure order: a table before the tables it references, so no foreign key stands in the way.
 * Cycles (none today) fall back to name order.
 */
export function deletionOrder(tables: readonly RelatedTable[]): RelatedTable[] {
  const remaining = new Map(tables.map((table) => [table.name, table]));
  const ordered: RelatedTable[] = [];
  while (remaining.size > 0) {
    const referenced = new Set([...remaining.values()].flatMap((table) => table.references));
    const free = [...remaining.values()].filter((table) => !referenced.has(table.name));
    const next = free.length > 0 ? free : [...remaining.values()];
    const pick = next.sort((a, b) => (a.name < b.name ? -1 : 1))[0]!;
    ordered.push(pick);
    remaining.delete(pick.name);
  }
  return ordered;
}

/** Whether erasure leaves this table to its module (see ERASED_BY_THEIR_MODULE). */
export function erasedByTheirModule(table: Pick<RelatedTable, 'name'>): boolean {
  return ERASED_BY_THEIR_MODULE.has(table.name);
}

/** A catalog name as an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `col_a = ANY($1::uuid[]) OR col_b = ANY($1::uuid[])` for the table's profile columns. */
export function profileFilter(table: RelatedTable, parameter = '$1'): string {
  return table.profileColumns
    .map((column) => `${quoteIdentifier(column)} = ANY(${parameter}::uuid[])`)
    .join(' OR ');
}
