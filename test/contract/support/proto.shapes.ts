import { z } from 'zod';
import { PROTO_PACKAGE, PROTO_SERVICES } from '../../../scripts/injective-routes/proto-routes';

/**
 * The JSON shape Injective's REST gateway gives a protobuf message (cosmos-sdk's gRPC-gateway
 * marshaler: proto field names, defaults emitted, 64-bit integers and LegacyDec as strings, 32-bit
 * integers as numbers, enums by name, a oneof as the one member that is set), read from the message
 * descriptors of `@injectivelabs/core-proto-ts-v2`; and two checks against it.
 */

/** The parts of a protobuf-ts field descriptor the checks read. */
export interface ProtoField {
  name: string;
  kind: 'scalar' | 'message' | 'enum' | 'map';
  T: number | (() => unknown);
  repeat?: number;
  oneof?: string;
  opt?: boolean;
}

export interface ProtoMessage {
  typeName: string;
  fields: readonly ProtoField[];
}

type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

// protobuf-ts ScalarType: 64-bit integers are JSON strings, 32-bit ones and floats numbers
const SCALAR_KIND: Record<number, JsonKind> = {
  1: 'number', 2: 'number', 3: 'string', 4: 'string', 5: 'number', 6: 'string', 7: 'number', 8: 'boolean', 9: 'string',
  12: 'string', 13: 'number', 15: 'number', 16: 'string', 17: 'number', 18: 'string',
};
// well-known types with a JSON form of their own
const WELL_KNOWN: Record<string, JsonKind | 'any'> = {
  'google.protobuf.Timestamp': 'string',
  'google.protobuf.Duration': 'string',
  'google.protobuf.Any': 'any',
};

/** The response message of an rpc such as `injective.exchange.v2.Query.SpotOrderbook`. */
export function responseMessageOf(rpc: string): ProtoMessage {
  const method = rpc.slice(rpc.lastIndexOf('.') + 1);
  const service = rpc.slice(0, rpc.lastIndexOf('.'));
  for (const source of PROTO_SERVICES) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ESM-only package, required synchronously (Node ≥ 20.19)
    const descriptor = (require(`${PROTO_PACKAGE}/${source.module}.js`) as Record<string, { typeName: string; methods: { name: string; O: ProtoMessage }[] }>)[source.exportName];
    if (descriptor?.typeName !== service) continue;
    const found = descriptor.methods.find((m) => m.name === method);
    if (found) return found.O;
  }
  throw new Error(`no rpc ${rpc} in ${PROTO_PACKAGE}`);
}

function nested(field: ProtoField): ProtoMessage {
  return (field.T as () => ProtoMessage)();
}

/** The JSON kind of one (non-repeated) value of a field, or `any` for google.protobuf.Any. */
function valueKind(field: ProtoField): JsonKind | 'any' {
  if (field.kind === 'scalar') return SCALAR_KIND[field.T as number] ?? 'string';
  if (field.kind === 'enum') return 'string';
  if (field.kind === 'map') return 'object';
  return WELL_KNOWN[nested(field).typeName] ?? 'object';
}

// ---------------------------------------------------------------- what a zod schema reads

/** The JSON kinds a schema accepts, and for objects the schemas of its keys, for arrays its element. */
interface Reads {
  kinds: Set<JsonKind | 'any'>;
  keys: Map<string, z.ZodTypeAny>;
  element?: z.ZodTypeAny;
}

function readsOf(schema: z.ZodTypeAny, into: Reads = { kinds: new Set(), keys: new Map() }): Reads {
  const def = schema._def as { typeName: string; [k: string]: any };
  switch (def.typeName) {
    case 'ZodEffects':
      return readsOf(def.schema, into);
    case 'ZodPipeline':
      return readsOf(def.in, into);
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodCatch':
    case 'ZodReadonly':
    case 'ZodBranded':
      return readsOf(def.innerType ?? def.type, into);
    case 'ZodLazy':
      return readsOf(def.getter(), into);
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      for (const option of def.options as z.ZodTypeAny[]) readsOf(option, into);
      return into;
    case 'ZodObject':
      into.kinds.add('object');
      for (const [key, value] of Object.entries((schema as z.AnyZodObject).shape)) into.keys.set(key, value as z.ZodTypeAny);
      return into;
    case 'ZodRecord':
      into.kinds.add('any');
      return into;
    case 'ZodArray':
      into.kinds.add('array');
      into.element = def.type;
      return into;
    case 'ZodString':
    case 'ZodEnum':
    case 'ZodNativeEnum':
      into.kinds.add('string');
      return into;
    case 'ZodNumber':
      into.kinds.add('number');
      return into;
    case 'ZodBoolean':
      into.kinds.add('boolean');
      return into;
    case 'ZodLiteral':
      into.kinds.add(def.value === null ? 'null' : (typeof def.value as JsonKind));
      return into;
    case 'ZodNull':
      into.kinds.add('null');
      return into;
    case 'ZodUndefined':
      return into;
    default:
      // unknown, any: reads nothing in particular
      into.kinds.add('any');
      return into;
  }
}

/**
 * Every key a response schema reads must exist in the message, and accept the JSON kind the
 * gateway gives it; nested objects and arrays are followed. Answers the problems, one per key.
 */
export function schemaReadProblems(schema: z.ZodTypeAny, message: ProtoMessage, at = message.typeName): string[] {
  const reads = readsOf(schema);
  const problems: string[] = [];
  for (const [key, value] of reads.keys) {
    const field = message.fields.find((f) => f.name === key);
    if (!field) {
      problems.push(`${at}.${key}: the adapter reads a key ${message.typeName} does not have (fields: ${message.fields.map((f) => f.name).join(', ')})`);
      continue;
    }
    problems.push(...fieldReadProblems(value, field, `${at}.${key}`));
  }
  return problems;
}

function fieldReadProblems(schema: z.ZodTypeAny, field: ProtoField, at: string): string[] {
  const reads = readsOf(schema);
  if (reads.kinds.has('any')) return [];
  if (field.repeat) {
    if (!reads.kinds.has('array')) return [`${at}: repeated in the message (a JSON array), read as ${[...reads.kinds].join('|')}`];
    return reads.element ? elementReadProblems(reads.element, field, `${at}[]`) : [];
  }
  return elementReadProblems(schema, field, at);
}

function elementReadProblems(schema: z.ZodTypeAny, field: ProtoField, at: string): string[] {
  const reads = readsOf(schema);
  if (reads.kinds.has('any')) return [];
  const kind = valueKind(field);
  if (kind === 'any') return [];
  if (!reads.kinds.has(kind)) return [`${at}: the gateway sends a JSON ${kind} (${field.kind === 'scalar' ? `scalar ${field.T}` : field.kind}), the adapter reads ${[...reads.kinds].join('|') || 'nothing'}`];
  if (kind === 'object' && field.kind === 'message') return schemaReadProblems(schema, nested(field), at);
  return [];
}

// ---------------------------------------------------------------- what a reply holds

function jsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonKind;
}

/**
 * A reply as the gateway would give it: exactly the message's keys (every field present, defaults
 * included; of a oneof, at most one member), each value of the field's JSON kind, message fields
 * followed (null allowed for an unset message). Answers the problems.
 */
export function replyProblems(value: unknown, message: ProtoMessage, at = message.typeName): string[] {
  if (jsonKind(value) !== 'object') return [`${at}: a JSON object expected, got ${jsonKind(value)}`];
  const object = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(object)) {
    if (!message.fields.some((f) => f.name === key)) problems.push(`${at}.${key}: not a field of ${message.typeName}`);
  }
  const oneofsSet = new Map<string, string[]>();
  for (const field of message.fields) {
    const present = Object.prototype.hasOwnProperty.call(object, field.name);
    if (field.oneof) {
      if (present && object[field.name] !== null) oneofsSet.set(field.oneof, [...(oneofsSet.get(field.oneof) ?? []), field.name]);
      if (!present) continue;
    } else if (!present) {
      problems.push(`${at}.${field.name}: missing (the gateway emits every field, defaults included)`);
      continue;
    }
    problems.push(...fieldValueProblems(object[field.name], field, `${at}.${field.name}`));
  }
  for (const [oneof, members] of oneofsSet) if (members.length > 1) problems.push(`${at}: oneof ${oneof} has ${members.join(' and ')} set`);
  return problems;
}

function fieldValueProblems(value: unknown, field: ProtoField, at: string): string[] {
  if (field.repeat) {
    if (!Array.isArray(value)) return [`${at}: a JSON array expected, got ${jsonKind(value)}`];
    return value.flatMap((item, i) => valueProblems(item, field, `${at}[${i}]`));
  }
  return valueProblems(value, field, at);
}

function valueProblems(value: unknown, field: ProtoField, at: string): string[] {
  const kind = valueKind(field);
  // an unset message is null, and so are nil bytes and a nil (gogoproto nullable) LegacyDec string
  if (value === null && (field.kind === 'message' || kind === 'string')) return [];
  if (kind === 'any') return jsonKind(value) === 'object' && typeof (value as Record<string, unknown>)['@type'] === 'string' ? [] : [`${at}: an Any ({"@type": …}) expected`];
  if (jsonKind(value) !== kind) return [`${at}: a JSON ${kind} expected, got ${jsonKind(value)} ${JSON.stringify(value)?.slice(0, 40)}`];
  if (kind === 'object' && field.kind === 'message') return replyProblems(value, nested(field), at);
  return [];
}
