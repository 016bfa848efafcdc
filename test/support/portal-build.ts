/** Builds the portal once before the browser tests (the stack serves portal/dist as it is on disk). */
import { buildPortal } from '../../infra/local/portal-build.js';

export async function setup() {
  await buildPortal();
}
