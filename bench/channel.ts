/** The partner channel a benchmark runs in, set up through the admin API: program, two regions, dealers, products. */
import type { Dealer, Product, Program, Region } from '../shared/schemas/setup.js';
import { expectStatus } from './http.js';
import { inParallel } from './parallel.js';
import type { BenchStack } from './stack.js';

export interface Channel {
  program: Program;
  regions: Region[];
  dealers: Dealer[];
  products: Product[];
}

/** Rates to EUR for the currencies the generated deals use besides EUR. */
const FX_RATES = { CHF: 1.04, USD: 0.92, GBP: 1.16 };

const REGIONS = [
  { id: 'bench-dach', name: 'DACH', countries: ['DE', 'AT', 'CH'] },
  { id: 'bench-benelux', name: 'Benelux', countries: ['NL', 'BE', 'LU'] },
];

const PRODUCTS = [
  { sku: 'MX-200', name: 'Milling centre 200', productLine: 'milling' },
  { sku: 'MX-500', name: 'Milling centre 500', productLine: 'milling' },
  { sku: 'LT-300', name: 'Lathe 300', productLine: 'turning' },
  { sku: 'LT-500', name: 'Lathe 500', productLine: 'turning' },
  { sku: 'CB-900', name: 'Custom build', productLine: 'custom' },
];

export async function setUpChannel(stack: BenchStack, dealerCount: number): Promise<Channel> {
  const token = await stack.token({ role: 'channel_admin' });
  const put = async <T>(path: string, body: unknown) => (await expectStatus<T>(200, stack.apiUrl, 'PUT', path, { token, body })).body;

  // Benchmarks submit thousands per dealer: far beyond the anti-squatting default.
  const program = await put<Program>('/program', { fxRates: FX_RATES, maxOpenRegistrationsPerDealer: 100_000 });
  const regions = await Promise.all(
    REGIONS.map(({ id, ...region }) =>
      put<Region>(`/regions/${id}`, {
        ...region,
        partnerManagerEmail: `pm-${id}@manufacturer.example`,
        regionalDirectorEmail: `rd-${id}@manufacturer.example`,
      }),
    ),
  );
  const products = await Promise.all(PRODUCTS.map(({ sku, ...product }) => put<Product>(`/products/${sku}`, product)));
  const dealers: Dealer[] = [];
  await inParallel(dealerCount, 8, async (i) => {
    const id = `bench-dealer-${String(i + 1).padStart(3, '0')}`;
    const regionId = REGIONS[i % REGIONS.length]?.id as string;
    dealers[i] = await put<Dealer>(`/dealers/${id}`, {
      name: `Dealer ${i + 1}`,
      regionId,
      email: `${id}@dealer.example`,
      status: 'active',
    });
  });
  return { program, regions, dealers, products };
}

export function regionOf(channel: Channel, dealer: Dealer): Region {
  const region = channel.regions.find((r) => r.id === dealer.regionId);
  if (!region) throw new Error(`no region ${dealer.regionId}`);
  return region;
}
