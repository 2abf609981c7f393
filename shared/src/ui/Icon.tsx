export type IconName =
  'customers' | 'crm' | 'helpdesk' | 'scheduling' | 'forms' | 'social' | 'automations' | 'ops' | 'mailbox';

// Simple 16×16 stroke drawings, one per module of the suite, so the navigation and each module's own
// pages show the same symbol.
const paths: Record<IconName, string> = {
  customers:
    'M6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM1.5 13.5c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4M11 3a2.3 2.3 0 0 1 0 4.4M12.5 9.7c1.3.5 2 1.7 2 3.3',
  crm: 'M2 5h12v8.5H2zM5.5 5V3h5v2M2 8.5h12',
  helpdesk: 'M2 9.5 3.5 3h9L14 9.5V13H2zM2 9.5h3.5l1 1.5h3l1-1.5H14',
  scheduling: 'M2.5 3.5h11v10h-11zM2.5 6.5h11M5.5 2v3M10.5 2v3M5 9h2M9 9h2M5 11.5h2',
  forms: 'M3.5 2h9v12h-9zM6 5h4M6 8h4M6 11h2',
  social: 'M2.5 6.5v3h2l5 3v-9l-5 3zM12 6a2.5 2.5 0 0 1 0 4',
  automations: 'M2 3h4v3H2zM10 10h4v3h-4zM4 6v2.5a1.5 1.5 0 0 0 1.5 1.5H10M8.5 8.5 10 10l-1.5 1.5',
  ops: 'M2 3h12v4H2zM2 9h12v4H2zM4.5 5h.01M4.5 11h.01',
  mailbox: 'M2 3.5h12v9H2zM2 4l6 5 6-5',
};

/** Decorative: always next to text that says the same, so it is hidden from assistive technology. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="ui-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={size > 16 ? 1.2 : 1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
