import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import {
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { Segment } from '../../contracts/index.ts';
import { SegmentForm } from './SegmentForm.tsx';
import { SegmentMembersCard } from './SegmentMembersCard.tsx';
import { deleteSegment, evaluateSegment, fetchSegment, SEGMENTS_PATH, segmentPath } from './segments-api.ts';
import { useCanEditSegments } from './use-can-edit-segments.ts';
import './segments.css';

const backLink = (
  <Link className="cdp-link-button ui-button ui-button--ghost" to={SEGMENTS_PATH}>
    ← All segments
  </Link>
);

/** `/customers/segments/new` and `/customers/segments/:segmentId`: the visual segment editor. */
export function SegmentEditorPage() {
  const { segmentId } = useParams();
  return segmentId ? <ExistingSegment segmentId={segmentId} /> : <NewSegment />;
}

function NewSegment() {
  useDocumentTitle('New segment · Customers');
  const navigate = useNavigate();
  const toast = useToast();
  const canEdit = useCanEditSegments();
  return (
    <>
      <PageHeader
        title="New segment"
        description="Describe who belongs in it; the count updates as you build the rule."
        actions={backLink}
      />
      <SegmentForm
        segment={undefined}
        canEdit={canEdit}
        onSaved={(segment) => {
          toast.show(`“${segment.name}” created with ${plural(segment.memberCount, 'customer')}`, {
            tone: 'success',
          });
          navigate(segmentPath(segment.id), { replace: true });
        }}
      />
    </>
  );
}

function ExistingSegment({ segmentId }: { segmentId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const canEdit = useCanEditSegments();
  const load = useCallback((signal: AbortSignal) => fetchSegment(segmentId, signal), [segmentId]);
  const resource = useApiResource(load);
  const segment = resource.data?.id === segmentId ? resource.data : undefined;
  // Bumped when memberships change (saved rule, evaluation), so the members list loads again.
  const [membersVersion, setMembersVersion] = useState(0);
  const [evaluating, setEvaluating] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  useDocumentTitle(segment ? `${segment.name} · Segments` : 'Segment');

  if (!segment) {
    if (resource.loading) return <LoadingState label="Loading segment…" />;
    if (isApiProblem(resource.error) && (resource.error.status === 404 || resource.error.status === 422)) {
      return (
        <>
          <PageHeader title="Segment not found" actions={backLink} />
          <EmptyState title="There is no segment with this address" description="It may have been deleted." />
        </>
      );
    }
    return (
      <>
        <PageHeader title="Segment" actions={backLink} />
        <ErrorState
          error={resource.error}
          onRetry={resource.reload}
          fallbackTitle="Could not load the segment"
        />
      </>
    );
  }

  async function evaluateNow(current: Segment) {
    setEvaluating(true);
    try {
      const result = await evaluateSegment(current.id);
      toast.show(
        `Evaluated: ${plural(result.entered, 'customer')} entered, ${result.exited} left; ${plural(result.memberCount, 'member')} now`,
        { tone: 'success' },
      );
      resource.reload();
      setMembersVersion((version) => version + 1);
    } catch (error) {
      toast.show(
        `Could not evaluate the segment: ${error instanceof Error ? error.message : String(error)}`,
        {
          tone: 'danger',
        },
      );
    } finally {
      setEvaluating(false);
    }
  }

  async function remove(current: Segment) {
    setDeleting(true);
    try {
      await deleteSegment(current.id);
      toast.show(`“${current.name}” deleted`, { tone: 'success' });
      navigate(SEGMENTS_PATH, { replace: true });
    } catch (error) {
      toast.show(`Could not delete the segment: ${error instanceof Error ? error.message : String(error)}`, {
        tone: 'danger',
      });
      setDeleting(false);
    }
  }

  return (
    <>
      <PageHeader
        title={segment.name}
        description={`${plural(segment.memberCount, 'customer')} in it now${segment.timeWindowed ? ' · re-evaluated every few minutes as time windows move' : ''}`}
        actions={
          <>
            {backLink}
            {canEdit && (
              <>
                <Button onClick={() => evaluateNow(segment)} loading={evaluating}>
                  Evaluate now
                </Button>
                <Button variant="danger" onClick={() => setConfirmingDelete(true)}>
                  Delete
                </Button>
              </>
            )}
          </>
        }
      />
      <SegmentForm
        key={segment.updatedAt}
        segment={segment}
        canEdit={canEdit}
        onSaved={(saved) => {
          toast.show(`“${saved.name}” saved; ${plural(saved.memberCount, 'customer')} in it now`, {
            tone: 'success',
          });
          resource.reload();
          setMembersVersion((version) => version + 1);
        }}
      />
      <SegmentMembersCard key={`members-${membersVersion}`} segmentId={segment.id} />
      <Dialog
        open={confirmingDelete}
        onClose={() => !deleting && setConfirmingDelete(false)}
        title="Delete this segment?"
        footer={
          <>
            <Button onClick={() => setConfirmingDelete(false)} disabled={deleting} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" loading={deleting} onClick={() => remove(segment)}>
              Delete segment
            </Button>
          </>
        }
      >
        <p>
          “{segment.name}” and its membership history are deleted. Automations that start when customers enter
          or leave it will no longer start.
        </p>
      </Dialog>
    </>
  );
}

function plural(count: number, noun: string): string {
  return `${new Intl.NumberFormat().format(count)} ${noun}${count === 1 ? '' : 's'}`;
}
