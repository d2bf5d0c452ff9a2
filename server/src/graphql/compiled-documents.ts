import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Queries and mutations run as compiled JavaScript (graphql-jit) instead of through graphql-js's
 * generic executor: a document is turned once into a function that walks exactly its selection,
 * calling the same resolvers, and is reused for every request sending that document. On a
 * 20-employee list (~600 fields) graphql-js's walk was the largest cost left after the SQL.
 *
 * Documents arrive already parsed and validated (Apollo's document store, the WebSocket document
 * cache), and those caches hand out the same DocumentNode for the same text, so compiled functions
 * are kept per DocumentNode in a WeakMap: when a cache drops a document, its compiled form goes too.
 *
 * graphql-jit coerces variables with its own generated code, which refuses an omitted non-null input
 * field that has a default (`recurring: Boolean! = false`) where graphql-js fills the default in. So
 * graphql-js stays the judge of variables: when the compiled query refuses them (an answer without
 * `data`: nothing ran), graphql-js executes the request instead and gives its answer, errors included.
 */
export class CompiledDocuments {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  constructor(private readonly schema: GraphQLSchema) {}

  execute(args: {
    document: DocumentNode;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
    contextValue: unknown;
  }): Promise<ExecutionResult> | ExecutionResult {
    const compiledQuery = this.compile(args.document, args.operationName ?? undefined);
    if (!isCompiledQuery(compiledQuery)) return this.interpret(args);
    const result = compiledQuery.query(undefined, args.contextValue, args.variables ?? {});
    if (isThenable(result)) return Promise.resolve(result).then(withStandardErrors);
    // Refused variables come back at once, before anything ran; a running query is a promise or has `data`.
    return 'data' in result ? withStandardErrors(result) : this.interpret(args);
  }

  private interpret(args: Parameters<CompiledDocuments['execute']>[0]): Promise<ExecutionResult> | ExecutionResult {
    return execute({
      schema: this.schema,
      document: args.document,
      operationName: args.operationName,
      variableValues: args.variables,
      contextValue: args.contextValue,
    });
  }

  /** The compiled operation, or the errors that stop it (e.g. an operation name the document lacks). */
  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult {
    let byOperation = this.compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.compiled.set(document, byOperation);
    }
    const key = operationName ?? '';
    let compiledQuery = byOperation.get(key);
    if (!compiledQuery) {
      // Stack traces of resolver errors are never sent (formatError), so capturing them is skipped.
      compiledQuery = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true });
      byOperation.set(key, compiledQuery);
    }
    return compiledQuery;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * graphql-jit's errors look like graphql-js's but leave `extensions` undefined when the thrown error
 * had none (a database error, a bug); Apollo reads `extensions.code` of every error and, when that
 * throws, answers a bare "Internal server error" without calling formatError — so an outage would
 * not become a 503 and a bug would not be logged. Each error becomes a graphql-js GraphQLError.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const standard = new GraphQLError(error.message, {
      path: error.path,
      originalError: error.originalError ?? undefined,
      extensions: error.extensions,
    });
    (standard as { locations?: GraphQLError['locations'] }).locations = error.locations;
    return standard;
  });
  return { ...result, errors };
}
