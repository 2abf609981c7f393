/**
 * A Postgres `to_tsquery('simple', …)` text from what a user typed: each word becomes a quoted prefix
 * term (`'ann':*`), all of them required. Quotes and backslashes are stripped, so user input can never
 * be tsquery syntax. Undefined when nothing searchable remains.
 */
export function prefixTsQuery(input: string): string | undefined {
  const words = input
    .normalize('NFC')
    .toLocaleLowerCase('en')
    .split(/[\s'"\\:&|!()<>*]+/u)
    .map((word) => word.trim())
    .filter((word) => word.length > 0)
    .slice(0, 10);
  if (words.length === 0) return undefined;
  return words.map((word) => `'${word}':*`).join(' & ');
}
