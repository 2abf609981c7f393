/** Ids of the hint and error texts of a field, and the aria-describedby that points at the ones shown. */
export function fieldDescription(id: string, hint: string | undefined, error: string | undefined) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ');
  return { hintId, errorId, describedBy: describedBy || undefined };
}
