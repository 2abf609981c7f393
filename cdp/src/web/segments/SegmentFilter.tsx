import { useApiResource } from '@orchestrator/shared/api-client';
import { Select } from '@orchestrator/shared/ui';
import { listSegments } from './segments-api.ts';
import './segments.css';

export interface SegmentFilterProps {
  /** A segment id, or '' for every customer. */
  value: string;
  onChange: (segmentId: string) => void;
}

/** The Customers list's segment filter: every segment of the workspace, by name. */
export function SegmentFilter({ value, onChange }: SegmentFilterProps) {
  const segments = useApiResource(listSegments);
  const options = (segments.data ?? []).map((segment) => ({
    value: segment.id,
    label: `${segment.name} (${segment.memberCount})`,
  }));
  // A filter from a link whose segment is not (yet) listed still shows as selected.
  if (value && !options.some((option) => option.value === value)) {
    options.push({ value, label: segments.loading ? 'Loading…' : 'Unknown segment' });
  }
  return (
    <Select
      label="Segment"
      placeholder="All customers"
      options={options}
      value={value}
      hint={segments.error ? 'Segments could not be loaded.' : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
