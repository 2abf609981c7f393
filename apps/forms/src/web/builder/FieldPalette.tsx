import type { FieldKind } from '../../contracts/index.ts';
import { KINDS } from './field-kinds.ts';

const GROUPS = ['Text', 'Choice', 'Scale & other', 'Screens'] as const;

/** Every field kind as a button; a click adds a field of that kind after the selected one. */
export function FieldPalette({ onAdd, disabled }: { onAdd: (kind: FieldKind) => void; disabled: boolean }) {
  return (
    <div className="forms-palette">
      {GROUPS.map((group) => (
        <section key={group} className="forms-palette__group" aria-label={group}>
          <h3 className="forms-palette__heading">{group}</h3>
          <ul className="forms-palette__list">
            {KINDS.filter((info) => info.group === group).map((info) => (
              <li key={info.kind}>
                <button
                  type="button"
                  className="forms-palette__item"
                  onClick={() => onAdd(info.kind)}
                  disabled={disabled}
                  aria-label={`Add ${info.label.toLowerCase()}`}
                >
                  <span className="forms-palette__glyph" aria-hidden="true">
                    {info.glyph}
                  </span>
                  {info.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
