/**
 * The layers, as rules `npm run check` enforces (dependency-cruiser). docs/architecture.md says why each exists.
 * Type-only imports count too (tsPreCompilationDeps), so a type cycle fails like a runtime one.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle (runtime or type-only) ties its files into one unit; split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-is-shared-and-pure',
      severity: 'error',
      comment: 'lib/ runs in the browser and on the server: it imports neither the server nor the components.',
      from: { path: '^lib/' },
      to: { path: '^(server|components|app)/' },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment: 'server/domain decides; it reaches no socket, database or network (STYLE.md 4).',
      from: { path: '^server/domain/' },
      to: {
        path: [
          '^server/(transport|realtime|persistence|outbound)/',
          '^node_modules/(socket\\.io|socket\\.io-client|@socket\\.io|@prisma|prisma|pg|better-sqlite3|redis|hono|@hono)/',
        ],
      },
    },
    {
      name: 'prisma-only-in-persistence',
      severity: 'error',
      comment: 'Only the repositories talk to Prisma (STYLE.md 6); migration tooling in scripts/ and prisma/ is not app code.',
      from: { path: '^(app|components|lib|server)/', pathNot: '^server/persistence/' },
      to: { path: ['^server/persistence/generated/', '^node_modules/(@prisma|prisma)/'] },
    },
    {
      name: 'persistence-below-delivery',
      severity: 'error',
      comment: 'Storage knows nothing of sockets or handlers; it reports to them through small interfaces.',
      from: { path: '^server/persistence/' },
      to: { path: ['^server/(transport|realtime|outbound)/', '^node_modules/(socket\\.io|@socket\\.io)/'] },
    },
    {
      name: 'outbound-below-transport',
      severity: 'error',
      comment: 'server/outbound talks to other systems (Git hosts, webhook receivers); handlers use it, never the other way round.',
      from: { path: '^server/outbound/' },
      to: { path: ['^server/(transport|realtime)/', '^node_modules/(socket\\.io|@socket\\.io)/'] },
    },
    {
      name: 'realtime-below-transport',
      severity: 'error',
      comment: 'server/realtime delivers state; the handlers in server/transport use it, never the other way round.',
      from: { path: '^server/realtime/' },
      to: { path: '^server/transport/' },
    },
    {
      name: 'observability-is-a-leaf',
      severity: 'error',
      comment: 'Every layer logs and counts through server/observability, so it imports none of them (its tests drive a real server).',
      from: { path: '^server/observability/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/(domain|persistence|realtime|outbound|transport)/' },
    },
    {
      name: 'socket-client-only-in-client-api',
      severity: 'error',
      comment: 'The UI reaches the server through components/client only.',
      from: { path: '^(app|components|lib)/', pathNot: '^components/client/' },
      to: { path: '^node_modules/socket\\.io-client/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^server/persistence/generated/', '^\\.next/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
