/** A statement holds no answer: the field template shows its title and text. */
export function StatementWidget() {
  return null;
}
