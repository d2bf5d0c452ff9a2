import './workers.js';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

const DEFAULT_QUERY = `# Runs as you, with your session.
# Ctrl+Enter runs; the book icon opens the schema docs.

query People($first: Int = 10) {
  employees(first: $first, sort: { field: NAME }) {
    totalCount
    edges {
      node {
        id
        name
        title
        team { name }
        leader { name }
      }
    }
  }
}
`;

/** GraphiQL 5, bundled (monaco workers included) and loaded only when this page opens. */
export default function ExplorerPage() {
  const fetcher = useMemo(() => {
    const { protocol, host } = window.location;
    return createGraphiQLFetcher({
      url: '/graphql',
      fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
      wsClient: createClient({ url: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`, lazy: true }),
    });
  }, []);
  return (
    <div className="explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} defaultEditorToolsVisibility={false} />
    </div>
  );
}
