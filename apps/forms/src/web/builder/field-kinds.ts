import type { Field, FieldKind } from '../../contracts/index.ts';

export interface KindInfo {
  kind: FieldKind;
  label: string;
  /** A one-character glyph shown next to fields of this kind (decorative). */
  glyph: string;
  group: 'Text' | 'Choice' | 'Scale & other' | 'Screens';
}

/** The palette, in the order it shows the kinds. */
export const KINDS: readonly KindInfo[] = [
  { kind: 'short_text', label: 'Short text', glyph: 'Aa', group: 'Text' },
  { kind: 'long_text', label: 'Long text', glyph: '¶', group: 'Text' },
  { kind: 'email', label: 'E-mail', glyph: '@', group: 'Text' },
  { kind: 'phone', label: 'Phone', glyph: '☏', group: 'Text' },
  { kind: 'url', label: 'Website', glyph: '⌁', group: 'Text' },
  { kind: 'number', label: 'Number', glyph: '#', group: 'Text' },
  { kind: 'yes_no', label: 'Yes / no', glyph: '◐', group: 'Choice' },
  { kind: 'single_choice', label: 'Single choice', glyph: '◉', group: 'Choice' },
  { kind: 'multiple_choice', label: 'Multiple choice', glyph: '☑', group: 'Choice' },
  { kind: 'dropdown', label: 'Dropdown', glyph: '▾', group: 'Choice' },
  { kind: 'legal_consent', label: 'Legal consent', glyph: '§', group: 'Choice' },
  { kind: 'rating', label: 'Rating', glyph: '★', group: 'Scale & other' },
  { kind: 'opinion_scale', label: 'Opinion scale', glyph: '⋯', group: 'Scale & other' },
  { kind: 'date', label: 'Date', glyph: '▦', group: 'Scale & other' },
  { kind: 'file_upload', label: 'File upload', glyph: '⇪', group: 'Scale & other' },
  { kind: 'welcome_screen', label: 'Welcome screen', glyph: '⌂', group: 'Screens' },
  { kind: 'statement', label: 'Statement', glyph: '❝', group: 'Screens' },
  { kind: 'thank_you_screen', label: 'Thank-you screen', glyph: '✓', group: 'Screens' },
];

const BY_KIND = new Map(KINDS.map((info) => [info.kind, info]));

export function kindInfo(kind: FieldKind): KindInfo {
  return BY_KIND.get(kind)!;
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 6).padEnd(4, '0');
}

/** A new field id: the kind and a short random part, e.g. `email_k3f9`; unique within the form. */
export function newFieldId(kind: FieldKind, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${kind}_${randomSuffix()}`;
    if (!taken.has(id)) return id;
  }
}

export function newOptionId(): string {
  return `opt_${randomSuffix()}${randomSuffix()}`;
}

const options = (...labels: string[]) => labels.map((label) => ({ id: newOptionId(), label }));

/** A new field of a kind, with a sensible title and (for choices) starter options. */
export function newField(kind: FieldKind, id: string): Field {
  switch (kind) {
    case 'short_text':
      return { id, kind, title: 'What is your name?' };
    case 'long_text':
      return { id, kind, title: 'Tell us more' };
    case 'number':
      return { id, kind, title: 'How many?' };
    case 'email':
      return { id, kind, title: 'What is your e-mail address?', placeholder: 'name@company.com' };
    case 'url':
      return { id, kind, title: 'What is your website?', placeholder: 'https://' };
    case 'phone':
      return { id, kind, title: 'What is your phone number?' };
    case 'yes_no':
      return { id, kind, title: 'Do you agree?' };
    case 'single_choice':
      return { id, kind, title: 'Choose one', options: options('Option 1', 'Option 2', 'Option 3') };
    case 'multiple_choice':
      return { id, kind, title: 'Choose any', options: options('Option 1', 'Option 2', 'Option 3') };
    case 'dropdown':
      return { id, kind, title: 'Pick from the list', options: options('Option 1', 'Option 2', 'Option 3') };
    case 'date':
      return { id, kind, title: 'Which date?' };
    case 'rating':
      return { id, kind, title: 'How would you rate us?', max: 5, shape: 'star' };
    case 'opinion_scale':
      return {
        id,
        kind,
        title: 'How likely are you to recommend us to a friend?',
        min: 0,
        max: 10,
        minLabel: 'Not likely',
        maxLabel: 'Very likely',
      };
    case 'file_upload':
      return { id, kind, title: 'Upload a file', maxSizeKb: 200 };
    case 'legal_consent':
      return { id, kind, title: 'I accept the terms and conditions', required: true };
    case 'statement':
      return { id, kind, title: 'A few words before you continue' };
    case 'welcome_screen':
      return {
        id,
        kind,
        title: 'Welcome!',
        description: 'This takes about two minutes.',
        buttonLabel: 'Start',
      };
    case 'thank_you_screen':
      return { id, kind, title: 'Thank you!', description: 'We received your answers.' };
  }
}

/** Where a new field of this kind goes: welcome screens first, thank-you screens last, else before them. */
export function insertIndex(fields: readonly Field[], kind: FieldKind, after: number | undefined): number {
  if (kind === 'welcome_screen') return 0;
  if (kind === 'thank_you_screen') return fields.length;
  const firstEnding = fields.findIndex((field) => field.kind === 'thank_you_screen');
  const end = firstEnding === -1 ? fields.length : firstEnding;
  return after === undefined ? end : Math.min(after + 1, end);
}

/** How a field is called in the builder: its title, or its kind while it has none. */
export function fieldName(field: Field): string {
  return field.title.trim() || kindInfo(field.kind).label;
}
