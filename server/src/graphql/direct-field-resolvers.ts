import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/** What type-graphql records about one `@FieldResolver` method (the parts read here). */
interface FieldResolverMetadata {
  kind: 'external' | 'internal';
  target: new () => Record<string, (...args: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  getObjectType?: () => unknown;
  roles?: unknown[];
  middlewares?: unknown[];
  params: ParamMetadata[];
}

type ParamMetadata =
  | { kind: 'root'; index: number; propertyName?: string; getType?: () => unknown }
  | { kind: 'context'; index: number; propertyName?: string }
  | { kind: 'info'; index: number }
  | { kind: 'arg'; index: number; name: string; getType: () => unknown; typeOptions?: { array?: boolean }; validateFn?: unknown; validateSettings?: unknown }
  | { kind: 'args' | 'custom'; index: number };

/** Argument types type-graphql hands over unchanged (it converts only input objects and validates only objects). */
const PLAIN_ARGUMENT_TYPES: unknown[] = [Number, String, Boolean];

/**
 * Field resolvers that type-graphql would only pass through call the method directly.
 *
 * type-graphql wraps every field resolver: it builds resolver data, runs the middleware chain, sorts
 * the parameter list and converts and validates each argument in an async function, so a field with
 * arguments answers through a Promise.all even when nothing is checked. In a 20-employee list with
 * leaders and reports that is 40 wrapped calls, ~5% of the request's CPU and a tenth of its
 * allocations. Where the wrapper provably does nothing — no `@Authorized` (no roles), no middleware,
 * and parameters that are only the root, the context, the info or scalar and enum arguments (which
 * type-graphql neither converts nor validates) — the schema field calls the method with the same
 * values itself. Every other field keeps type-graphql's resolver.
 */
export function resolveFieldsDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage() as unknown as {
    fieldResolvers: FieldResolverMetadata[];
    objectTypes: Array<{ target: unknown; name: string }>;
  };
  const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || resolver.roles !== undefined || (resolver.middlewares?.length ?? 0) > 0) continue;
    const typeClass = resolver.getObjectType?.();
    const typeName = storage.objectTypes.find((t) => t.target === typeClass)?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = type && isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    const params = [...resolver.params].sort((a, b) => a.index - b.index);
    if (!field || !params.every(passedThrough)) continue;
    let instance = instances.get(resolver.target);
    if (!instance) instances.set(resolver.target, (instance = new resolver.target()));
    const method = instance[resolver.methodName]!;
    const target = instance;
    const argNames = params.map((p) => (p.kind === 'arg' ? p.name : ''));
    const kinds = params.map((p) => p.kind);
    const resolve: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (root, args, context, info) => {
      const values = new Array<unknown>(kinds.length);
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[i];
        values[i] = kind === 'root' ? root : kind === 'context' ? context : kind === 'info' ? info : args[argNames[i]!];
      }
      return method.apply(target, values);
    };
    field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
}

function passedThrough(param: ParamMetadata): boolean {
  switch (param.kind) {
    case 'root': {
      if (param.propertyName) return false;
      const type = param.getType?.();
      return type === undefined || type === Object;
    }
    case 'context':
      return !param.propertyName;
    case 'info':
      return true;
    case 'arg': {
      if (param.typeOptions?.array || param.validateFn !== undefined) return false;
      const type = param.getType();
      return type instanceof GraphQLScalarType || PLAIN_ARGUMENT_TYPES.includes(type) || isEnumObject(type);
    }
    default:
      return false;
  }
}

/** A TypeScript enum registered with `registerEnumType` (its values are strings or numbers; type-graphql passes them as they are). */
function isEnumObject(type: unknown): boolean {
  if (!type || typeof type !== 'object') return false;
  const enums = (getMetadataStorage() as unknown as { enums: Array<{ enumObj: object }> }).enums;
  return enums.some((e) => e.enumObj === type);
}
