export type BuilderPanel = 'field' | 'form' | 'hidden';

const PANELS: { id: BuilderPanel; label: string }[] = [
  { id: 'field', label: 'Field' },
  { id: 'form', label: 'Form settings' },
  { id: 'hidden', label: 'Hidden fields' },
];

/** Chooses what the side panel shows: the selected field, the form's settings, or its hidden fields. */
export function PanelSwitch({
  panel,
  onChange,
  counts,
}: {
  panel: BuilderPanel;
  onChange: (panel: BuilderPanel) => void;
  counts: Partial<Record<BuilderPanel, number>>;
}) {
  return (
    <div className="forms-switch" role="group" aria-label="Side panel">
      {PANELS.map((option) => (
        <button
          key={option.id}
          type="button"
          className="forms-switch__option"
          aria-pressed={panel === option.id}
          onClick={() => onChange(option.id)}
        >
          {option.label}
          {counts[option.id] ? <span className="forms-switch__count"> {counts[option.id]}</span> : null}
        </button>
      ))}
    </div>
  );
}
