import type { Field } from '../../contracts/index.ts';
import { describeDataUrl, formatBytes } from '../renderer/widgets/file-data-url.ts';

/** An answer as text: lists joined, yes/no, files by name (downloadable), dates as given. */
export function AnswerText({
  field,
  value,
  full = false,
}: {
  field?: Field;
  value: unknown;
  full?: boolean;
}) {
  if (value === undefined || value === null || value === '') return <span className="forms-muted">—</span>;
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (typeof value === 'boolean') {
    return (
      <>{field?.kind === 'legal_consent' ? (value ? 'Accepted' : 'Not accepted') : value ? 'Yes' : 'No'}</>
    );
  }
  const file = field?.kind === 'file_upload' ? describeDataUrl(value) : undefined;
  if (file) {
    return (
      <a href={String(value)} download={file.name}>
        {file.name}
        {full && ` (${formatBytes(file.bytes)})`}
      </a>
    );
  }
  const text = String(value);
  return <span className={full ? 'forms-answer--full' : 'forms-answer'}>{text}</span>;
}
