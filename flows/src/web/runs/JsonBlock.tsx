/** A titled, scrollable JSON rendering of a step's input or output. */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <figure className="flows-json">
      <figcaption>{title}</figcaption>
      {value === null || value === undefined ? (
        <p className="flows-muted">None</p>
      ) : (
        <pre className="flows-code-block">{JSON.stringify(value, null, 2)}</pre>
      )}
    </figure>
  );
}
