/** The red asterisk of a required question; screen readers get `aria-required` from the input instead. */
export function RequiredMark() {
  return (
    <span className="pf-question__required" aria-hidden="true">
      {' '}
      *
    </span>
  );
}
