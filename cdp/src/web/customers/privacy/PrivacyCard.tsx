import { useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router-dom';
import { getSession, subscribeToSession } from '@orchestrator/shared/api-client';
import { Button, Card, useToast } from '@orchestrator/shared/ui';
import { CUSTOMERS_PATH, type Profile } from '../customers-api.ts';
import { profileDisplayName } from '../profile-display.ts';
import { ConsentList } from './ConsentList.tsx';
import { DeleteCustomerDialog } from './DeleteCustomerDialog.tsx';
import { downloadProfileExport } from './privacy-api.ts';
import './privacy.css';

/**
 * Privacy of one customer: consent per purpose, and — for owners and admins, as the API requires —
 * changing it, the GDPR export (a JSON download) and the GDPR erasure.
 */
export function PrivacyCard({ profile }: { profile: Profile }) {
  const toast = useToast();
  const navigate = useNavigate();
  const role = useSyncExternalStore(subscribeToSession, () => getSession()?.role);
  const canManage = role === 'owner' || role === 'admin';
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);

  async function exportData() {
    setExporting(true);
    try {
      await downloadProfileExport(profile.id);
    } catch (error) {
      toast.show(`Could not export the data: ${error instanceof Error ? error.message : String(error)}`, {
        tone: 'danger',
      });
    } finally {
      setExporting(false);
    }
  }

  function afterDelete() {
    toast.show(`${profileDisplayName(profile)} was deleted`, { tone: 'success' });
    navigate(CUSTOMERS_PATH, { replace: true });
  }

  return (
    <Card title="Privacy">
      <ConsentList profileId={profile.id} canManage={canManage} />
      {canManage ? (
        <div className="cdp-privacy__row cdp-privacy__actions">
          <Button size="sm" onClick={exportData} loading={exporting}>
            Export data
          </Button>
          <Button size="sm" variant="danger" onClick={() => setDeleting(true)}>
            Delete customer
          </Button>
        </div>
      ) : (
        <p className="cdp-muted">Only owners and admins can change consent, export or delete a customer.</p>
      )}
      {canManage && (
        <DeleteCustomerDialog
          open={deleting}
          profile={profile}
          onClose={() => setDeleting(false)}
          onDeleted={afterDelete}
        />
      )}
    </Card>
  );
}
