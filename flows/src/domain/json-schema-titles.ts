/** `zoneSource` → "Zone source": the label a generated form shows for a field without a title. */
export function titleOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Gives every object property (nested, and in array items) a title from its key, in place. */
export function addPropertyTitles(schema: unknown): void {
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties) {
    for (const [key, property] of Object.entries(properties)) {
      if (property && typeof property === 'object' && property.title === undefined)
        property.title = titleOf(key);
      addPropertyTitles(property);
    }
  }
  if (node.items) addPropertyTitles(node.items);
}
