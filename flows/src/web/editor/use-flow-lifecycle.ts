import { useState } from 'react';
import { isApiProblem } from '@orchestrator/shared/api-client';
import { useToast } from '@orchestrator/shared/ui';
import type { Flow, GraphProblem } from '../../contracts/index.ts';
import { fetchFlow, publishFlow, refusedGraphProblems, setFlowPaused } from '../api/flows-api.ts';

export interface FlowLifecycle {
  /** The flow as the server last described it: status, active version, unpublished changes. */
  meta: Flow;
  setMeta: (flow: Flow) => void;
  publishing: boolean;
  pausing: boolean;
  /** What the server answered to the last refused publish (it also checks roles and bindings). */
  refused: GraphProblem[] | undefined;
  /** Changes after each publish, so the versions list loads again. */
  versionsKey: number;
  /** Saves what is pending (`flush`), then publishes the draft as the next version. */
  publish: (flush: () => Promise<boolean>) => Promise<void>;
  togglePause: () => Promise<void>;
}

/** Publishing, pausing and resuming an automation from the editor, each said in a toast. */
export function useFlowLifecycle(initial: Flow): FlowLifecycle {
  const toast = useToast();
  const [meta, setMeta] = useState<Flow>(initial);
  const [publishing, setPublishing] = useState(false);
  const [pausing, setPausing] = useState(false);
  const [refused, setRefused] = useState<GraphProblem[]>();
  const [versionsKey, setVersionsKey] = useState(0);
  const failure = (error: unknown) => (error instanceof Error ? error.message : 'try again');

  async function publish(flush: () => Promise<boolean>) {
    setPublishing(true);
    try {
      if (!(await flush())) {
        toast.show('The draft could not be saved, so it was not published. Try again.', { tone: 'danger' });
        return;
      }
      const { version } = await publishFlow(initial.id);
      setRefused(undefined);
      toast.show(
        `Published version ${version}. New runs start on it; runs in flight finish on their own version.`,
        {
          tone: 'success',
        },
      );
      setMeta(await fetchFlow(initial.id));
      setVersionsKey((key) => key + 1);
    } catch (error) {
      if (isApiProblem(error) && error.status === 422) {
        // The server's check is the last word (a role or binding may be missing): its refusal lists them.
        setRefused(refusedGraphProblems(error) ?? []);
        toast.show(`Not published: ${error.detail ?? error.title}`, { tone: 'danger' });
      } else {
        toast.show(`Not published: ${failure(error)}`, { tone: 'danger' });
      }
    } finally {
      setPublishing(false);
    }
  }

  async function togglePause() {
    const pause = meta.status !== 'paused';
    setPausing(true);
    try {
      setMeta(await setFlowPaused(initial.id, pause));
      toast.show(
        pause ? 'Paused: no new runs start; runs in flight go on.' : 'Resumed: new runs start again.',
        {
          tone: 'success',
        },
      );
    } catch (error) {
      toast.show(`${pause ? 'Not paused' : 'Not resumed'}: ${failure(error)}`, { tone: 'danger' });
    } finally {
      setPausing(false);
    }
  }

  return { meta, setMeta, publishing, pausing, refused, versionsKey, publish, togglePause };
}
