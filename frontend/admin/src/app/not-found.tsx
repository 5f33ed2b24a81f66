import { NotFoundView } from '@airwave/ui';
import { serverLocale } from '../lib/locale.server.ts';

export default async function NotFound() {
  return <NotFoundView texts={(await serverLocale()).t.common} />;
}
