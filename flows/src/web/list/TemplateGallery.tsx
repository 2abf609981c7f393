import { Button } from '@orchestrator/shared/ui';
import { FLOW_TEMPLATES } from '../../domain/templates/index.ts';
import type { FlowTemplate } from '../../domain/templates/index.ts';

export interface TemplateGalleryProps {
  busyTemplate: string | undefined;
  disabled: boolean;
  onUse: (template: FlowTemplate) => void;
}

/** Ready automations; one click creates a draft from one and opens it in the editor. */
export function TemplateGallery({ busyTemplate, disabled, onUse }: TemplateGalleryProps) {
  return (
    <section aria-labelledby="flows-templates-title">
      <h3 id="flows-templates-title" className="flows-panel__title">
        Or start from a template
      </h3>
      <ul className="flows-templates">
        {FLOW_TEMPLATES.map((template) => (
          <li key={template.id}>
            <article className="flows-template" aria-labelledby={`template-${template.id}`}>
              <span id={`template-${template.id}`} className="flows-template__name">
                {template.name}
              </span>
              <p className="flows-muted">{template.description}</p>
              <Button
                size="sm"
                loading={busyTemplate === template.id}
                disabled={disabled}
                onClick={() => onUse(template)}
              >
                Use template<span className="ui-visually-hidden">: {template.name}</span>
              </Button>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
