import { useT } from '../i18n/index.js';
import { useState } from 'react';
import { Button } from './components.js';
import { downloadCsv, toCsv, type CsvColumn } from './csv.js';

/**
 * "Export CSV" for the table on screen: loads every row matching the current filters (not only the
 * page shown) when clicked, through the same queries the page uses — so figures the server hides
 * stay hidden in the file too.
 */
export function ExportCsvButton<Row>({ filename, columns, load }: { filename: string; columns: CsvColumn<Row>[]; load: () => Promise<{ rows: Row[]; truncated?: boolean }> }) {
  const { t } = useT();
  const [state, setState] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      const { rows, truncated } = await load();
      downloadCsv(filename, toCsv(columns, rows));
      setState({ busy: false, message: truncated ? t('common.exportTruncated', { count: rows.length }) : undefined });
    } catch (error) {
      setState({ busy: false, message: t('common.exportFailed', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };
  return (
    <span className="export-csv">
      <Button size="sm" onClick={() => void run()} busy={state.busy}>
        {t('common.exportCsv')}
      </Button>
      <span className="export-csv-message" role="status">
        {state.message}
      </span>
    </span>
  );
}
