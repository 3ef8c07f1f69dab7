import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';

/** The parts of an OpenAPI document a conformance check reads. */
const mediaSchema = z.object({ schema: z.record(z.string(), z.unknown()).optional() });
const responseSchema = z.object({ description: z.string(), headers: z.record(z.string(), z.unknown()).optional(), content: z.record(z.string(), mediaSchema).optional() });
const operationSchema = z.object({ responses: z.record(z.string(), responseSchema) });
export const checkedDocumentSchema = z.object({
  openapi: z.literal('3.1.0'),
  paths: z.record(z.string(), z.record(z.string(), operationSchema)),
  components: z.object({ schemas: z.record(z.string(), z.record(z.string(), z.unknown())) }),
});
export type CheckedDocument = z.infer<typeof checkedDocumentSchema>;

/** A schema with every `#/components/schemas/…` reference replaced by the schema it names. */
function inlineReferences(value: unknown, document: CheckedDocument): unknown {
  if (Array.isArray(value)) return value.map((each) => inlineReferences(each, document));
  if (typeof value !== 'object' || value === null) return value;
  const reference = Reflect.get(value, '$ref');
  if (typeof reference === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(reference)?.[1];
    const target = name === undefined ? undefined : document.components.schemas[name];
    if (!target) throw new Error(`Unresolved reference ${reference}`);
    return inlineReferences(target, document);
  }
  return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, inlineReferences(each, document)]));
}

/** The documented path (`/api/calls/{slug}`) a real path (`/api/calls/abc`) is an instance of, if any. */
function templateOf(pathname: string, document: CheckedDocument): string | undefined {
  const matches = (template: string) => new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname);
  const templates = Object.keys(document.paths).filter(matches);
  // A literal path wins over a parameterised one that also matches it.
  return templates.sort((a, b) => a.split('{').length - b.split('{').length)[0];
}

export type Exercised = { method: string; path: string; status: number };

/**
 * Checks real responses against an OpenAPI document: the path, method, status and content type must be
 * documented, every documented response header must be sent, and a JSON body must validate against its JSON
 * Schema. Remembers what it saw.
 */
export class OpenApiConformance {
  readonly exercised: Exercised[] = [];
  /** OpenAPI 3.1 schemas are JSON Schema 2020-12. */
  readonly #ajv = new Ajv2020({ allErrors: true, formats: { email: /^[^\s@]+@[^\s@]+$/, uri: /^[a-z][a-z0-9+.-]*:/i } });

  constructor(readonly document: CheckedDocument) {}

  /** Checks `response` to `method` and returns its body: parsed JSON, or the text. */
  async check(method: string, response: Response): Promise<unknown> {
    const { pathname } = new URL(response.url);
    const path = templateOf(pathname, this.document);
    if (!path) throw new Error(`${method} ${pathname} (${response.status}) is not a path of the OpenAPI document`);
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not an operation of the OpenAPI document`);
    const documented = operation.responses[String(response.status)];
    if (!documented) throw new Error(`${method} ${path} answered ${response.status}, which the OpenAPI document does not list`);
    this.exercised.push({ method: method.toLowerCase(), path, status: response.status });
    const missing = Object.keys(documented.headers ?? {}).filter((name) => !response.headers.has(name));
    if (missing.length > 0) throw new Error(`${method} ${path} ${response.status}: the documented headers ${missing.join(', ')} were not sent`);
    return this.#checkBody(`${method} ${path} ${response.status}`, response, documented.content ?? {});
  }

  /** Checks an error answer outside any documented operation (an unknown path, a method a path does not take). */
  async checkError(response: Response): Promise<unknown> {
    return this.#checkBody(`${response.status} error`, response, { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } });
  }

  async #checkBody(what: string, response: Response, content: Record<string, z.infer<typeof mediaSchema>>): Promise<unknown> {
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const media = content[mediaType];
    if (!media) throw new Error(`${what}: content type ${mediaType} is not documented (${Object.keys(content).join(', ')})`);
    const text = await response.text();
    if (mediaType !== 'application/json') return text;
    const body: unknown = JSON.parse(text);
    const validate = this.#ajv.compile(z.record(z.string(), z.unknown()).parse(inlineReferences(media.schema ?? {}, this.document)));
    if (!validate(body)) throw new Error(`${what}: the body does not match the document: ${this.#ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`);
    return body;
  }
}
