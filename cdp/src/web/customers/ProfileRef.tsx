import { Link } from 'react-router-dom';
import { customerPath } from './customers-api.ts';

/** The first block of a profile's UUID: enough to tell profiles apart on one screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** "this profile" for the profile on screen (`current`), else a link to the other one by its short id. */
export function ProfileRef({ id, current }: { id: string; current?: string }) {
  if (id === current) return <>this profile</>;
  return (
    <Link to={customerPath(id)}>
      profile <code className="cdp-code">{shortId(id)}</code>
    </Link>
  );
}
