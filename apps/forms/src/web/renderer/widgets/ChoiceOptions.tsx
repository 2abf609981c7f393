import { useRef } from 'react';
import { ariaDescribedByIds, optionId } from '@rjsf/utils';
import { classNames } from '@orchestrator/shared/ui';

export interface OtherOption {
  checked: boolean;
  text: string;
  onCheck: (checked: boolean) => void;
  onText: (text: string) => void;
}

export interface ChoiceOptionsProps {
  id: string;
  name: string;
  multiple: boolean;
  labels: readonly string[];
  isChecked: (index: number) => boolean;
  onCheck: (index: number, checked: boolean) => void;
  /** An "Other" choice with a text box of its own. */
  other?: OtherOption;
  disabled?: boolean;
  invalid: boolean;
  autofocus?: boolean;
}

const letter = (index: number) => (index < 26 ? String.fromCharCode(65 + index) : String(index + 1));

/**
 * Options as large click targets with a letter each (A, B, C…), built on real radio buttons or check
 * boxes: arrow keys, Space and screen readers work as with any native group.
 */
export function ChoiceOptions({
  id,
  name,
  multiple,
  labels,
  isChecked,
  onCheck,
  other,
  disabled,
  invalid,
  autofocus,
}: ChoiceOptionsProps) {
  const type = multiple ? 'checkbox' : 'radio';
  const describedBy = ariaDescribedByIds(id);
  // Choosing "Other" moves focus to its text box (but restoring a saved answer does not).
  const focusOther = useRef(false);
  return (
    <div id={id} className="pf-choices">
      {labels.map((label, index) => {
        const checked = isChecked(index);
        return (
          <label key={label} className={classNames('pf-choice', checked && 'pf-choice--checked')}>
            <input
              id={optionId(id, index)}
              className="pf-choice__input"
              type={type}
              name={name}
              checked={checked}
              disabled={disabled}
              autoFocus={autofocus && index === 0}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => onCheck(index, event.target.checked)}
            />
            <span className="pf-choice__key" aria-hidden="true">
              {letter(index)}
            </span>
            <span className="pf-choice__label">{label}</span>
          </label>
        );
      })}
      {other && (
        <div className={classNames('pf-choice pf-choice--other', other.checked && 'pf-choice--checked')}>
          <label className="pf-choice__other-label">
            <input
              className="pf-choice__input"
              type={type}
              name={name}
              checked={other.checked}
              disabled={disabled}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                focusOther.current = event.target.checked;
                other.onCheck(event.target.checked);
              }}
            />
            <span className="pf-choice__key" aria-hidden="true">
              {letter(labels.length)}
            </span>
            <span className="pf-choice__label">Other</span>
          </label>
          {other.checked && (
            <input
              className="ui-input pf-choice__other-input"
              aria-label="Your other answer"
              value={other.text}
              disabled={disabled}
              maxLength={500}
              placeholder="Type your answer"
              ref={(node) => {
                if (node && focusOther.current) {
                  focusOther.current = false;
                  node.focus();
                }
              }}
              onChange={(event) => other.onText(event.target.value)}
            />
          )}
        </div>
      )}
    </div>
  );
}
