/** Demo data for a first start of the local stack: a program, two regions, dealers, products and their enablement content. */
import { dealers, products, program, regions } from '../../shared/db/setup-repository.js';
import { defaultProgram } from '../../shared/schemas/setup.js';

export const DEMO = {
  regions: [
    {
      id: 'dach',
      name: 'DACH',
      countries: ['DE', 'AT', 'CH'],
      partnerManagerEmail: 'pm.dach@manufacturer.example',
      regionalDirectorEmail: 'director.dach@manufacturer.example',
    },
    {
      id: 'benelux',
      name: 'Benelux',
      countries: ['NL', 'BE', 'LU'],
      partnerManagerEmail: 'pm.benelux@manufacturer.example',
      regionalDirectorEmail: 'director.benelux@manufacturer.example',
    },
  ],
  dealers: [
    { id: 'dealer-alpine', name: 'Alpine Maschinen GmbH', regionId: 'dach', email: 'sales@alpine.example', status: 'active' },
    { id: 'dealer-rhein', name: 'Rhein Technik AG', regionId: 'dach', email: 'info@rhein.example', status: 'active' },
    { id: 'dealer-polder', name: 'Polder Machines B.V.', regionId: 'benelux', email: 'verkoop@polder.example', status: 'active' },
  ],
  products: [
    { sku: 'MX-200', name: 'MX-200 milling centre', productLine: 'milling' },
    { sku: 'MX-500', name: 'MX-500 five-axis milling centre', productLine: 'milling' },
    { sku: 'LT-300', name: 'LT-300 lathe', productLine: 'turning' },
    { sku: 'CB-900', name: 'CB-900 custom build', productLine: 'custom' },
  ],
} as const;

/** Seeds only an empty stack, so a demo's own changes survive restarts. */
export async function seedDemoData(): Promise<boolean> {
  const existing = await regions.list({ limit: 1 });
  if (existing.items.length > 0) return false;
  const updatedAt = new Date().toISOString();
  await program.put({ ...defaultProgram(), fxRates: { USD: 0.92, GBP: 1.17, CHF: 1.05 } });
  for (const region of DEMO.regions) await regions.put({ ...region, countries: [...region.countries], updatedAt });
  for (const dealer of DEMO.dealers) await dealers.put({ ...dealer, updatedAt });
  for (const product of DEMO.products) await products.put({ ...product, updatedAt });
  const { seedDemoOnboarding } = await import('./demo-onboarding.js');
  await seedDemoOnboarding();
  const { seedDemoEnablement } = await import('./demo-enablement.js');
  await seedDemoEnablement();
  return true;
}
