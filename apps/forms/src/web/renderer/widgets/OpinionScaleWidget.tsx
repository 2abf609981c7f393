import { ariaDescribedByIds, optionId } from '@rjsf/utils';
import type { WidgetProps } from '@rjsf/utils';
import { classNames } from '@orchestrator/shared/ui';

/** Opinion scale min..max (e.g. 0–10) as a row of numbered options with the labels of both ends. */
export function OpinionScaleWidget({
  id,
  htmlName,
  options,
  value,
  onChange,
  disabled,
  readonly,
  rawErrors,
  autofocus,
}: WidgetProps) {
  const min = typeof options.min === 'number' ? options.min : 0;
  const max = typeof options.max === 'number' ? options.max : 10;
  const minLabel = typeof options.minLabel === 'string' ? options.minLabel : '';
  const maxLabel = typeof options.maxLabel === 'string' ? options.maxLabel : '';
  const steps = Array.from({ length: max - min + 1 }, (_, index) => min + index);
  return (
    <div id={id} className="pf-scale">
      <div
        className="pf-scale__steps"
        style={{ gridTemplateColumns: `repeat(${steps.length}, minmax(0, 1fr))` }}
      >
        {steps.map((step, index) => (
          <label
            key={step}
            className={classNames('pf-scale__step', value === step && 'pf-scale__step--checked')}
          >
            <input
              id={optionId(id, index)}
              className="pf-scale__input"
              type="radio"
              name={htmlName || id}
              checked={value === step}
              disabled={disabled || readonly}
              autoFocus={autofocus && index === 0}
              aria-invalid={rawErrors?.length ? true : undefined}
              aria-describedby={ariaDescribedByIds(id)}
              onChange={() => onChange(step)}
            />
            <span aria-hidden="true">{step}</span>
            <span className="ui-visually-hidden">
              {step}
              {step === min && minLabel ? ` (${minLabel})` : ''}
              {step === max && maxLabel ? ` (${maxLabel})` : ''}
            </span>
          </label>
        ))}
      </div>
      {(minLabel || maxLabel) && (
        <div className="pf-scale__labels" aria-hidden="true">
          <span>{minLabel}</span>
          <span>{maxLabel}</span>
        </div>
      )}
    </div>
  );
}
