import { fileURLToPath } from 'node:url';

/** The repository root: route table entries (`functions/...`) are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
