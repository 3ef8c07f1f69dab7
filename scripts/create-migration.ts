// `npm run db:migration -- <name>`: writes the SQL taking the last migration's schema to schema.prisma.
import path from 'node:path';
import { generateMigration } from './migration-generator';

try {
  const result = await generateMigration({ name: process.argv[2] });
  if (result.status === 'unchanged') {
    console.log('No schema changes since the last migration; nothing written.');
  } else {
    console.log(`Created migration ${result.folderName}:`);
    for (const file of result.files) console.log(`  ${path.relative(process.cwd(), file)}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
