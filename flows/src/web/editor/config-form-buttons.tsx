import type { IconButtonProps } from '@rjsf/utils';

/**
 * @rjsf's array buttons with words instead of icon fonts the suite does not load (an empty square
 * tells nobody what it does). Extra props (registry, uiSchema, icon…) are not for the DOM.
 */
function textButton(text: string, variant: 'add' | 'remove' | 'move') {
  function TextButton({ onClick, disabled, title, className }: IconButtonProps) {
    return (
      <button
        type="button"
        className={`flows-config-button flows-config-button--${variant}${className ? ` ${className}` : ''}`}
        onClick={onClick}
        disabled={disabled}
        aria-label={title ?? text}
      >
        {text}
      </button>
    );
  }
  return TextButton;
}

export const configFormButtons = {
  AddButton: textButton('+ Add', 'add'),
  RemoveButton: textButton('Remove', 'remove'),
  MoveUpButton: textButton('↑', 'move'),
  MoveDownButton: textButton('↓', 'move'),
  CopyButton: textButton('Copy', 'move'),
};
