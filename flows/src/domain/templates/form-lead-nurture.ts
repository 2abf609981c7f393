import { templateEdge, templateNode, type FlowTemplate } from './template-graph.ts';

const firstName = '{{ profile.traits.firstName | default: "there" }}';

export const formLeadNurtureTemplate: FlowTemplate = {
  id: 'form-lead-nurture',
  name: 'New form lead: tag, welcome, reminder',
  description:
    'When a form is submitted: tag the profile as a lead, send a welcome e-mail, then wait up to 2 days for a booking and send a reminder if none came.',
  flow: {
    name: 'New form lead',
    settings: { entry: { mode: 'everyTime' }, goal: { event: 'Booking Created' } },
    graph: {
      nodes: [
        templateNode('form-submitted', 'trigger.formSubmitted', { formId: '' }, 0),
        templateNode(
          'tag-lead',
          'action.updateProfile',
          { traits: [], addTags: ['lead'], removeTags: [] },
          1,
          0,
          'Tag as lead',
        ),
        templateNode(
          'welcome-email',
          'action.sendEmail',
          {
            to: '{{profile.traits.email}}',
            subject: `Thanks for reaching out, ${firstName}`,
            text: `Hi ${firstName},\n\nThanks for your message. Book a call with us whenever suits you.\n`,
          },
          2,
          0,
          'Welcome e-mail',
        ),
        templateNode(
          'wait-for-booking',
          'logic.waitForEvent',
          { event: 'Booking Created', properties: [], timeout: { amount: 2, unit: 'days' } },
          3,
          0,
          'Wait 2 days for a booking',
        ),
        templateNode('booked', 'logic.exit', { reason: 'Booked a call' }, 4, -1, 'Booked'),
        templateNode(
          'reminder-email',
          'action.sendEmail',
          {
            to: '{{profile.traits.email}}',
            subject: `Still interested, ${firstName}?`,
            text: `Hi ${firstName},\n\nJust a reminder: we would be glad to talk. Pick a time that works for you.\n`,
          },
          4,
          1,
          'Reminder e-mail',
        ),
      ],
      edges: [
        templateEdge('form-submitted', 'tag-lead'),
        templateEdge('tag-lead', 'welcome-email'),
        templateEdge('welcome-email', 'wait-for-booking'),
        templateEdge('wait-for-booking', 'booked', 'received'),
        templateEdge('wait-for-booking', 'reminder-email', 'timeout'),
      ],
    },
  },
};
