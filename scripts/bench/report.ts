import { isPassing, type Metric, type ScenarioResult } from './scenario';

const formatValue = (metric: Metric) => {
  const value = Number.isNaN(metric.value) ? 'n/a' : metric.value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return metric.unit && metric.unit !== '' ? `${value} ${metric.unit}` : value;
};

const formatTarget = (metric: Metric) => {
  if (!metric.target) return '';
  const op = { '=': '=', '<': '<', '<=': '≤', '>=': '≥' }[metric.target.op];
  return `${op} ${metric.target.value.toLocaleString('en-US')}${metric.unit && metric.unit !== '' ? ` ${metric.unit}` : ''}`;
};

type Row = [string, string, string, string, string];

function rowsOf(results: ScenarioResult[]): Row[] {
  return results.flatMap((result) =>
    result.metrics.map((metric): Row => [result.scenario, metric.name, formatValue(metric), formatTarget(metric), metric.target ? (isPassing(metric) ? 'pass' : 'FAIL') : '']),
  );
}

const HEADER: Row = ['scenario', 'metric', 'value', 'target', 'result'];

export function formatTable(results: ScenarioResult[]): string {
  const rows = [HEADER, ...rowsOf(results)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: Row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(HEADER), widths.map((width) => '-'.repeat(width)).join('  '), ...rowsOf(results).map(line)].join('\n');
}

export function formatMarkdown(results: ScenarioResult[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`, ...rowsOf(results).map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}
