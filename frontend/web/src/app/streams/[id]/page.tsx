import { apiRoutes } from '@airwave/shared';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StreamView } from '../../../components/StreamView.tsx';
import { publicGet } from '../../../lib/api.ts';

export const dynamic = 'force-dynamic';
type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const stream = await publicGet(apiRoutes.getStream, { params: { id: (await params).id } });
  if (!stream) return { title: 'Stream not found' };
  const title = `${stream.title} — ${stream.streamer.nickname}`;
  return {
    title,
    description: stream.description || `${stream.streamer.nickname} on Airwave`,
    openGraph: { title, type: 'video.other', images: stream.thumbnailUrl ? [stream.thumbnailUrl] : [] },
  };
}

export default async function StreamPage({ params }: { params: Params }) {
  const stream = await publicGet(apiRoutes.getStream, { params: { id: (await params).id } });
  if (!stream) notFound();
  return <StreamView initial={stream} />;
}
