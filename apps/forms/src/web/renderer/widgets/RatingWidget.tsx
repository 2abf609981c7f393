import { useState } from 'react';
import { ariaDescribedByIds, optionId } from '@rjsf/utils';
import type { WidgetProps } from '@rjsf/utils';
import { classNames } from '@orchestrator/shared/ui';

const SHAPES: Record<string, { path: string; noun: string }> = {
  star: {
    path: 'M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6L2.5 9.4l6.6-.8z',
    noun: 'star',
  },
  heart: {
    path: 'M12 20.5s-8-4.9-8-10.6A4.6 4.6 0 0 1 12 7a4.6 4.6 0 0 1 8 2.9c0 5.7-8 10.6-8 10.6z',
    noun: 'heart',
  },
  thumb: {
    path: 'M7 10.5V20H4v-9.5zM9 20h8.3a2 2 0 0 0 2-1.7l1-6A2 2 0 0 0 18.3 10H14l.7-3.6A1.9 1.9 0 0 0 12.8 4L9 10.5z',
    noun: 'thumb',
  },
};

/** Rating 1..max as stars (or hearts, thumbs): a radio group, so arrow keys move between values. */
export function RatingWidget({
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
  const max = typeof options.max === 'number' ? options.max : 5;
  const shape = SHAPES[String(options.shape)] ?? SHAPES.star!;
  const [hovered, setHovered] = useState<number>();
  const shownValue = hovered ?? (typeof value === 'number' ? value : 0);
  return (
    <div id={id} className="pf-rating" onMouseLeave={() => setHovered(undefined)}>
      {Array.from({ length: max }, (_, index) => {
        const step = index + 1;
        return (
          <label
            key={step}
            className={classNames('pf-rating__item', step <= shownValue && 'pf-rating__item--on')}
            onMouseEnter={() => setHovered(step)}
          >
            <input
              id={optionId(id, index)}
              className="pf-rating__input"
              type="radio"
              name={htmlName || id}
              checked={value === step}
              disabled={disabled || readonly}
              autoFocus={autofocus && index === 0}
              aria-invalid={rawErrors?.length ? true : undefined}
              aria-describedby={ariaDescribedByIds(id)}
              onChange={() => onChange(step)}
            />
            <svg className="pf-rating__icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
              <path d={shape.path} />
            </svg>
            <span className="ui-visually-hidden">
              {step} {step === 1 ? shape.noun : `${shape.noun}s`} of {max}
            </span>
          </label>
        );
      })}
    </div>
  );
}
