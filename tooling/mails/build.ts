/** Writes the compiled mail layouts (shared/notifications/mail-layouts.generated.ts), formatted as the linter wants. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATED_PATH, generatedModule } from './mail-layouts.js';

const file = fileURLToPath(GENERATED_PATH);
writeFileSync(file, await generatedModule());
execFileSync('npx', ['biome', 'format', '--write', file], { stdio: 'inherit' });
console.log(`wrote ${file}`);
