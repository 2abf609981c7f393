import { templateEdge, templateNode, type FlowTemplate } from './template-graph.ts';

export const pricingPageSalesAlertTemplate: FlowTemplate = {
  id: 'pricing-page-sales-alert',
  name: 'High-intent page views: alert sales',
  description:
    'When a known profile views the pricing page, send it to the sales team by webhook. At most once a week per profile.',
  flow: {
    name: 'Pricing page → sales',
    settings: { entry: { mode: 'oncePerInterval', days: 7 }, goal: null },
    graph: {
      nodes: [
        templateNode(
          'pricing-viewed',
          'trigger.event',
          {
            event: 'Page Viewed',
            filters: {
              match: 'all',
              rules: [{ path: 'event.properties.path', operator: 'startsWith', value: '/pricing' }],
              groups: [],
            },
          },
          0,
          0,
          'Pricing page viewed',
        ),
        templateNode(
          'has-email',
          'logic.condition',
          {
            condition: {
              match: 'all',
              rules: [{ path: 'profile.traits.email', operator: 'exists' }],
              groups: [],
            },
          },
          1,
          0,
          'Known contact?',
        ),
        templateNode(
          'notify-sales',
          'action.webhook',
          {
            url: 'https://example.com/hooks/sales',
            method: 'POST',
            headers: [],
            bodyFormat: 'json',
            body: '{"profileId": "{{profile.id}}", "email": "{{profile.traits.email}}", "name": "{{profile.traits.firstName}} {{profile.traits.lastName}}", "page": "{{event.properties.url}}"}',
            allowPrivateNetworks: false,
            timeoutMs: 10_000,
            responseMapping: [],
          },
          2,
          0,
          'Notify sales',
        ),
        templateNode('anonymous', 'logic.exit', { reason: 'No e-mail address yet' }, 2, 1, 'Not known yet'),
      ],
      edges: [
        templateEdge('pricing-viewed', 'has-email'),
        templateEdge('has-email', 'notify-sales', 'true'),
        templateEdge('has-email', 'anonymous', 'false'),
      ],
    },
  },
};
