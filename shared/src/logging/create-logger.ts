import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** JSON logs to stdout (one line each), with secrets redacted wherever they appear. */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'orchestrator',
    level: options.level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
