import { useId, useState } from 'react';
import { Button, Checkbox, Select } from '@orchestrator/shared/ui';
import type { SegmentVocabulary } from '../../contracts/index.ts';
import { EventConditionEditor, TraitConditionEditor } from './ConditionEditors.tsx';
import {
  canNestGroup,
  emptyEvent,
  emptyGroup,
  emptyTrait,
  updateNode,
  type DraftGroup,
  type DraftNode,
} from './rule-draft.ts';

export interface RuleBuilderProps {
  root: DraftGroup;
  problems: ReadonlyMap<string, string>;
  vocabulary: SegmentVocabulary;
  disabled: boolean;
  onChange: (root: DraftGroup) => void;
}

const COMBINATOR_OPTIONS = [
  { value: 'and', label: 'all of these conditions' },
  { value: 'or', label: 'any of these conditions' },
];

/**
 * The visual rule editor: nested AND/OR groups, each group and condition negatable, trait and event
 * conditions. Native controls throughout, so it is used with the keyboard like any form.
 */
export function RuleBuilder({ root, problems, vocabulary, disabled, onChange }: RuleBuilderProps) {
  const traitsId = useId();
  const eventsId = useId();
  // A condition or group just added takes the focus, so keyboard users carry on where it appeared.
  const [added, setAdded] = useState<string>();
  const update = (id: string, change: (node: DraftNode) => DraftNode | null) =>
    onChange(updateNode(root, id, change));
  return (
    <div className="seg-rule">
      <GroupEditor
        group={root}
        depth={1}
        problems={problems}
        suggestions={{ traits: traitsId, events: eventsId }}
        disabled={disabled}
        update={update}
        added={added}
        onAdded={setAdded}
      />
      <datalist id={traitsId}>
        {vocabulary.traits.map((trait) => (
          <option key={trait} value={trait} />
        ))}
      </datalist>
      <datalist id={eventsId}>
        {vocabulary.events.map((event) => (
          <option key={event} value={event} />
        ))}
      </datalist>
    </div>
  );
}

interface GroupEditorProps {
  group: DraftGroup;
  depth: number;
  problems: ReadonlyMap<string, string>;
  suggestions: { traits: string; events: string };
  disabled: boolean;
  update: (id: string, change: (node: DraftNode) => DraftNode | null) => void;
  /** The id of the node added last (it takes the focus when it mounts). */
  added: string | undefined;
  onAdded: (id: string) => void;
}

function GroupEditor({
  group,
  depth,
  problems,
  suggestions,
  disabled,
  update,
  added,
  onAdded,
}: GroupEditorProps) {
  const isRoot = depth === 1;
  const add = (node: DraftNode) => {
    update(group.id, (current) =>
      current.kind === 'group' ? { ...current, children: [...current.children, node] } : current,
    );
    onAdded(node.id);
  };
  const problem = problems.get(group.id);
  const problemId = `${group.id}-problem`;
  return (
    <fieldset
      className={isRoot ? 'seg-group seg-group--root' : 'seg-group'}
      aria-describedby={problem ? problemId : undefined}
    >
      <legend className="seg-group__legend">{isRoot ? 'Customers who match' : 'Group'}</legend>
      <div className="seg-group__bar">
        {!isRoot && (
          <Checkbox
            className="seg-group__not"
            label="Not (customers who do not match this group)"
            checked={group.negated}
            disabled={disabled}
            onChange={(event) => update(group.id, (node) => ({ ...node, negated: event.target.checked }))}
          />
        )}
        <Select
          label={isRoot ? 'Customers must match' : 'Match'}
          autoFocus={added === group.id}
          options={COMBINATOR_OPTIONS}
          value={group.combinator}
          disabled={disabled}
          onChange={(event) =>
            update(group.id, (node) =>
              node.kind === 'group' ? { ...node, combinator: event.target.value as 'and' | 'or' } : node,
            )
          }
        />
        {!isRoot && (
          <Button size="sm" variant="ghost" disabled={disabled} onClick={() => update(group.id, () => null)}>
            Remove group
          </Button>
        )}
      </div>
      {group.children.length === 0 ? (
        <p className="cdp-muted seg-group__empty">
          {group.combinator === 'and'
            ? 'No conditions yet: every customer matches.'
            : 'No conditions yet: no customer matches.'}
        </p>
      ) : (
        <ol className="seg-group__children">
          {group.children.map((child) => (
            <li key={child.id} className="seg-group__child">
              {child.kind === 'group' ? (
                <GroupEditor
                  group={child}
                  depth={depth + 1}
                  problems={problems}
                  suggestions={suggestions}
                  disabled={disabled}
                  update={update}
                  added={added}
                  onAdded={onAdded}
                />
              ) : child.kind === 'trait' ? (
                <TraitConditionEditor
                  node={child}
                  problem={problems.get(child.id)}
                  suggestions={suggestions}
                  disabled={disabled}
                  autoFocus={added === child.id}
                  onChange={(changed) => update(child.id, () => changed)}
                  onRemove={() => update(child.id, () => null)}
                />
              ) : (
                <EventConditionEditor
                  node={child}
                  problem={problems.get(child.id)}
                  suggestions={suggestions}
                  disabled={disabled}
                  autoFocus={added === child.id}
                  onChange={(changed) => update(child.id, () => changed)}
                  onRemove={() => update(child.id, () => null)}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {!disabled && (
        <div className="seg-group__actions">
          <Button size="sm" onClick={() => add(emptyTrait())}>
            Add trait condition
          </Button>
          <Button size="sm" onClick={() => add(emptyEvent())}>
            Add event condition
          </Button>
          {canNestGroup(depth) && (
            <Button
              size="sm"
              onClick={() => add({ ...emptyGroup(group.combinator === 'and' ? 'or' : 'and') })}
            >
              Add group
            </Button>
          )}
        </div>
      )}
      {problem && (
        <p id={problemId} className="ui-field__error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
