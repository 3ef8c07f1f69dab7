/** The package ships no types; this is the shape its README documents (prom2json's). */
declare module 'parse-prometheus-text-format' {
  export type Labels = Record<string, string>;
  export type Sample = { value: string; labels?: Labels };
  export type HistogramSample = { buckets: Record<string, string>; count: string; sum: string; labels?: Labels };
  export type SummarySample = { quantiles: Record<string, string>; count: string; sum: string; labels?: Labels };
  export type MetricFamily =
    | { name: string; help: string; type: 'COUNTER' | 'GAUGE' | 'UNTYPED'; metrics: Sample[] }
    | { name: string; help: string; type: 'HISTOGRAM'; metrics: HistogramSample[] }
    | { name: string; help: string; type: 'SUMMARY'; metrics: SummarySample[] };
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
