import { templateEdge, templateNode, type FlowTemplate } from './template-graph.ts';

const firstName = '{{ profile.traits.firstName | default: "there" }}';

function email(id: string, column: number, subject: string, body: string, label: string) {
  return templateNode(
    id,
    'action.sendEmail',
    { to: '{{profile.traits.email}}', subject, text: `Hi ${firstName},\n\n${body}\n` },
    column,
    0,
    label,
  );
}

export const segmentEmailSequenceTemplate: FlowTemplate = {
  id: 'segment-email-sequence',
  name: 'Segment entered: e-mail sequence',
  description:
    'When a profile joins a segment: three e-mails, two and then three days apart. Once per profile.',
  flow: {
    name: 'Segment e-mail sequence',
    settings: { entry: { mode: 'oncePerProfile' }, goal: null },
    graph: {
      nodes: [
        templateNode('segment-entered', 'trigger.segmentEntered', { segmentId: '' }, 0),
        email('email-1', 1, `Welcome, ${firstName}`, 'Here is what you can do first.', 'E-mail 1'),
        templateNode('wait-2-days', 'logic.waitDuration', { amount: 2, unit: 'days' }, 2, 0, 'Wait 2 days'),
        email('email-2', 3, 'A tip to get more out of it', 'Here is a tip most customers love.', 'E-mail 2'),
        templateNode('wait-3-days', 'logic.waitDuration', { amount: 3, unit: 'days' }, 4, 0, 'Wait 3 days'),
        email(
          'email-3',
          5,
          'Can we help?',
          'Reply to this e-mail if anything is unclear; a person reads it.',
          'E-mail 3',
        ),
      ],
      edges: [
        templateEdge('segment-entered', 'email-1'),
        templateEdge('email-1', 'wait-2-days'),
        templateEdge('wait-2-days', 'email-2'),
        templateEdge('email-2', 'wait-3-days'),
        templateEdge('wait-3-days', 'email-3'),
      ],
    },
  },
};
