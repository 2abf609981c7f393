import { createCdpModule } from '@orchestrator/cdp/server';
import { createFlowsModule } from '@orchestrator/flows/server';
import { createFormsModule } from '@orchestrator/forms/server';
import type { ServerModuleFactory } from '@orchestrator/shared/modules';

/** Every module's server side, composed by the host in this order. */
export const SERVER_MODULES: readonly ServerModuleFactory[] = [
  createCdpModule,
  createFormsModule,
  createFlowsModule,
];
