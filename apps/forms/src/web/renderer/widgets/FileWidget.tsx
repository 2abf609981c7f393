import { useState } from 'react';
import { ariaDescribedByIds } from '@rjsf/utils';
import type { WidgetProps } from '@rjsf/utils';
import { Button } from '@orchestrator/shared/ui';
import { describeDataUrl, formatBytes, readFileAsDataUrl } from './file-data-url.ts';

/** File upload: one file, kept in the answer as a data: URL; the size limit is checked before reading. */
export function FileWidget({
  id,
  htmlName,
  value,
  required,
  onChange,
  options,
  disabled,
  readonly,
  rawErrors,
  autofocus,
}: WidgetProps) {
  const maxKb = typeof options.maxSizeKb === 'number' ? options.maxSizeKb : 200;
  const accept = typeof options.accept === 'string' ? options.accept : undefined;
  const [problem, setProblem] = useState<string>();
  const chosen = describeDataUrl(value);
  const problemId = `${id}__file-problem`;

  async function choose(file: File | undefined) {
    setProblem(undefined);
    if (!file) return;
    if (file.size > maxKb * 1024) {
      setProblem(`“${file.name}” is ${formatBytes(file.size)}; files can be at most ${maxKb} KB.`);
      return;
    }
    try {
      onChange(await readFileAsDataUrl(file));
    } catch {
      setProblem(`“${file.name}” could not be read. Try another file.`);
    }
  }

  return (
    <div className="pf-file">
      {chosen ? (
        <div className="pf-file__chosen">
          <span className="pf-file__name">{chosen.name}</span>
          <span className="pf-file__size">{formatBytes(chosen.bytes)}</span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange(undefined)}
            disabled={disabled || readonly}
          >
            Remove<span className="ui-visually-hidden"> {chosen.name}</span>
          </Button>
        </div>
      ) : (
        <input
          id={id}
          name={htmlName || id}
          type="file"
          className="pf-file__input"
          accept={accept}
          disabled={disabled || readonly}
          autoFocus={autofocus}
          aria-required={required || undefined}
          aria-invalid={rawErrors?.length || problem ? true : undefined}
          aria-describedby={`${ariaDescribedByIds(id)} ${problemId}`}
          onChange={(event) => void choose(event.target.files?.[0])}
        />
      )}
      <p className="pf-file__hint">Up to {maxKb} KB.</p>
      {problem && (
        <p id={problemId} className="ui-field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
