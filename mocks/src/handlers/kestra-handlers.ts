import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  KESTRA_DEMO_FLOWS,
  type KestraFlowFixture,
  type KestraInputFixture,
} from '../fixtures/kestra-demo-flows.ts';
import {
  KestraExecutionSimulator,
  type ExecutionSearch,
  type KestraLabelJson,
} from './kestra-execution-simulator.ts';
import { basicCredentialsOf, withoutTrailingSlash } from './request-helpers.ts';

export const KESTRA_MOCK_DEFAULT_URL = 'http://kestra.mock:8080';

export interface KestraHandlersOptions {
  /** Kestra's base URL (without /api). Default http://kestra.mock:8080. */
  url?: string;
  /** The tenant path segment of Kestra 0.20+/1.x OSS. Default `main`. */
  tenant?: string;
  /** When set, requests need these Basic credentials, as Kestra OSS asks since 0.24. */
  basicAuth?: { username: string; password: string };
  /** Default: the suite's DevOps flows in namespace `orchestrator.ops`. */
  flows?: readonly KestraFlowFixture[];
}

/** Kestra (Micronaut) error body. */
function kestraError(status: number, message: string) {
  return HttpResponse.json({ message, _links: { self: { href: '', templated: false } } }, { status });
}

function toFlowJson(flow: KestraFlowFixture, tenant: string) {
  return {
    id: flow.id,
    namespace: flow.namespace,
    tenantId: tenant,
    revision: flow.revision,
    description: flow.description,
    inputs: flow.inputs.map(({ id, type, required, description, defaults, values }) => ({
      id,
      type,
      required,
      description,
      ...(defaults !== undefined ? { defaults } : {}),
      ...(values !== undefined ? { values } : {}),
    })),
    tasks: flow.tasks,
    disabled: false,
    deleted: false,
  };
}

/** Kestra's own input check: defaults filled in, required present, SELECT/BOOLEAN/INT well-formed. */
function resolveInputs(
  declared: KestraInputFixture[],
  form: Map<string, string>,
): { inputs: Record<string, unknown> } | { error: string } {
  const inputs: Record<string, unknown> = {};
  for (const input of declared) {
    const value = form.get(input.id) ?? input.defaults;
    if (value === undefined || value === '') {
      if (input.required)
        return { error: `Invalid input for \`${input.id}\`, missing required input, but received \`null\`` };
      continue;
    }
    if (input.type === 'SELECT' && input.values && !input.values.includes(value)) {
      return {
        error: `Invalid input for \`${input.id}\`, it must match the values \`[${input.values.join(', ')}]\`, but received \`${value}\``,
      };
    }
    if (input.type === 'BOOLEAN') {
      if (value !== 'true' && value !== 'false')
        return { error: `Invalid input for \`${input.id}\`, it must be a boolean` };
      inputs[input.id] = value === 'true';
    } else if (input.type === 'INT') {
      if (!/^-?\d+$/.test(value))
        return { error: `Invalid input for \`${input.id}\`, it must be an integer` };
      inputs[input.id] = Number(value);
    } else {
      inputs[input.id] = value;
    }
  }
  return { inputs };
}

/** Kestra's `key:value` label parameters: split on the first `:`, both sides trimmed and non-empty. */
function parseLabels(values: string[]): KestraLabelJson[] | { error: string } {
  const labels: KestraLabelJson[] = [];
  for (const raw of values) {
    const separator = raw.indexOf(':');
    const key = separator < 0 ? '' : raw.slice(0, separator).trim();
    const value = separator < 0 ? '' : raw.slice(separator + 1).trim();
    if (!key || !value || /\s/.test(key)) return { error: `Invalid label parameter \`${raw}\`` };
    labels.push({ key, value });
  }
  return labels;
}

const FILTER_PARAMETER = /^filters\[(.*?)]\[(.*?)](?:\[(.+)])?$/;

/**
 * The search's filters as Kestra reads them: the generic `filters[field][operation][labelKey]` parameters
 * when there are any, else the older `namespace` (a prefix), `flowId` and `labels=key:value` ones.
 * Filters the mock does not implement are refused rather than ignored, so no test trusts a wrong answer.
 */
function parseExecutionSearch(params: URLSearchParams): ExecutionSearch | { error: string } {
  const page = Number(params.get('page') ?? '1');
  const size = Number(params.get('size') ?? '10');
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
    return { error: 'page and size must be positive integers' };
  }
  const search: ExecutionSearch = { page, size };
  const filterKeys = [...new Set(params.keys())].filter((key) => key.startsWith('filters['));
  if (filterKeys.length === 0) {
    const namespace = params.get('namespace');
    if (namespace !== null) search.namespace = { prefix: namespace };
    const flowId = params.get('flowId');
    if (flowId !== null) search.flowId = flowId;
    const labels = parseLabels(params.getAll('labels'));
    if ('error' in labels) return labels;
    if (labels.length > 0) search.labels = labels;
    return search;
  }
  for (const key of filterKeys) {
    const [, field, operation, labelKey] = FILTER_PARAMETER.exec(key) ?? [];
    const value = params.get(key) ?? '';
    if (field === 'namespace' && operation === 'EQUALS') search.namespace = { equals: value };
    else if (field === 'namespace' && operation === 'PREFIX') search.namespace = { prefix: value };
    else if (field === 'flowId' && operation === 'EQUALS') search.flowId = value;
    else if (field === 'labels' && operation === 'EQUALS' && labelKey !== undefined) {
      search.labels = [...(search.labels ?? []), { key: labelKey, value }];
    } else return { error: `The Kestra mock does not implement the filter ${key}` };
  }
  return search;
}

async function readForm(request: Request): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  const contentType = request.headers.get('content-type') ?? '';
  if (
    !contentType.includes('multipart/form-data') &&
    !contentType.includes('application/x-www-form-urlencoded')
  ) {
    return fields;
  }
  for (const [name, value] of await request.formData()) {
    if (typeof value === 'string') fields.set(name, value);
  }
  return fields;
}

/**
 * Kestra's REST API for flows and executions, under `/api/v1/{tenant}/…` (0.20+/1.x) and the older
 * un-tenanted `/api/v1/…`. Executions progress one step per read (see KestraExecutionSimulator).
 */
export function kestraHandlers(options: KestraHandlersOptions = {}): HttpHandler[] {
  const url = withoutTrailingSlash(options.url ?? KESTRA_MOCK_DEFAULT_URL);
  const tenant = options.tenant ?? 'main';
  const flows = options.flows ?? KESTRA_DEMO_FLOWS;
  const executions = new KestraExecutionSimulator();

  function refuseUnauthenticated(request: Request) {
    if (!options.basicAuth) return undefined;
    const credentials = basicCredentialsOf(request);
    if (
      credentials?.username === options.basicAuth.username &&
      credentials.password === options.basicAuth.password
    ) {
      return undefined;
    }
    return HttpResponse.json(
      { message: 'Unauthorized' },
      { status: 401, headers: { 'www-authenticate': 'Basic realm="Kestra"' } },
    );
  }

  function findFlow(namespace: string, id: string): KestraFlowFixture | undefined {
    return flows.find((flow) => flow.namespace === namespace && flow.id === id);
  }

  function routesUnder(apiUrl: string): HttpHandler[] {
    return [
      http.get<{ namespace: string }>(`${apiUrl}/flows/:namespace`, ({ request, params }) => {
        const refused = refuseUnauthenticated(request);
        if (refused) return refused;
        // Kestra answers an unknown namespace with an empty list, not 404.
        const inNamespace = flows.filter((flow) => flow.namespace === params.namespace);
        return HttpResponse.json(inNamespace.map((flow) => toFlowJson(flow, tenant)));
      }),

      http.get<{ namespace: string; id: string }>(`${apiUrl}/flows/:namespace/:id`, ({ request, params }) => {
        const refused = refuseUnauthenticated(request);
        if (refused) return refused;
        const flow = findFlow(params.namespace, params.id);
        if (!flow) return kestraError(404, `Not Found: Unable to find flow ${params.namespace}.${params.id}`);
        return HttpResponse.json(toFlowJson(flow, tenant));
      }),

      http.post<{ namespace: string; id: string }>(
        `${apiUrl}/executions/:namespace/:id`,
        async ({ request, params }) => {
          const refused = refuseUnauthenticated(request);
          if (refused) return refused;
          const flow = findFlow(params.namespace, params.id);
          if (!flow) return kestraError(404, `Flow not found: ${params.namespace}.${params.id}`);
          const labels = parseLabels(new URL(request.url).searchParams.getAll('labels'));
          if ('error' in labels) return kestraError(422, labels.error);
          const resolved = resolveInputs(flow.inputs, await readForm(request));
          if ('error' in resolved) return kestraError(422, `Invalid entity: ${resolved.error}`);
          return HttpResponse.json(executions.create(flow, resolved.inputs, labels, tenant));
        },
      ),

      // Before `/executions/:executionId`, which would otherwise take `search` for an execution id.
      http.get(`${apiUrl}/executions/search`, ({ request }) => {
        const refused = refuseUnauthenticated(request);
        if (refused) return refused;
        const search = parseExecutionSearch(new URL(request.url).searchParams);
        if ('error' in search) return kestraError(422, search.error);
        return HttpResponse.json(executions.search(search));
      }),

      http.get<{ executionId: string }>(`${apiUrl}/executions/:executionId`, ({ request, params }) => {
        const refused = refuseUnauthenticated(request);
        if (refused) return refused;
        const execution = executions.poll(params.executionId);
        if (!execution) return kestraError(404, `Not Found: Unable to find execution ${params.executionId}`);
        return HttpResponse.json(execution);
      }),
    ];
  }

  return [...routesUnder(`${url}/api/v1/${tenant}`), ...routesUnder(`${url}/api/v1`)];
}
