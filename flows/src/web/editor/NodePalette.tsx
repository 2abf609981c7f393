import type { DragEvent } from 'react';
import { Icon } from '@orchestrator/shared/ui';
import type { IconName } from '@orchestrator/shared/ui';
import type { AnyNodeType } from '../../domain/node-registry.ts';

export const NODE_TYPE_DRAG_FORMAT = 'application/x-orchestrator-flow-node';

const GROUPS = [
  { category: 'trigger', title: 'Triggers' },
  { category: 'logic', title: 'Logic' },
  { category: 'action', title: 'Actions' },
] as const;

export interface NodePaletteProps {
  nodeTypes: readonly AnyNodeType[];
  disabled: boolean;
  /** Adds the step next to the selected one (keyboard and click); dropping on the canvas places it there. */
  onAdd: (type: string) => void;
}

/** The steps this server can run, grouped; drag one onto the canvas, or press it to add it. */
export function NodePalette({ nodeTypes, disabled, onAdd }: NodePaletteProps) {
  function startDrag(event: DragEvent<HTMLButtonElement>, type: string) {
    event.dataTransfer.setData(NODE_TYPE_DRAG_FORMAT, type);
    event.dataTransfer.effectAllowed = 'copy';
  }
  return (
    <nav className="flows-palette" aria-label="Steps to add">
      {GROUPS.map(({ category, title }) => {
        const items = nodeTypes.filter((definition) => definition.category === category);
        if (items.length === 0) return null;
        return (
          <section key={category} className="flows-palette__group" aria-labelledby={`palette-${category}`}>
            <h2 id={`palette-${category}`} className="flows-palette__title">
              {title}
            </h2>
            <ul>
              {items.map((definition) => (
                <li key={definition.type}>
                  <button
                    type="button"
                    className="flows-palette__item"
                    style={{ '--flows-node-color': definition.color } as React.CSSProperties}
                    draggable={!disabled}
                    disabled={disabled}
                    data-node-type={definition.type}
                    title={definition.description}
                    aria-label={`Add ${definition.label}`}
                    onDragStart={(event) => startDrag(event, definition.type)}
                    onClick={() => onAdd(definition.type)}
                  >
                    <span className="flows-palette__icon">
                      <Icon name={definition.icon as IconName} />
                    </span>
                    <span>{definition.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
