import type { SubmissionCategory } from '../../contracts/index.ts';

/** `undefined` is the inbox as the server reads it: inbox and starred (not spam, not archived). */
export type CategoryFilter = SubmissionCategory | 'all' | undefined;

const TABS: {
  value: CategoryFilter;
  label: string;
  count: (counts: Partial<Record<SubmissionCategory, number>>) => number | undefined;
}[] = [
  { value: undefined, label: 'Inbox', count: (counts) => (counts.inbox ?? 0) + (counts.starred ?? 0) },
  { value: 'starred', label: 'Starred', count: (counts) => counts.starred },
  { value: 'archived', label: 'Archived', count: (counts) => counts.archived },
  { value: 'spam', label: 'Spam', count: (counts) => counts.spam },
  { value: 'all', label: 'All', count: () => undefined },
];

export interface CategoryTabsProps {
  value: CategoryFilter;
  onChange: (value: CategoryFilter) => void;
  counts: Partial<Record<SubmissionCategory, number>> | undefined;
}

/** The submission categories as a row of toggle buttons with their counts. */
export function CategoryTabs({ value, onChange, counts }: CategoryTabsProps) {
  return (
    <div className="forms-switch forms-categories" role="group" aria-label="Categories">
      {TABS.map((tab) => {
        const count = counts ? tab.count(counts) : undefined;
        return (
          <button
            key={tab.label}
            type="button"
            className="forms-switch__option"
            aria-pressed={value === tab.value}
            onClick={() => onChange(tab.value)}
          >
            {tab.label}
            {count !== undefined && <span className="forms-switch__count"> {count.toLocaleString()}</span>}
          </button>
        );
      })}
    </div>
  );
}
