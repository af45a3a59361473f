import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from '@0no-co/graphql.web';

/**
 * Makes a handler's fixture look like the server's answer: every object
 * carries its `__typename` (the client's normalised cache keys records by
 * type and id, as with the real server), and every field the query asked for
 * is present (null when the fixture leaves it out). The types come from the
 * server's own schema file, so fixtures need not spell them out.
 */

interface Schema {
  roots: Record<'query' | 'mutation', string>;
  /** Field type names by object or interface type, then by field. */
  fields: Map<string, Map<string, string>>;
}

let schema: Schema | undefined;

function loadSchema(): Schema {
  if (schema) return schema;
  const sdl = readFileSync(resolve(process.cwd(), '../schema/schema.graphql'), 'utf8')
    .replace(/"""[\s\S]*?"""/g, '')
    .replace(/"[^"\n]*"/g, '');
  const roots = { query: 'Query', mutation: 'Mutation' };
  const fields = new Map<string, Map<string, string>>();
  for (const block of sdl.matchAll(/^(type|interface|schema)\s*(\w*)[^{\n]*\{([\s\S]*?)^\}/gm)) {
    const [, kind, name, body] = block;
    if (kind === 'schema') {
      for (const [, op, type] of body!.matchAll(/(query|mutation)\s*:\s*(\w+)/g))
        roots[op as 'query' | 'mutation'] = type!;
      continue;
    }
    const byField = new Map<string, string>();
    const flat = body!.replace(/\([^()]*\)/g, '');
    for (const [, field, type] of flat.matchAll(/(\w+)\s*:\s*\[*\s*(\w+)/g)) byField.set(field!, type!);
    fields.set(name!, byField);
  }
  schema = { roots, fields };
  return schema;
}

/** `data` with `__typename` on every object and null for every selected field it lacks. */
export function asServerAnswer(query: string, data: unknown): unknown {
  const { roots, fields } = loadSchema();
  const doc = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d);
  const operation = doc.definitions.find((d) => d.kind === 'OperationDefinition');
  if (!operation || operation.kind !== 'OperationDefinition' || data == null) return data;
  const root = roots[operation.operation === 'mutation' ? 'mutation' : 'query'];

  const selected = (set: SelectionSetNode, into: FieldNode[] = []): FieldNode[] => {
    for (const s of set.selections) {
      if (s.kind === 'Field') into.push(s);
      else if (s.kind === 'InlineFragment') selected(s.selectionSet, into);
      else {
        const fragment = fragments.get(s.name.value);
        if (fragment) selected(fragment.selectionSet, into);
      }
    }
    return into;
  };

  const shape = (value: unknown, type: string, set: SelectionSetNode, isRoot = false): unknown => {
    if (value == null) return null;
    if (Array.isArray(value)) return value.map((v) => shape(v, type, set));
    if (typeof value !== 'object') return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (!isRoot) out.__typename ??= type;
    for (const field of selected(set)) {
      const key = field.alias?.value ?? field.name.value;
      if (field.name.value === '__typename') {
        if (!isRoot) out[key] ??= type;
        continue;
      }
      const childType = fields.get(type)?.get(field.name.value) ?? field.name.value;
      out[key] = field.selectionSet ? shape(out[key], childType, field.selectionSet) : (out[key] ?? null);
    }
    return out;
  };

  return shape(data, root, operation.selectionSet, true);
}
