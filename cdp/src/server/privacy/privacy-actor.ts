/** Who asked for a privacy action, for the audit log. */
export interface PrivacyActor {
  userId?: string;
  apiKeyId?: string;
  requestId?: string;
}
