import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers for API answers and the built web app. The suite's pages load only their own
 * scripts; inline styles are allowed because React sets style attributes.
 */
export function securityHeaders(): RequestHandler {
  const everywhere = helmet(options('self'));
  // Published forms (`/f/<slug>`) are meant to be embedded in other sites' pages.
  const embeddable = helmet(options('any'));
  return (req, res, next) => (req.path.startsWith('/f/') ? embeddable : everywhere)(req, res, next);
}

function options(framedBy: 'self' | 'any'): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Public forms show the logo their owner links to.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'"],
        // The mailbox previews e-mail HTML in a sandboxed srcdoc frame.
        frameSrc: ["'self'", 'about:'],
        frameAncestors: framedBy === 'self' ? ["'self'"] : ['*'],
        objectSrc: ["'none'"],
      },
    },
    xFrameOptions: framedBy === 'self' ? { action: 'sameorigin' } : false,
    crossOriginEmbedderPolicy: false,
  };
}
