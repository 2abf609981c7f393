import { formLeadNurtureTemplate } from './form-lead-nurture.ts';
import { pricingPageSalesAlertTemplate } from './pricing-page-sales-alert.ts';
import { segmentEmailSequenceTemplate } from './segment-email-sequence.ts';
import type { FlowTemplate } from './template-graph.ts';

export type { FlowTemplate } from './template-graph.ts';
export { formLeadNurtureTemplate, pricingPageSalesAlertTemplate, segmentEmailSequenceTemplate };

/** The ready flows offered when creating a flow; built only from node types that exist. */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  formLeadNurtureTemplate,
  segmentEmailSequenceTemplate,
  pricingPageSalesAlertTemplate,
];

export function flowTemplateOf(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((template) => template.id === id);
}
