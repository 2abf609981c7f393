import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import { classNames } from '@orchestrator/shared/ui';
import type { RendererContext } from '../types.ts';

/** The questions, one under the other; the form's title is shown by the renderer, not here. */
export function ObjectFieldTemplate({ properties, registry }: ObjectFieldTemplateProps) {
  const { highlightId } = registry.formContext as RendererContext;
  return (
    <div className="pf-questions">
      {properties
        .filter((property) => !property.hidden)
        .map((property) => (
          <div
            key={property.name}
            className={classNames(
              'pf-questions__item',
              property.name === highlightId && 'pf-questions__item--highlight',
            )}
            data-field-id={property.name}
          >
            {property.content}
          </div>
        ))}
    </div>
  );
}
