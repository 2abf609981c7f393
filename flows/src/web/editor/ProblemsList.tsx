import type { GraphProblem } from '../../contracts/index.ts';
import { nodeTypeOf } from '../../domain/node-registry.ts';
import { readableMessage } from './config-errors.ts';
import type { EditorNode } from './editor-graph.ts';

export interface ProblemsListProps {
  problems: readonly GraphProblem[];
  nodes: readonly EditorNode[];
  onSelectNode: (nodeId: string) => void;
}

/** What keeps the draft from being published; a problem of a step takes you to it. */
export function ProblemsList({ problems, nodes, onSelectNode }: ProblemsListProps) {
  if (problems.length === 0) {
    return <p className="flows-ok-text">No problems: this draft can be published.</p>;
  }
  const nameOf = (nodeId: string) => {
    const node = nodes.find((candidate) => candidate.id === nodeId);
    return node?.data.label || nodeTypeOf(node?.type ?? '')?.label || nodeId;
  };
  return (
    <ul className="flows-problems" aria-label="Problems to fix before publishing">
      {problems.map((problem, index) => (
        <li key={`${problem.code}-${problem.nodeId ?? ''}-${problem.edgeId ?? ''}-${index}`}>
          {problem.nodeId ? (
            <button
              type="button"
              className="flows-link-button"
              onClick={() => onSelectNode(problem.nodeId as string)}
            >
              {nameOf(problem.nodeId)}
            </button>
          ) : (
            <strong>Automation</strong>
          )}
          : {readableMessage(problem.message)}
        </li>
      ))}
    </ul>
  );
}
