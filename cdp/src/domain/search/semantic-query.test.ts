import { describe, expect, it } from 'vitest';
import { semanticQueryText } from './semantic-query.ts';

describe('semanticQueryText', () => {
  it('drops the words that only name who is searched for', () => {
    expect(semanticQueryText('customers who asked about invoices')).toBe('asked about invoices');
    expect(semanticQueryText('  People,  looking at   pricing ')).toBe('looking at pricing');
    expect(semanticQueryText('Users WHO churned')).toBe('churned');
  });

  it('keeps everything else, and a query made only of such words', () => {
    expect(semanticQueryText('invoice disputes over 100€')).toBe('invoice disputes over 100€');
    expect(semanticQueryText('customers')).toBe('customers');
    expect(semanticQueryText('   ')).toBe('');
  });
});
