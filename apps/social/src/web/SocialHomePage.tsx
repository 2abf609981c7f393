import { EmptyState, Icon, PageHeader, useDocumentTitle } from '@orchestrator/shared/ui';

/** Landing page of Social; says honestly what will be here until the module is built. */
export function SocialHomePage() {
  useDocumentTitle('Social');
  return (
    <>
      <PageHeader
        title="Social"
        description="Plan, schedule and publish posts to your social channels from one calendar."
      />
      <EmptyState
        icon={<Icon name="social" size={20} />}
        title="Social publishing is not built yet"
        description="This is where your connected channels and a calendar of drafted, scheduled and published posts will appear. No channels can be connected yet."
      />
    </>
  );
}
