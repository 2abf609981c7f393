import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The web editor bundles the domain: no Node built-ins, no server code, nothing with I/O.
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('flows domain', () => {
  it('imports no Node built-ins and no server code', () => {
    const offenders = sourceFiles(import.meta.dirname).filter((file) =>
      /from '(node:|fs|path|crypto|http|https|net|pg|express)['/]|\/server\//.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
