import { lazy, Suspense } from 'react';
import { Loading } from '../components/Loading.js';
import { useSession } from '../features/auth/hooks/useSession.js';

const DealerHome = lazy(() => import('../features/home/components/DealerHome.js').then((m) => ({ default: m.DealerHome })));
const RoleHome = lazy(() => import('../features/roles/components/RoleHome.js').then((m) => ({ default: m.RoleHome })));

/** Each role's start page; other areas replace `RoleHome` with their own for their roles. */
export function HomeByRole() {
  const session = useSession();
  return <Suspense fallback={<Loading />}>{session.role === 'dealer' ? <DealerHome /> : <RoleHome />}</Suspense>;
}
