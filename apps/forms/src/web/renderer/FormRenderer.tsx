import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, classNames } from '@orchestrator/shared/ui';
import { isScreenKind } from '../../contracts/index.ts';
import type { Field } from '../../contracts/index.ts';
import { cleanAnswers, respondentPath } from './logic.ts';
import type { Answers } from './logic.ts';
import { QuestionsForm } from './QuestionsForm.tsx';
import { ScreenView } from './ScreenView.tsx';
import { scrollWithin } from './scroll-within.ts';
import { StepProgress } from './StepProgress.tsx';
import { themeStyle } from './theme.ts';
import type { FormProgress, RenderableForm, RendererContext, SubmitOutcome } from './types.ts';
import './renderer.css';

export interface FormRendererProps {
  form: RenderableForm;
  /** Prefix of the inputs' ids, so two renderers on one page never share ids. */
  idPrefix: string;
  /** The builder's live preview: nothing takes focus on its own and the form title is not the page's h1. */
  preview?: boolean;
  initialProgress?: FormProgress;
  /** Called whenever the respondent's answers or position change (the page saves them for a reload). */
  onProgress?: (progress: FormProgress) => void;
  /** Sends the answers of the reached fields; never throws. */
  onSubmit: (answers: Answers, honeypot: string) => Promise<SubmitOutcome>;
  /** Said on the thank-you screen, e.g. that the respondent is being redirected. */
  afterSubmitNote?: string;
  /** The respondent starts a new response after finishing one. */
  onRestart?: () => void;
  /** One question at a time: the builder's selected field, which the preview then shows. */
  focusFieldId?: string;
}

type Stage = 'welcome' | 'questions' | 'done' | 'stopped';
interface Problem {
  title: string;
  detail?: string;
}

/**
 * A form as respondents see it — the public page and the builder's preview both render this: themed,
 * with the welcome screen, the questions (all on one page, or one at a time with Next/Back) following
 * the logic's jumps, and the thank-you screen.
 */
export function FormRenderer({
  form,
  idPrefix,
  preview = false,
  initialProgress,
  onProgress,
  onSubmit,
  afterSubmitNote,
  onRestart,
  focusFieldId,
}: FormRendererProps) {
  const welcome = form.fields.find((field) => field.kind === 'welcome_screen');
  const stepMode = form.settings.mode === 'one_at_a_time';
  const [answers, setAnswers] = useState<Answers>(initialProgress?.answers ?? {});
  const [stage, setStage] = useState<Stage>(initialProgress?.stage ?? (welcome ? 'welcome' : 'questions'));
  const [stepId, setStepId] = useState(initialProgress?.stepId);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [failure, setFailure] = useState<Problem>();
  const [stopped, setStopped] = useState<Problem>();
  const [ending, setEnding] = useState<Field>();
  const [busy, setBusy] = useState(false);
  const [honeypot, setHoneypot] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);

  // The builder's selection leads the preview there: the welcome or thank-you screen, or the question.
  const [followedFocus, setFollowedFocus] = useState<string>();
  if (focusFieldId !== followedFocus) {
    setFollowedFocus(focusFieldId);
    const field = form.fields.find((candidate) => candidate.id === focusFieldId);
    if (field?.kind === 'welcome_screen') {
      setStage('welcome');
    } else if (field?.kind === 'thank_you_screen') {
      setEnding(field);
      setStage('done');
    } else if (field) {
      setStage('questions');
      if (stepMode) setStepId(field.id);
    }
  }

  const context = useMemo<RendererContext>(
    () => ({
      fieldsById: new Map(form.fields.map((field) => [field.id, field])),
      preview,
      highlightId: preview ? focusFieldId : undefined,
    }),
    [form.fields, preview, focusFieldId],
  );
  const path = useMemo(() => respondentPath(form.fields, form.logic, answers), [form, answers]);
  const stepIndex = Math.max(
    0,
    path.steps.findIndex((field) => field.id === stepId),
  );
  const step = path.steps[stepIndex];
  const shownIds = useMemo(
    () => (stepMode ? (step ? [step.id] : []) : path.steps.map((field) => field.id)),
    [stepMode, step, path.steps],
  );

  useEffect(() => {
    if (stage === 'welcome' || stage === 'questions') onProgress?.({ answers, stage, stepId });
  }, [answers, stage, stepId, onProgress]);

  // One question at a time: the next question gets the focus, as if the respondent had tabbed to it.
  useEffect(() => {
    if (preview || !stepMode || stage !== 'questions') return;
    rootRef.current
      ?.querySelector<HTMLElement>(
        '.pf-questions input:not([type="hidden"]), .pf-questions textarea, .pf-questions select',
      )
      ?.focus();
  }, [preview, stepMode, stage, stepId]);

  // All questions on one page: the preview scrolls the builder's selected question into view.
  useEffect(() => {
    if (!preview || stepMode || stage !== 'questions' || !focusFieldId) return;
    const question = rootRef.current?.querySelector<HTMLElement>(
      `[data-field-id="${CSS.escape(focusFieldId)}"]`,
    );
    if (question) scrollWithin(question);
  }, [preview, stepMode, stage, focusFieldId]);

  function changeAnswers(next: Answers) {
    const changed = Object.keys({ ...answers, ...next }).filter((id) => answers[id] !== next[id]);
    if (changed.some((id) => id in serverErrors)) {
      setServerErrors((current) =>
        Object.fromEntries(Object.entries(current).filter(([id]) => !changed.includes(id))),
      );
    }
    setAnswers(next);
  }

  async function submit() {
    const reached = new Set(path.steps.filter((field) => !isScreenKind(field.kind)).map((field) => field.id));
    const sent = cleanAnswers(Object.fromEntries(Object.entries(answers).filter(([id]) => reached.has(id))));
    setBusy(true);
    setFailure(undefined);
    setOtherErrors([]);
    let outcome: SubmitOutcome;
    try {
      outcome = await onSubmit(sent, honeypot);
    } catch {
      outcome = { status: 'failed', title: 'Your answers could not be sent', final: false };
    }
    setBusy(false);
    if (outcome.status === 'submitted') {
      setEnding(path.ending);
      setStage('done');
    } else if (outcome.status === 'invalid') {
      setServerErrors(outcome.fieldErrors);
      setOtherErrors(outcome.otherErrors);
      const firstBad = path.steps.find((field) => field.id in outcome.fieldErrors);
      if (stepMode && firstBad) setStepId(firstBad.id);
    } else if (outcome.final) {
      setStopped({ title: outcome.title, detail: outcome.detail });
      setStage('stopped');
    } else {
      setFailure({ title: outcome.title, detail: outcome.detail });
    }
  }

  function next() {
    if (!stepMode || stepIndex >= path.steps.length - 1) {
      void submit();
      return;
    }
    setStepId(path.steps[stepIndex + 1]!.id);
  }

  function back() {
    if (stepIndex > 0) setStepId(path.steps[stepIndex - 1]!.id);
    else setStage('welcome');
  }

  function restart() {
    onRestart?.();
    setAnswers({});
    setServerErrors({});
    setStepId(undefined);
    setEnding(undefined);
    setStage(welcome ? 'welcome' : 'questions');
  }

  const Title = preview ? 'h2' : 'h1';
  const isLast = !stepMode || stepIndex >= path.steps.length - 1;
  const primaryLabel =
    step?.kind === 'statement' && stepMode && !isLast
      ? step.buttonLabel || 'Continue'
      : isLast
        ? 'Submit'
        : 'Next';
  const invalidCount = Object.keys(serverErrors).length;

  let body;
  if (stage === 'welcome' && welcome) {
    body = (
      <ScreenView
        title={welcome.title || form.title}
        description={welcome.description}
        action={{ label: welcome.buttonLabel || 'Start', onClick: () => setStage('questions') }}
        takeFocus={false}
      />
    );
  } else if (stage === 'done') {
    body = (
      <ScreenView
        tone="success"
        title={ending?.title || 'Thank you!'}
        description={ending?.description || (ending ? undefined : 'Your answers were sent.')}
        action={
          preview || ending?.kind !== 'thank_you_screen' || !ending.buttonLabel
            ? preview
              ? { label: 'Start over', onClick: restart }
              : undefined
            : { label: ending.buttonLabel, onClick: restart }
        }
        takeFocus={!preview}
      >
        {afterSubmitNote && <p className="pf-screen__note">{afterSubmitNote}</p>}
      </ScreenView>
    );
  } else if (stage === 'stopped' && stopped) {
    body = (
      <ScreenView tone="problem" title={stopped.title} description={stopped.detail} takeFocus={!preview} />
    );
  } else if (path.steps.length === 0) {
    body = (
      <ScreenView
        title={preview ? 'No questions yet' : 'This form has no questions'}
        description={preview ? 'Add a field from the palette and it appears here.' : undefined}
        takeFocus={false}
      />
    );
  } else {
    const message =
      failure || invalidCount > 0 || otherErrors.length > 0 ? (
        <Alert tone="danger" title={failure?.title ?? 'Some answers need another look'}>
          {failure?.detail}
          {otherErrors.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </Alert>
      ) : undefined;
    body = (
      <>
        {stepMode && <StepProgress current={stepIndex + 1} total={path.steps.length} />}
        <QuestionsForm
          key={stepMode ? step?.id : 'all'}
          form={form}
          context={context}
          idPrefix={idPrefix}
          shownIds={shownIds}
          answers={answers}
          onAnswersChange={changeAnswers}
          serverErrors={serverErrors}
          primaryLabel={primaryLabel}
          onContinue={next}
          onBack={stepMode && (stepIndex > 0 || welcome) ? back : undefined}
          busy={busy}
          honeypot={honeypot}
          onHoneypotChange={setHoneypot}
          message={message}
          stepMode={stepMode}
        />
      </>
    );
  }

  const { logoUrl } = form.settings.theme;
  return (
    <div
      ref={rootRef}
      className={classNames('pf', stepMode && 'pf--steps', preview && 'pf--preview')}
      style={themeStyle(form.settings.theme)}
    >
      <div className="pf__inner">
        <header className="pf__header">
          {logoUrl && <img className="pf__logo" src={logoUrl} alt="" />}
          <Title className="pf__title">{form.title}</Title>
        </header>
        {body}
      </div>
    </div>
  );
}
