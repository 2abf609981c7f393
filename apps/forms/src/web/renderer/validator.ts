import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
} from '@rjsf/utils';
import type {
  CustomValidator,
  ErrorTransformer,
  RJSFSchema,
  RJSFValidationError,
  UiSchema,
  ValidationData,
  ValidatorType,
} from '@rjsf/utils';
import { checkSchema } from './schema-check.ts';

type Answers = Record<string, unknown>;

function toValidationErrors(schema: RJSFSchema, formData: unknown): RJSFValidationError[] {
  return checkSchema(schema, formData ?? {}).map((issue) => ({
    name: issue.keyword,
    property: issue.property,
    message: issue.message,
    params: issue.params,
    schemaPath: issue.schemaPath,
    stack: `${issue.property} ${issue.message}`.trim(),
  }));
}

/**
 * The @rjsf validator of the public form and the builder's preview. @rjsf/validator-ajv8 compiles schemas
 * with `new Function`, which the suite's Content-Security-Policy refuses; this one interprets the schema
 * (see schema-check.ts). The server validates every submission again with ajv.
 */
class FormAnswersValidator implements ValidatorType<Answers, RJSFSchema> {
  validateFormData(
    formData: Answers | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Answers, RJSFSchema>,
    transformErrors?: ErrorTransformer<Answers, RJSFSchema>,
    uiSchema?: UiSchema<Answers, RJSFSchema>,
  ): ValidationData<Answers> {
    let errors = toValidationErrors(schema, formData);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<Answers>(errors);
    if (!customValidate) return { errors, errorSchema };
    const data = getDefaultFormState<Answers, RJSFSchema>(this, schema, formData, schema, true) as Answers;
    const handler = customValidate(data, createErrorHandler<Answers>(data), uiSchema, errorSchema);
    return validationDataMerge<Answers>({ errors, errorSchema }, unwrapErrorHandler<Answers>(handler));
  }

  isValid(schema: RJSFSchema, formData: Answers | undefined): boolean {
    return checkSchema(schema, formData).length === 0;
  }

  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: Answers): { errors?: Result[] } {
    return { errors: toValidationErrors(schema, formData) as Result[] };
  }
}

export const answersValidator = new FormAnswersValidator();
