import type { CompiledForm } from '../contracts/index.ts';
import { createAnswersValidator, type AnswersValidator } from '../domain/index.ts';

/**
 * Compiled ajv validators per published version. Versions are immutable, so an entry never goes stale;
 * the cache only bounds memory (least recently used out first).
 */
export class ValidatorCache {
  private readonly entries = new Map<string, AnswersValidator>();

  constructor(private readonly capacity = 500) {}

  get(formId: string, version: number, compiled: CompiledForm): AnswersValidator {
    const key = `${formId}:${version}`;
    let validator = this.entries.get(key);
    if (validator) this.entries.delete(key);
    else validator = createAnswersValidator(compiled);
    this.entries.set(key, validator);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return validator;
  }
}
