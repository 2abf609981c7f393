import { Link } from 'react-router-dom';
import { Badge, Button } from '@orchestrator/shared/ui';
import type { SaveStatus } from '@orchestrator/shared/ui';
import type { FlowStatus } from '../../contracts/index.ts';
import { AUTOMATIONS_PATH, flowPath } from '../api/flow-paths.ts';
import { FlowStatusBadge } from '../common/FlowStatusBadge.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';

export interface EditorToolbarProps {
  flowId: string;
  name: string;
  status: FlowStatus;
  activeVersion: number | null;
  saveStatus: SaveStatus;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onRetrySave: () => void;
  onLayout: () => void;
  onExport: () => void;
  onImport: () => void;
  onTestRun: () => void;
  /** Pause (no new runs) or resume a published automation. */
  onTogglePause: () => void;
  pausing: boolean;
  /** Test runs run the draft, so it must have no problems. */
  canTest: boolean;
  publishButton: React.ReactNode;
}

/** The editor's header: where you are, whether the draft is saved, and what you can do with it. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { flowId, name, status, activeVersion, saveStatus, readOnly } = props;
  return (
    <header className="flows-toolbar">
      <div className="flows-toolbar__title">
        <Link to={AUTOMATIONS_PATH} className="flows-muted">
          Automations
        </Link>
        <span aria-hidden="true" className="flows-muted">
          /
        </span>
        <h1 className="flows-toolbar__name">{name.trim() || 'Untitled automation'}</h1>
        <FlowStatusBadge status={status} />
        {activeVersion !== null && <Badge tone="neutral">Live: v{activeVersion}</Badge>}
        <SaveIndicator status={saveStatus} onRetry={props.onRetrySave} readOnly={readOnly} />
      </div>
      <div className="flows-toolbar__actions" role="toolbar" aria-label="Editor actions">
        {!readOnly && (
          <>
            <Button
              size="sm"
              variant="ghost"
              onClick={props.onUndo}
              disabled={!props.canUndo}
              aria-keyshortcuts="Control+Z"
            >
              Undo
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={props.onRedo}
              disabled={!props.canRedo}
              aria-keyshortcuts="Control+Shift+Z"
            >
              Redo
            </Button>
            <Button size="sm" onClick={props.onLayout}>
              Auto-layout
            </Button>
            <Button size="sm" onClick={props.onImport}>
              Import JSON
            </Button>
          </>
        )}
        <Button size="sm" onClick={props.onExport}>
          Export JSON
        </Button>
        <Link className="ui-button ui-button--secondary ui-button--sm" to={flowPath(flowId, 'runs')}>
          Runs
        </Link>
        {!readOnly && (
          <Button
            size="sm"
            onClick={props.onTestRun}
            disabled={!props.canTest}
            title={props.canTest ? undefined : 'Fix the problems first.'}
          >
            Test run
          </Button>
        )}
        {!readOnly && activeVersion !== null && (
          <Button size="sm" onClick={props.onTogglePause} loading={props.pausing}>
            {status === 'paused' ? 'Resume' : 'Pause'}
          </Button>
        )}
        {!readOnly && props.publishButton}
      </div>
    </header>
  );
}
