import { useMemo } from 'react';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { GraphProblem } from '../../contracts/index.ts';
import { configJsonSchemaOf } from '../../domain/node-registry.ts';
import { configErrorSchemaOf } from './config-errors.ts';
import { configFormButtons } from './config-form-buttons.tsx';
import { configUiSchemaOf } from './config-ui-schema.ts';
import { nodeConfigValidator } from './config-validator.ts';

export interface NodeConfigFormProps {
  nodeId: string;
  type: string;
  config: Record<string, unknown>;
  problems: readonly GraphProblem[];
  disabled: boolean;
  onChange: (config: Record<string, unknown>) => void;
}

const TEMPLATES = { ButtonTemplates: configFormButtons };

/**
 * The selected node's settings as a form generated from its node type's schema (@rjsf). The problems
 * shown under the fields are the graph validator's, the same ones that block publishing.
 */
export function NodeConfigForm({ nodeId, type, config, problems, disabled, onChange }: NodeConfigFormProps) {
  const schema = configJsonSchemaOf(type) as RJSFSchema | undefined;
  const uiSchema = useMemo<UiSchema>(
    () => ({
      ...(schema ? configUiSchemaOf(schema as Record<string, unknown>) : {}),
      'ui:submitButtonOptions': { norender: true },
    }),
    [schema],
  );
  const extraErrors = useMemo(() => configErrorSchemaOf(problems, nodeId), [problems, nodeId]);
  if (!schema)
    return <p className="flows-muted">This step's type is unknown here, so it cannot be configured.</p>;
  return (
    <div className="flows-config-form">
      <Form
        key={nodeId}
        schema={schema}
        uiSchema={uiSchema}
        templates={TEMPLATES}
        validator={nodeConfigValidator}
        formData={config}
        idPrefix={`config-${nodeId}`}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        disabled={disabled}
        onChange={(event) => onChange((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={() => undefined}
      />
    </div>
  );
}
