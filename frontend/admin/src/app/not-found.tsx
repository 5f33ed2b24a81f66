import Link from 'next/link';
import { serverLocale } from '../lib/locale.server.ts';

export default async function NotFound() {
  const { t } = await serverLocale();
  return (
    <div className="narrow card" style={{ textAlign: 'center' }}>
      <h1>{t.common.notFoundTitle}</h1>
      <p className="muted">{t.common.notFoundBody}</p>
      <Link className="btn btn-primary" href="/">
        {t.common.backHome}
      </Link>
    </div>
  );
}
