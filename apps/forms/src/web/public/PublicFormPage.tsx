import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import { ErrorState, LoadingState, classNames } from '@orchestrator/shared/ui';
import type { AnswerValue, PublicFormResponse } from '../../contracts/index.ts';
import { FormRenderer } from '../renderer/FormRenderer.tsx';
import type { Answers } from '../renderer/logic.ts';
import type { FormProgress } from '../renderer/types.ts';
import { EMBED_REDIRECT_MESSAGE, isEmbedded, postToParent } from './embed-messages.ts';
import { clearAttempt, newIdempotencyKey, readAttempt, writeAttempt } from './progress-storage.ts';
import { fetchPublicForm, submitResponse } from './public-api.ts';
import { PublicProblem } from './PublicProblem.tsx';
import { useEmbedHeight } from './use-embed-height.ts';
import './public.css';

interface Attempt {
  idempotencyKey: string;
  startedAt: string;
  version: number | undefined;
  progress: FormProgress | undefined;
}

function freshAttempt(): Attempt {
  return {
    idempotencyKey: newIdempotencyKey(),
    startedAt: new Date().toISOString(),
    version: undefined,
    progress: undefined,
  };
}

/** Hidden fields come from the query string (`?utm_source=newsletter`); only declared names are kept. */
function hiddenFieldValues(form: PublicFormResponse, search: URLSearchParams): Record<string, string> {
  return Object.fromEntries(
    form.hiddenFields
      .map(({ name }) => [name, search.get(name)] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== null)
      .map(([name, value]) => [name, value.slice(0, 2000)]),
  );
}

/** The public page of a published form at /f/:slug; no sign-in. */
export function PublicFormPage({ slug }: { slug: string }) {
  const [search] = useSearchParams();
  const embedded = isEmbedded(search);
  const pageRef = useRef<HTMLElement>(null);
  // An unfinished response in this browser resumes: same answers, same version, same idempotency key.
  const [attempt, setAttempt] = useState<Attempt>(() => {
    const stored = readAttempt(slug);
    if (!stored) return freshAttempt();
    const { idempotencyKey, startedAt, version, progress } = stored;
    return { idempotencyKey, startedAt, version, progress };
  });
  const [startVersion] = useState(attempt.version);
  const load = useCallback(
    (signal: AbortSignal) => fetchPublicForm(slug, startVersion, signal),
    [slug, startVersion],
  );
  const resource = useApiResource(load);
  const form = resource.data;
  useEmbedHeight(pageRef, slug, embedded);

  useEffect(() => {
    if (form) document.title = form.title;
  }, [form]);

  const saveProgress = useCallback(
    (progress: FormProgress) => {
      if (!form) return;
      writeAttempt(slug, { ...attempt, version: form.version, progress });
    },
    [slug, form, attempt],
  );

  async function submit(answers: Answers, honeypot: string) {
    if (!form) throw new Error('The form is not loaded');
    const outcome = await submitResponse(slug, {
      answers: answers as Record<string, AnswerValue>,
      hiddenFields: hiddenFieldValues(form, search),
      idempotencyKey: attempt.idempotencyKey,
      startedAt: attempt.startedAt,
      version: form.version,
      ...(honeypot ? { website: honeypot } : {}),
    });
    if (outcome.status === 'submitted') {
      clearAttempt(slug);
      const { redirectUrl } = form.settings;
      if (redirectUrl) {
        if (embedded) postToParent({ type: EMBED_REDIRECT_MESSAGE, slug, url: redirectUrl });
        else window.location.assign(redirectUrl);
      }
    }
    return outcome;
  }

  let content;
  if (form) {
    const redirectHost = form.settings.redirectUrl ? new URL(form.settings.redirectUrl).host : undefined;
    content = (
      <FormRenderer
        form={form}
        idPrefix="answer"
        initialProgress={attempt.progress}
        onProgress={saveProgress}
        onSubmit={submit}
        afterSubmitNote={redirectHost ? `Taking you to ${redirectHost}…` : undefined}
        onRestart={() => setAttempt(freshAttempt())}
      />
    );
  } else if (resource.loading) {
    content = <LoadingState label="Loading the form…" />;
  } else if (isApiProblem(resource.error) && [404, 409, 410].includes(resource.error.status)) {
    content = <PublicProblem problem={resource.error} />;
  } else {
    content = (
      <div className="pf-page__problem">
        <ErrorState
          error={resource.error}
          onRetry={resource.reload}
          fallbackTitle="The form could not be loaded"
        />
      </div>
    );
  }

  return (
    <main ref={pageRef} className={classNames('pf-page', embedded && 'pf-page--embedded')}>
      {content}
    </main>
  );
}
