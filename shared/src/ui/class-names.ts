/** Joins the truthy class names; lets components add modifier classes conditionally. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
