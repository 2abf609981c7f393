import { z } from 'zod';
import { ProblemSchema } from '../contracts/index.ts';

export interface DocumentedRoute {
  method: string;
  /** Express-style path, e.g. `/api/v1/forms/:id`. */
  path: string;
  summary: string;
  tag: string;
  secured: boolean;
  status: number;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
}

const toJsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

/** Collects the zod contracts of every route and renders them as one OpenAPI 3 document. */
export class OpenApiRegistry {
  private readonly routes: DocumentedRoute[] = [];

  constructor(private readonly info: { title: string; version: string }) {}

  add(route: DocumentedRoute): void {
    this.routes.push(route);
  }

  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const parameters = [
        ...objectParameters(route.params, 'path'),
        ...objectParameters(route.query, 'query'),
      ];
      paths[path] ??= {};
      paths[path][route.method] = {
        summary: route.summary,
        tags: [route.tag],
        ...(route.secured ? { security: [{ bearer: [] }] } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } },
              },
            }
          : {}),
        responses: {
          [route.status]: {
            description: 'Success',
            ...(route.response
              ? { content: { 'application/json': { schema: toJsonSchema(route.response, 'output') } } }
              : {}),
          },
          default: {
            description: 'Error (RFC 9457 problem details)',
            content: { 'application/problem+json': { schema: toJsonSchema(ProblemSchema, 'output') } },
          },
        },
      };
    }
    return {
      openapi: '3.0.3',
      info: this.info,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or API key' } },
      },
      paths,
    };
  }
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toJsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
