import type { ConditionOperator, ConditionValue, Field } from '../../contracts/index.ts';

export interface OperatorOption {
  value: ConditionOperator;
  label: string;
}

const TEXT: OperatorOption[] = [
  { value: 'is', label: 'is' },
  { value: 'is_not', label: 'is not' },
  { value: 'contains', label: 'contains' },
  { value: 'not_contains', label: 'does not contain' },
];
const NUMBER: OperatorOption[] = [
  { value: 'eq', label: 'equals' },
  { value: 'neq', label: 'does not equal' },
  { value: 'gt', label: 'is more than' },
  { value: 'gte', label: 'is at least' },
  { value: 'lt', label: 'is less than' },
  { value: 'lte', label: 'is at most' },
];
const DATE: OperatorOption[] = [
  { value: 'eq', label: 'is on' },
  { value: 'neq', label: 'is not on' },
  { value: 'lt', label: 'is before' },
  { value: 'lte', label: 'is on or before' },
  { value: 'gt', label: 'is after' },
  { value: 'gte', label: 'is on or after' },
];
const ANSWERED: OperatorOption[] = [
  { value: 'is_not_empty', label: 'is answered' },
  { value: 'is_empty', label: 'is not answered' },
];

/** The comparisons that make sense for a field's answers, worded for that kind. */
export function operatorsFor(field: Field): OperatorOption[] {
  switch (field.kind) {
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'url':
    case 'phone':
      return [...TEXT, ...ANSWERED];
    case 'number':
    case 'rating':
    case 'opinion_scale':
      return [...NUMBER, ...ANSWERED];
    case 'date':
      return [...DATE, ...ANSWERED];
    case 'yes_no':
    case 'legal_consent':
    case 'single_choice':
    case 'dropdown':
      return [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }, ...ANSWERED];
    case 'multiple_choice':
      return [
        { value: 'contains', label: 'includes' },
        { value: 'not_contains', label: 'does not include' },
        ...ANSWERED,
      ];
    case 'file_upload':
      return ANSWERED;
    case 'statement':
      // A statement has no answer: its rule always applies.
      return [{ value: 'is_empty', label: 'is shown (always)' }];
    default:
      return ANSWERED;
  }
}

export function takesValue(operator: ConditionOperator): boolean {
  return operator !== 'is_empty' && operator !== 'is_not_empty';
}

/** A starting value for a condition on this field (the first option, Yes, 0…). */
export function defaultValue(field: Field): ConditionValue | undefined {
  switch (field.kind) {
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return field.options[0]?.label;
    case 'yes_no':
    case 'legal_consent':
      return true;
    case 'number':
      return 0;
    case 'rating':
      return 3;
    case 'opinion_scale':
      return 7;
    default:
      return '';
  }
}
