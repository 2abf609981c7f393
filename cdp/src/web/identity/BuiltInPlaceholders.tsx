import {
  BUILT_IN_BLOCKED_PATTERNS,
  BUILT_IN_BLOCKED_VALUES,
} from '../../domain/blocked-identifier-values.ts';

/** What is blocked in every workspace, in words: the values SDKs, templates and QA leave in id fields. */
export function BuiltInPlaceholders() {
  return (
    <details className="cdp-identity__builtins">
      <summary>Built-in placeholders, blocked in every workspace</summary>
      <p className="cdp-identity__note">
        Any of these, shared by thousands of people, would merge them all into one customer. They are compared
        without regard to case or surrounding spaces, for every identifier type.
      </p>
      <ul className="cdp-identity__patterns">
        {BUILT_IN_BLOCKED_PATTERNS.map(({ description, examples }) => (
          <li key={`${description}:${examples[0]}`}>
            {description}, e.g.{' '}
            {examples.map((example, index) => (
              <span key={example}>
                {index > 0 && ', '}
                <code className="cdp-code">{example}</code>
              </span>
            ))}
          </li>
        ))}
        <li>
          These values:{' '}
          {BUILT_IN_BLOCKED_VALUES.map((value, index) => (
            <span key={value}>
              {index > 0 && ' '}
              <code className="cdp-code">{value === '' ? '(empty)' : value}</code>
            </span>
          ))}
        </li>
      </ul>
    </details>
  );
}
