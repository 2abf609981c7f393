import helmet from 'helmet';

/**
 * Security headers for API answers and the built web app. The suite's pages load only their own
 * scripts; inline styles are allowed because React sets style attributes.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        // The mailbox previews e-mail HTML in a sandboxed srcdoc frame.
        frameSrc: ["'self'", 'about:'],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
