/**
 * Words that only say *who* is searched for. Every profile is a customer, so in "customers who asked
 * about invoices" they carry no meaning — but they do pull an embedding towards whatever text happens
 * to share their features (with the local hashing embedding, far more than the one word that matters).
 */
const POPULATION_WORDS = new Set([
  'anybody',
  'anyone',
  'buyer',
  'buyers',
  'client',
  'clients',
  'contact',
  'contacts',
  'customer',
  'customers',
  'everyone',
  'folks',
  'lead',
  'leads',
  'people',
  'person',
  'persons',
  'profile',
  'profiles',
  'somebody',
  'someone',
  'those',
  'user',
  'users',
  'visitor',
  'visitors',
  'which',
  'who',
  'whom',
]);

/**
 * The part of a search description that says what to look for: population words ("customers who",
 * "people") removed, whitespace collapsed. A query made only of such words is kept as it is.
 */
export function semanticQueryText(query: string): string {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const meaningful = words.filter(
    (word) => !POPULATION_WORDS.has(word.toLowerCase().replace(/[^\p{L}]/gu, '')),
  );
  return (meaningful.length > 0 ? meaningful : words).join(' ');
}
