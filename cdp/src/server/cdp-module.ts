import type { ServerModuleFactory } from '@orchestrator/shared/modules';

/**
 * The CDP's server side: sources and the Segment-compatible ingest (api role), the profile builder
 * (cdp-worker role), and the profiles, merges and segments APIs.
 */
export const createCdpModule: ServerModuleFactory = async ({ container, kernel }) => {
  void container;
  void kernel;
  return {
    name: 'cdp',
    apiRouters: [],
    publicRouters: [],
    workers: [],
  };
};
