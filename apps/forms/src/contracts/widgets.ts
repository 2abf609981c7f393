/**
 * Custom @rjsf widget names the compiled uiSchema uses (`ui:widget`). The public page (and the builder's
 * preview) must register each of these in `widgets`; every other field uses @rjsf's built-in widgets
 * (`text`, `textarea`, `email`, `uri`, `radio`, `select`, `checkboxes`, `checkbox`, `date`, `datetime`,
 * `updown`, `file`, `hidden`).
 *
 * `ui:options` the server puts next to them:
 * - rating: `{ max, shape }`; the value is an integer 1..max
 * - opinionScale: `{ min, max, minLabel?, maxLabel? }`; the value is an integer min..max
 * - choiceWithOther: `{ choices: string[] }`; the value is one of `choices` or free text
 * - checkboxesWithOther: `{ choices: string[], min?, max? }`; the value is an array of choices and free texts
 * - phone: `{ defaultCountry? }`; a string like `+44 20 7946 0958`
 * - statement: `{ buttonLabel? }`; a `type: "null"` property with no value, only title and description
 *
 * Every field's uiSchema entry also carries `ui:options.kind` (the field kind), so a page can choose
 * per-kind rendering without looking the field up.
 */
export const FORM_WIDGETS = {
  rating: 'rating',
  opinionScale: 'opinionScale',
  choiceWithOther: 'choiceWithOther',
  checkboxesWithOther: 'checkboxesWithOther',
  phone: 'phone',
  statement: 'statement',
} as const;
export type FormWidget = (typeof FORM_WIDGETS)[keyof typeof FORM_WIDGETS];
