import type { IdentityType } from '../../contracts/index.ts';
import type { BadgeTone } from '@orchestrator/shared/ui';
import type { Profile } from './customers-api.ts';

export const IDENTITY_TYPES: readonly IdentityType[] = [
  'email',
  'user_id',
  'phone',
  'external_id',
  'group_id',
  'anonymous_id',
];

export const IDENTITY_LABELS: Record<IdentityType, string> = {
  email: 'E-mail',
  user_id: 'User ID',
  phone: 'Phone',
  external_id: 'External ID',
  group_id: 'Group',
  anonymous_id: 'Anonymous ID',
};

/** The identity types as options of a select, in the order of IDENTITY_TYPES. */
export const IDENTITY_TYPE_OPTIONS = IDENTITY_TYPES.map((type) => ({
  value: type,
  label: IDENTITY_LABELS[type],
}));

export const IDENTITY_TONES: Record<IdentityType, BadgeTone> = {
  email: 'accent',
  user_id: 'success',
  phone: 'info',
  external_id: 'warning',
  group_id: 'neutral',
  anonymous_id: 'neutral',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function firstIdentity(profile: Profile, type: IdentityType): string | undefined {
  return profile.identities.find((identity) => identity.type === type)?.value;
}

/** The profile's e-mail: the `email` trait, else its first e-mail identity. */
export function profileEmail(profile: Profile): string | undefined {
  return text(profile.traits.email) ?? firstIdentity(profile, 'email');
}

/** The person's name as their traits give it (Segment's `name`, or `firstName` + `lastName`). */
export function profileName(profile: Profile): string | undefined {
  const { traits } = profile;
  const name = text(traits.name);
  if (name) return name;
  const parts = [text(traits.firstName ?? traits.first_name), text(traits.lastName ?? traits.last_name)];
  const joined = parts.filter(Boolean).join(' ');
  return joined || undefined;
}

/** The best thing to call a profile by, from the most to the least human identifier. */
export function profileDisplayName(profile: Profile): string {
  return (
    profileName(profile) ??
    profileEmail(profile) ??
    firstIdentity(profile, 'user_id') ??
    firstIdentity(profile, 'phone') ??
    'Anonymous visitor'
  );
}

/** Identity values grouped by type, in the display order of IDENTITY_TYPES; empty types left out. */
export function identitiesByType(profile: Profile): { type: IdentityType; values: string[] }[] {
  return IDENTITY_TYPES.map((type) => ({
    type,
    values: profile.identities.filter((identity) => identity.type === type).map((identity) => identity.value),
  })).filter((group) => group.values.length > 0);
}
