import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button } from './Button.tsx';
import { Checkbox } from './Checkbox.tsx';
import { ColumnPicker } from './ColumnPicker.tsx';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';
import { NameDialog } from './NameDialog.tsx';
import { Select } from './Select.tsx';
import { Table } from './Table.tsx';
import { TextField } from './TextField.tsx';

// Rendered to HTML (no DOM needed): these checks are about the accessible markup each component promises.

describe('TextField', () => {
  it('links its label, hint and error to the input', () => {
    const html = renderToStaticMarkup(
      <TextField id="email" label="E-mail" hint="Work address" error="Is required" />,
    );
    expect(html).toContain('<label class="ui-field__label" for="email">E-mail</label>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="email-error email-hint"');
    expect(html).toContain('<p id="email-error" class="ui-field__error">Is required</p>');
    expect(html).toContain('<p id="email-hint" class="ui-field__hint">Work address</p>');
  });

  it('is not marked invalid and describes nothing without hint or error', () => {
    const html = renderToStaticMarkup(<TextField id="name" label="Name" />);
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('aria-describedby');
  });

  it('generates an id when none is given, so the label still points at the input', () => {
    const html = renderToStaticMarkup(<TextField label="Name" />);
    const labelFor = /for="([^"]+)"/.exec(html)?.[1];
    expect(labelFor).toBeTruthy();
    expect(html).toContain(`id="${labelFor}"`);
  });
});

describe('Select and Checkbox', () => {
  it('render a labelled select with an empty placeholder option', () => {
    const html = renderToStaticMarkup(
      <Select id="stage" label="Stage" placeholder="Choose…" options={[{ value: 'won', label: 'Won' }]} />,
    );
    expect(html).toContain('for="stage"');
    expect(html).toContain('<option value="">Choose…</option><option value="won">Won</option>');
  });

  it('render a labelled checkbox', () => {
    const html = renderToStaticMarkup(<Checkbox id="consent" label="I agree" error="Required" />);
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('for="consent"');
    expect(html).toContain('aria-describedby="consent-error"');
  });
});

describe('Button', () => {
  it('is a plain button unless told otherwise, and a loading button ignores clicks', () => {
    expect(renderToStaticMarkup(<Button>Save</Button>)).toContain('type="button"');
    const loading = renderToStaticMarkup(
      <Button variant="primary" loading>
        Save
      </Button>,
    );
    expect(loading).toContain('disabled=""');
    expect(loading).toContain('aria-busy="true"');
    expect(loading).toContain('ui-button--primary');
  });
});

describe('Table', () => {
  const columns = [
    { key: 'name', header: 'Name', cell: (row: { name: string }) => row.name, isRowHeader: true },
    { key: 'size', header: 'Size', cell: () => '1' },
  ];

  it('shows one full-width row with the empty message when there are no rows', () => {
    const html = renderToStaticMarkup(
      <Table
        caption="Files"
        columns={columns}
        rows={[]}
        rowKey={(row) => row.name}
        emptyMessage="No files"
      />,
    );
    expect(html).toContain('<caption>Files</caption>');
    expect(html).toContain('<td class="ui-table__empty" colSpan="2">No files</td>');
    expect(html).toContain('No files');
  });

  it('marks column headers and the row header with their scope', () => {
    const html = renderToStaticMarkup(
      <Table
        caption="Files"
        captionHidden
        columns={columns}
        rows={[{ name: 'a.txt' }]}
        rowKey={(row) => row.name}
      />,
    );
    expect(html).toContain('<caption class="ui-visually-hidden">Files</caption>');
    expect(html).toContain('<th scope="col">Name</th>');
    expect(html).toContain('<th scope="row">a.txt</th>');
  });
});

describe('LoadingState and ErrorState', () => {
  it('announce loading politely', () => {
    expect(renderToStaticMarkup(<LoadingState label="Loading deals…" />)).toMatch(
      /role="status".*Loading deals…/,
    );
  });

  it('show a problem’s title and detail', () => {
    const html = renderToStaticMarkup(
      <ErrorState error={{ title: 'Forbidden', detail: 'Only admins can do this.' }} onRetry={() => {}} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('Forbidden');
    expect(html).toContain('Only admins can do this.');
    expect(html).toContain('Try again');
  });

  it('fall back to a generic title with the message of a plain error', () => {
    const html = renderToStaticMarkup(<ErrorState error={new Error('socket hang up')} />);
    expect(html).toContain('Something went wrong');
    expect(html).toContain('socket hang up');
    expect(html).not.toContain('Try again');
  });
});

describe('ColumnPicker', () => {
  it('starts as a collapsed "Columns" button that names the panel it controls', () => {
    const html = renderToStaticMarkup(
      <ColumnPicker
        columns={[{ id: 'email', label: 'E-mail' }]}
        isVisible={() => true}
        onToggle={() => {}}
      />,
    );
    expect(html).toMatch(
      /<button[^>]*aria-expanded="false"[^>]*aria-controls="[^"]+"[^>]*>Columns<\/button>/,
    );
    expect(html).not.toContain('Show columns');
  });
});

describe('NameDialog', () => {
  it('asks for one labelled name, and its submit button sends that form', () => {
    const html = renderToStaticMarkup(
      <NameDialog
        open
        onClose={() => {}}
        title="New source"
        label="Name"
        hint="The site that sends events."
        submitLabel="Create source"
        requiredMessage="Give the source a name"
        failureMessage="The source could not be created."
        field="name"
        maxLength={200}
        onSubmit={async () => {}}
      />,
    );
    const formId = /<form id="([^"]+)"/.exec(html)?.[1];
    expect(formId).toBeTruthy();
    expect(html).toMatch(new RegExp(`<button form="${formId}" type="submit"[^>]*>Create source</button>`));
    expect(html).toContain('>Name</label>');
    expect(html).toContain('The site that sends events.');
    expect(html).toContain('maxLength="200"');
    expect(html).not.toContain('role="alert"');
  });
});
