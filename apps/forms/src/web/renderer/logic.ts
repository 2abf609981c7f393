import type { Field, Logic } from '../../contracts/index.ts';
// The very walk the server runs on every submission, so the page hides exactly what the server skips.
import { isEmptyAnswer, visitedPath } from '../../domain/logic.ts';

export type Answers = Record<string, unknown>;

/** Drops empty answers (null, "", []): they are no answers, neither to the logic nor to the server. */
export function cleanAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => !isEmptyAnswer(value)));
}

export interface RespondentPath {
  /** The questions and statements the respondent reaches, in order (no welcome or thank-you screens). */
  steps: Field[];
  /** The thank-you screen shown after submitting: where the path stops, else the form's first one. */
  ending: Field | undefined;
}

/** Where a respondent with these answers goes through the form, following its logic's forward jumps. */
export function respondentPath(fields: readonly Field[], logic: Logic, answers: Answers): RespondentPath {
  const byId = new Map(fields.map((field) => [field.id, field]));
  const visited = visitedPath(fields, logic, cleanAnswers(answers)).map((id) => byId.get(id)!);
  const last = visited.at(-1);
  return {
    steps: visited.filter((field) => field.kind !== 'welcome_screen' && field.kind !== 'thank_you_screen'),
    ending:
      last?.kind === 'thank_you_screen' ? last : fields.find((field) => field.kind === 'thank_you_screen'),
  };
}
