import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  mockMigrationAwareAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { type DatabaseProvider } from '../server/persistence/database-url';

export type SchemaEngine = wasmBindings.SchemaEngine;
export type DiffTarget = wasmBindings.DiffTarget;

let loaded: Promise<void> | undefined;

// Node 20 cannot import the package's main entry (it imports .wasm as an ES module),
// so we instantiate the wasm by hand against the JS glue. The glue keeps the instance
// in module state, hence exactly one instantiation per process.
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmBindings });
    wasmBindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== 'function') throw new Error('@prisma/schema-engine-wasm: missing __wbindgen_start export.');
    start();
  })();
  return loaded;
}

/**
 * Runs `run` with Prisma's schema engine (wasm) on top of a driver adapter factory,
 * then frees the engine and disposes the connections it opened (free() alone leaves them open).
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  const engine = await wasmBindings.SchemaEngine.new(
    { datamodels: undefined },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory({
      provider: adapterFactory.provider,
      adapterName: adapterFactory.adapterName,
      connect: () => track(adapterFactory.connect()),
      connectToShadowDb: () => track(adapterFactory.connectToShadowDb()),
    }),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * An adapter factory for diffing datamodels without any database. The engine
 * only asks PostgreSQL for its version (and whether the schema exists) when it starts.
 */
export function offlineAdapterFactory(provider: DatabaseProvider): SqlMigrationAwareDriverAdapterFactory {
  if (provider === 'sqlite') return mockMigrationAwareAdapterFactory('sqlite');
  const refuse = (what: string) => Promise.reject(new Error(`The offline PostgreSQL stand-in cannot ${what}.`));
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: 'roundtable-offline-postgres',
    queryRaw: async (query) => {
      if (!query.sql.includes('server_version_num')) return refuse(`run ${query.sql}`);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, 'PostgreSQL 15.0 (offline stand-in)', 150000]],
      };
    },
    executeRaw: (query) => refuse(`run ${query.sql}`),
    executeScript: () => refuse('run scripts'),
    startTransaction: () => refuse('start transactions'),
    dispose: async () => undefined,
  };
  return {
    provider: 'postgres',
    adapterName: adapter.adapterName,
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

/** The schema a Prisma datamodel describes. */
export function datamodel(content: string): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] };
}

/** The schema of the live database behind the engine's adapter (the datamodel only names the provider). */
export function liveDatabase(content: string): DiffTarget {
  return { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content }], configDir: process.cwd() };
}

/** The SQL that takes `from` to `to`, or null when both describe the same database schema. */
export async function diffScript(engine: SchemaEngine, from: DiffTarget, to: DiffTarget): Promise<string | null> {
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.exitCode === 2 ? (result.stdout ?? '') : null;
}
