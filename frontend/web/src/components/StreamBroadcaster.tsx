'use client';
import { apiRoutes, CATEGORIES, type Category, type Stream } from '@airwave/shared';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';
import { OnAir } from './OnAir.tsx';

/**
 * Going live from the browser: pick camera and microphone, preview, then broadcast. A reload while
 * live resumes the same stream (the server keeps it for the grace period).
 */
export function StreamBroadcaster() {
  const { t } = useI18n();
  const { user, api } = useAuth();
  const preview = useRef<HTMLVideoElement>(null);
  const media = useRef<MediaStream | null>(null);
  const [mediaVersion, setMediaVersion] = useState(0);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState('');
  const [micId, setMicId] = useState('');
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [stream, setStream] = useState<Stream | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [endedNotice, setEndedNotice] = useState(false);

  const openMedia = useCallback(async () => {
    setMediaError(null);
    try {
      const next = await navigator.mediaDevices.getUserMedia({
        video: cameraId
          ? { deviceId: { exact: cameraId } }
          : { width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: micId ? { deviceId: { exact: micId } } : true,
      });
      for (const track of media.current?.getTracks() ?? []) track.stop();
      media.current = next;
      if (preview.current) preview.current.srcObject = next;
      setMediaVersion((v) => v + 1);
      setDevices(await navigator.mediaDevices.enumerateDevices());
    } catch (err) {
      const name = (err as DOMException).name;
      setMediaError(
        name === 'NotFoundError' || name === 'OverconstrainedError'
          ? t.live.noDevices
          : t.live.permissionDenied,
      );
    }
  }, [cameraId, micId, t]);

  useEffect(() => {
    void openMedia();
  }, [openMedia]);
  useEffect(
    () => () => {
      for (const track of media.current?.getTracks() ?? []) track.stop();
    },
    [],
  );

  // A stream left live by a reload or a dropped connection is resumed rather than started twice.
  useEffect(() => {
    if (!user) return;
    api(apiRoutes.listStreams, { query: { streamerId: user.id, status: 'live', limit: 1 } })
      .then((list) => setStream((s) => s ?? list.items[0] ?? null))
      .catch(() => undefined);
  }, [user, api]);

  async function goLive(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    setEndedNotice(false);
    try {
      setStream(
        await api(apiRoutes.createStream, {
          body: {
            title: String(form.get('title')),
            category: String(form.get('category')) as Category,
            description: String(form.get('description') ?? ''),
          },
        }),
      );
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const onEnded = useCallback(() => {
    setStream(null);
    setEndedNotice(true);
  }, []);

  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const mics = devices.filter((d) => d.kind === 'audioinput');
  const videoBox = (
    <div className="player">
      <video
        ref={(el) => {
          // The preview moves between layouts when going live; the new element gets the camera too.
          preview.current = el;
          if (el && media.current && el.srcObject !== media.current) el.srcObject = media.current;
        }}
        autoPlay
        playsInline
        muted
        aria-label={t.live.preview}
        data-testid="preview"
      />
      {mediaError && (
        <div className="player-overlay" role="alert">
          <div>
            <p>{mediaError}</p>
            <button type="button" className="btn" onClick={() => void openMedia()}>
              {t.common.retry}
            </button>
          </div>
        </div>
      )}
    </div>
  );
  const devicePickers = (
    <>
      <div className="field">
        <label htmlFor="camera">{t.live.camera}</label>
        <select id="camera" className="input" value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
          <option value="">—</option>
          {cameras.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `${t.live.camera} ${i + 1}`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="microphone">{t.live.microphone}</label>
        <select id="microphone" className="input" value={micId} onChange={(e) => setMicId(e.target.value)}>
          <option value="">—</option>
          {mics.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `${t.live.microphone} ${i + 1}`}
            </option>
          ))}
        </select>
      </div>
    </>
  );

  if (stream) {
    return (
      <OnAir
        key={stream.id}
        initial={stream}
        media={media}
        mediaVersion={mediaVersion}
        preview={preview}
        videoBox={videoBox}
        devicePickers={devicePickers}
        onEnded={onEnded}
      />
    );
  }
  return (
    <div className="broadcast">
      <div>{videoBox}</div>
      <div className="card">
        <h1>{t.live.title}</h1>
        {devicePickers}
        <form onSubmit={goLive}>
          <div className="field">
            <label htmlFor="title">{t.live.streamTitle}</label>
            <input id="title" name="title" className="input" required maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="category">{t.live.category}</label>
            <select id="category" name="category" className="input" defaultValue="just-chatting">
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t.categories[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="description">{t.live.description}</label>
            <textarea id="description" name="description" className="input" maxLength={1000} rows={3} />
          </div>
          <button
            className="btn btn-primary"
            type="submit"
            disabled={busy || Boolean(mediaError)}
            data-testid="go-live"
          >
            {busy ? t.live.starting : t.live.start}
          </button>
        </form>
        {endedNotice && (
          <p className="alert alert-info" role="status">
            {t.live.ended}
          </p>
        )}
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
