/**
 * The HTML of an e-mail as an iframe document. Links open in a new tab: inside the sandboxed frame
 * they would either do nothing or replace the message, and the links are the point of a dev mailbox
 * (sign-in links, invitations).
 */
export function emailSrcDoc(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#1b1f24;margin:16px;}</style></head><body>${html}</body></html>`;
}
