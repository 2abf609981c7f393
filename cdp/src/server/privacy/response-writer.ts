import type { Response } from 'express';

/** The client went away in the middle of a streamed answer. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
}

/**
 * Writes a streamed answer with backpressure: waits for 'drain' when the socket's buffer is full, so
 * a large export never sits in memory, and stops as soon as the client disconnects.
 */
export class ResponseWriter {
  constructor(private readonly res: Response) {}

  async write(chunk: string): Promise<void> {
    if (this.res.destroyed || this.res.writableEnded) throw new ClientGoneError('The client disconnected');
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        this.res.off('drain', onDrain);
        this.res.off('close', onClose);
      };
      const onDrain = () => {
        cleanup();
        resolve();
      };
      const onClose = () => {
        cleanup();
        reject(new ClientGoneError('The client disconnected'));
      };
      this.res.on('drain', onDrain);
      this.res.on('close', onClose);
    });
  }

  end(chunk: string): void {
    this.res.end(chunk);
  }
}
