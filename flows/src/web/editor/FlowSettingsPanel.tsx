import { Select, TextField } from '@orchestrator/shared/ui';
import type { EntryRule, FlowSettings } from '../../contracts/index.ts';

export interface FlowSettingsPanelProps {
  name: string;
  settings: FlowSettings;
  disabled: boolean;
  onNameChange: (name: string) => void;
  onSettingsChange: (settings: FlowSettings) => void;
}

const ENTRY_OPTIONS = [
  { value: 'everyTime', label: 'Every time the trigger matches' },
  { value: 'oncePerProfile', label: 'Once per profile, ever' },
  { value: 'oncePerInterval', label: 'At most once per profile every N days' },
];

function entryRuleFor(mode: string, previous: EntryRule): EntryRule {
  if (mode === 'oncePerInterval')
    return { mode, days: previous.mode === 'oncePerInterval' ? previous.days : 7 };
  return { mode: mode === 'oncePerProfile' ? 'oncePerProfile' : 'everyTime' };
}

/** The automation's own settings, shown when no step is selected: name, who may enter, the goal. */
export function FlowSettingsPanel({
  name,
  settings,
  disabled,
  onNameChange,
  onSettingsChange,
}: FlowSettingsPanelProps) {
  const entry = settings.entry;
  return (
    <div className="flows-panel__section">
      <h2 className="flows-panel__title">Automation settings</h2>
      <TextField
        label="Name"
        value={name}
        maxLength={200}
        disabled={disabled}
        error={name.trim() ? undefined : 'Give the automation a name.'}
        onChange={(event) => onNameChange(event.target.value)}
      />
      <Select
        label="Who can enter"
        options={ENTRY_OPTIONS}
        value={entry.mode}
        disabled={disabled}
        hint="Checked when the trigger matches, before a run starts."
        onChange={(event) =>
          onSettingsChange({ ...settings, entry: entryRuleFor(event.target.value, entry) })
        }
      />
      {entry.mode === 'oncePerInterval' && (
        <TextField
          label="Days between entries"
          type="number"
          min={1}
          max={3650}
          value={entry.days}
          disabled={disabled}
          onChange={(event) =>
            onSettingsChange({
              ...settings,
              entry: {
                mode: 'oncePerInterval',
                days: Math.min(3650, Math.max(1, Math.round(Number(event.target.value) || 1))),
              },
            })
          }
        />
      )}
      <TextField
        label="Goal event"
        hint="When a profile in this automation does this event, its run ends as goal reached. Leave empty for none."
        value={settings.goal?.event ?? ''}
        placeholder="e.g. Order Completed"
        maxLength={200}
        disabled={disabled}
        onChange={(event) =>
          onSettingsChange({
            ...settings,
            goal: event.target.value.trim() ? { event: event.target.value } : null,
          })
        }
      />
    </div>
  );
}
