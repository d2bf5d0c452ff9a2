import {
  GraphQLError,
  Kind,
  getNamedType,
  isListType,
  getNullableType,
  isObjectType,
  isInterfaceType,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
} from 'graphql';
import type { Limits } from '../config.js';
import { DEFAULT_PAGE_SIZE } from './connection.js';

/**
 * Query guards that run identically on HTTP (Apollo) and WebSocket
 * (graphql-ws executes outside Apollo's plugins, so both paths call these).
 *
 * - depth: cyclic paths (employee.leader.reports…leader) make unbounded
 *   nesting possible. Introspection subtrees (`__schema`, `__type`) are not
 *   counted against it — the standard introspection query is ~13 levels deep —
 *   but have their own generous cap so they cannot be abused either.
 * - aliases: one field aliased a thousand times is a thousand resolutions.
 * - cost: the estimated number of objects a query can return. Each field
 *   costs 1 times the product of the list sizes above it; a connection's size
 *   is its `first` (default 20), a plain list counts as 10.
 */
const INTROSPECTION_MAX_DEPTH = 15;
const PLAIN_LIST_ESTIMATE = 10;

function queryTooComplex(message: string, extra: Record<string, unknown>) {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extra } });
}

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    let introspectionTooDeep = false;
    // Depth of the deepest field below `set`, where `depth` is the depth of `set` itself.
    const measure = (set: SelectionSetNode, depth: number, cap: number, seen: Set<string>): number => {
      let deepest = depth;
      for (const selection of set.selections) {
        if (deepest > cap) break;
        if (selection.kind === Kind.FIELD) {
          if (!selection.selectionSet) continue;
          if (cap === maxDepth && selection.name.value.startsWith('__')) {
            const introspectionDepth = measure(selection.selectionSet, 1, INTROSPECTION_MAX_DEPTH, seen);
            if (introspectionDepth > INTROSPECTION_MAX_DEPTH) introspectionTooDeep = true;
            continue;
          }
          deepest = Math.max(deepest, measure(selection.selectionSet, depth + 1, cap, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, measure(selection.selectionSet, depth, cap, seen));
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) continue; // unknown or cyclic fragments: standard rules report them
          deepest = Math.max(deepest, measure(fragment.selectionSet, depth, cap, new Set([...seen, fragment.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        introspectionTooDeep = false;
        const depth = measure(node.selectionSet, 1, maxDepth, new Set());
        if (depth > maxDepth) {
          context.reportError(
            queryTooComplex(`Query is nested more than ${maxDepth} levels deep`, { limit: 'depth', maximum: maxDepth }),
          );
        }
        if (introspectionTooDeep) {
          context.reportError(
            queryTooComplex(`Introspection is nested more than ${INTROSPECTION_MAX_DEPTH} levels deep`, {
              limit: 'depth',
              maximum: INTROSPECTION_MAX_DEPTH,
            }),
          );
        }
      },
    };
  };
}

export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases > maxAliases && !reported) {
          reported = true;
          context.reportError(
            queryTooComplex(`Query uses more than ${maxAliases} aliases`, { limit: 'aliases', maximum: maxAliases }),
          );
        }
      },
    };
  };
}

export function guardRules(limits: Limits): ValidationRule[] {
  return [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases)];
}

/**
 * Estimates the cost of the selected operation with its variables (so it runs
 * after validation, once variables are known). Returns the error to report, or
 * undefined when the operation fits the budget.
 */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  maxCost: number,
): GraphQLError | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return undefined;

  const argValue = (field: FieldNode, name: string): unknown => {
    const arg = field.arguments?.find((a) => a.name.value === name);
    if (!arg) return undefined;
    if (arg.value.kind === Kind.INT) return Number(arg.value.value);
    if (arg.value.kind === Kind.VARIABLE) return variables?.[arg.value.name.value];
    return undefined;
  };

  let total = 0;
  const walk = (set: SelectionSetNode, parent: GraphQLObjectType | GraphQLInterfaceType, multiplier: number, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (total > maxCost) return;
      if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
        const typeName = fragment.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (type && (isObjectType(type) || isInterfaceType(type))) {
          const nextSeen = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
          walk(fragment.selectionSet, type, multiplier, nextSeen);
        }
        continue;
      }
      const fieldDef: GraphQLField<unknown, unknown> | undefined = parent.getFields()[selection.name.value];
      total += multiplier;
      if (!fieldDef || !selection.selectionSet) continue;
      const named = getNamedType(fieldDef.type);
      if (!isObjectType(named) && !isInterfaceType(named)) continue;
      let size = 1;
      const isConnectionEdges = parent.name.endsWith('Connection') && (selection.name.value === 'edges' || selection.name.value === 'nodes');
      if (isConnectionEdges) {
        size = 1; // the connection's `first` already sized this list (`edges`, or a sync page's `nodes`)
      } else if (named.name.endsWith('Connection')) {
        const first = argValue(selection, 'first');
        size = typeof first === 'number' && first >= 0 ? first : DEFAULT_PAGE_SIZE;
      } else if (isListType(getNullableType(fieldDef.type))) {
        size = PLAIN_LIST_ESTIMATE;
      }
      walk(selection.selectionSet, named, multiplier * Math.max(size, 1), seen);
    }
  };
  walk(operation.selectionSet, root, 1, new Set());
  if (total > maxCost) {
    return queryTooComplex(`Query could return about ${total.toLocaleString('en')} objects; the budget is ${maxCost.toLocaleString('en')}. Ask for smaller pages or fewer nested lists.`, {
      limit: 'cost',
      maximum: maxCost,
      cost: total,
    });
  }
  return undefined;
}

/** True when the document asks for schema introspection. */
export function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  const visit = (set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>) => {
    if (!set || found) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__schema' || s.name.value === '__type') found = true;
        else visit(s.selectionSet, fragments, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, fragments, seen);
      else if (!seen.has(s.name.value)) visit(fragments.get(s.name.value)?.selectionSet, fragments, new Set([...seen, s.name.value]));
    }
  };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) visit(d.selectionSet, fragments, new Set());
  return found;
}

/** Strips "Did you mean …?" from validation messages, so guessing the schema needs introspection rights. */
export function hideSuggestions(error: GraphQLError): void {
  if (error.message.includes('Did you mean')) {
    (error as { message: string }).message = error.message.replace(/\s*Did you mean .*\?$/, '');
  }
}
