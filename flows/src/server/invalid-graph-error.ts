import { ValidationError } from '@orchestrator/shared/errors';
import { problemFor } from '@orchestrator/shared/http';
import type { Request, Response } from 'express';
import type { GraphProblem } from '../contracts/index.ts';

/** A graph that cannot be published or test-run: 422 problem+json listing its problems. */
export class InvalidGraphError extends ValidationError {
  constructor(readonly problems: GraphProblem[]) {
    super(
      `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first`,
      problems.map((problem) => ({
        field: problem.nodeId
          ? `graph.nodes.${problem.nodeId}`
          : problem.edgeId
            ? `graph.edges.${problem.edgeId}`
            : 'graph',
        message: problem.message,
      })),
    );
  }
}

/** Answers with the problem document plus the `problems` extension member (RFC 9457 §3.2). */
export function sendInvalidGraph(error: InvalidGraphError, req: Request, res: Response): undefined {
  res
    .status(422)
    .type('application/problem+json')
    .json({ ...problemFor(error, req.originalUrl), problems: error.problems, requestId: req.id });
  return undefined;
}
