import type { FlowEdge, FlowExport, FlowNode } from '../../contracts/index.ts';

/** A ready flow offered in the editor: copied into a new draft in one click, then edited freely. */
export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  flow: FlowExport;
}

const COLUMN_WIDTH = 300;
const ROW_HEIGHT = 170;

/** Laid out left to right: `column` is the step's depth, `row` its branch (0 the main line). */
export function templateNode(
  id: string,
  type: string,
  config: Record<string, unknown>,
  column: number,
  row = 0,
  label?: string,
): FlowNode {
  return {
    id,
    type,
    position: { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT },
    data: { config, ...(label ? { label } : {}) },
  };
}

export function templateEdge(source: string, target: string, sourceHandle = 'next'): FlowEdge {
  return { id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target, targetHandle: 'in' };
}
