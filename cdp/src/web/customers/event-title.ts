import type { ProfileEvent } from './customers-api.ts';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A one-line summary of what happened, in the words of the Segment spec's call types. */
export function eventTitle(event: ProfileEvent): string {
  const { properties } = event;
  switch (event.type) {
    case 'track':
      return event.event ?? 'Tracked an event';
    case 'page': {
      const page =
        text(event.event) ?? text(properties.name) ?? text(properties.title) ?? text(properties.path);
      return page ? `Viewed page ${page}` : 'Viewed a page';
    }
    case 'screen': {
      const screen = text(event.event) ?? text(properties.name);
      return screen ? `Viewed screen ${screen}` : 'Viewed a screen';
    }
    case 'identify':
      return 'Identified';
    case 'group':
      return 'Joined a group';
    case 'alias':
      return 'Linked a previous id';
    default:
      return event.event ?? event.type;
  }
}

/** Source label for an event: the source's name, "Suite modules" for the suite's own events. */
export function sourceLabel(sourceId: string, sourceNames: ReadonlyMap<string, string>): string {
  if (sourceId === 'internal') return 'Suite modules';
  return sourceNames.get(sourceId) ?? `Source ${sourceId.slice(0, 8)}`;
}
