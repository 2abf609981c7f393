import type { Field, HiddenField, Logic, PublicFormSettings } from '../../contracts/index.ts';
import type { Answers } from './logic.ts';

/** What the renderer needs of a form: the published version on the public page, the draft in the builder. */
export interface RenderableForm {
  title: string;
  fields: Field[];
  hiddenFields: HiddenField[];
  logic: Logic;
  settings: PublicFormSettings;
  jsonSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** Where a respondent is; the public page keeps it in the browser so a reload resumes there. */
export interface FormProgress {
  answers: Answers;
  stage: 'welcome' | 'questions';
  /** One question at a time: the field on screen. */
  stepId?: string;
}

/** How a submission went, as the page that sends it tells the renderer. */
export type SubmitOutcome =
  | { status: 'submitted' }
  /** The server refused answers: messages by field id, and messages that belong to no field. */
  | { status: 'invalid'; fieldErrors: Record<string, string>; otherErrors: string[] }
  /** `final`: the form cannot take this response at all (closed, full); else the respondent may retry. */
  | { status: 'failed'; title: string; detail?: string; final: boolean };

/** Passed to every @rjsf widget and template as `registry.formContext`. */
export interface RendererContext {
  fieldsById: ReadonlyMap<string, Field>;
  /** The builder's preview: nothing is sent and nothing takes focus on its own. */
  preview: boolean;
  /** The preview marks the field selected in the builder. */
  highlightId?: string;
}
