import { SFU_PEER } from '@airwave/shared';
import type { Logger } from '../logger.ts';
import type { AirwaveServer, AirwaveSocket } from '../realtime/socket-handler.ts';
import { broadcasterRoom, mediaRoom } from '../rooms/room-names.ts';
import { toStream } from '../streams/streams.mapper.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { assertMayWatch, type MediaMode } from './media-mode.ts';
import type { SfuMode } from './sfu-mode.ts';

interface Deps {
  io: AirwaveServer;
  streams: StreamsService;
  p2p: MediaMode;
  /** Absent when no Janus is configured or installed: every stream then stays on the mesh. */
  sfu?: SfuMode;
  /** The most media viewers a stream keeps on the mesh. */
  switchViewers: number;
  logger: Logger;
  /** After a switch, how long the streamer keeps direct connections to viewers that have not moved. */
  moveGraceMs?: number;
}

/**
 * `MEDIA_MODE=auto`: a stream starts on the mesh (no media server in the path, the lowest latency)
 * and moves to the SFU when a viewer would take it past `switchViewers`. The move is for the rest
 * of the broadcast: that is the hysteresis, since a room shrinking back would trade a working SFU
 * path for another round of connections to save an upload the streamer can afford anyway.
 *
 * The move is make-before-break. The streamer publishes once to the SFU while its direct
 * connections keep playing; the viewers hear `rtc-mode`, ask again and get an SFU subscription, and
 * each swaps its picture on its first decoded SFU frame, then sends `rtc-release` so the streamer
 * closes its direct connection. A viewer that never releases loses it after `moveGraceMs`.
 */
export function createAutoMode({
  io,
  streams,
  p2p,
  sfu,
  switchViewers,
  logger,
  moveGraceMs = 20_000,
}: Deps): MediaMode {
  const log = logger.child({ component: 'media-auto' });
  let warnedNoSfu = false;

  /** Would this viewer take the stream past the mesh's size? Counts media viewers on every node. */
  async function outgrowsMesh(socket: AirwaveSocket, streamId: string) {
    const holders = await io.in(mediaRoom(streamId)).fetchSockets();
    const others = holders.filter((h) => h.id !== socket.id).length;
    return others + 1 > switchViewers;
  }

  async function moveToSfu(streamId: string, via: SfuMode) {
    // Only the first caller (on any node) moves it; the others find the stream on the SFU already.
    if (!(await streams.switchMediaPath(streamId, 'p2p', 'sfu'))) return;
    log.info({ streamId, switchViewers }, 'stream outgrew the mesh: moving it to the SFU');
    await via.start(streamId);
    io.to(mediaRoom(streamId)).emit('rtc-mode', { streamId, mode: 'sfu' });
    setTimeout(() => {
      void io
        .in(mediaRoom(streamId))
        .fetchSockets()
        .then((viewers) => {
          for (const v of viewers)
            io.to(broadcasterRoom(streamId)).emit('rtc-viewer-left', { streamId, peerId: v.id });
        })
        .catch(() => {}); // the viewers' own releases and departures still close those connections
    }, moveGraceMs).unref();
  }

  const onSfu = async (streamId: string, fresh: boolean) => {
    const stream = fresh ? await streams.loadFresh(streamId) : await streams.loadCached(streamId);
    return toStream(stream).mediaMode === 'sfu';
  };

  return {
    name: 'auto',

    async request(socket, streamId) {
      await assertMayWatch(socket, streams, streamId);
      // Read fresh: another node may have moved the stream a moment ago.
      if (sfu && (await onSfu(streamId, true))) return sfu.request(socket, streamId);
      if (await outgrowsMesh(socket, streamId)) {
        if (sfu?.available()) {
          await moveToSfu(streamId, sfu);
          return sfu.request(socket, streamId);
        }
        if (!warnedNoSfu) {
          warnedNoSfu = true;
          log.warn(
            { streamId, switchViewers },
            'a stream outgrew the mesh but no Janus is reachable: streams stay peer-to-peer up to P2P_MAX_VIEWERS',
          );
        }
      }
      return p2p.request(socket, streamId);
    },

    // The peer named says which path a signal belongs to; both run during a move.
    async signal(socket, payload) {
      if (payload.peerId === SFU_PEER && sfu) return sfu.signal(socket, payload);
      return p2p.signal(socket, payload);
    },

    async setQuality(socket, streamId, quality) {
      const via = sfu && (await onSfu(streamId, false)) ? sfu : p2p;
      return via.setQuality(socket, streamId, quality);
    },

    viewerLeft(streamId, peerId) {
      p2p.viewerLeft(streamId, peerId);
      sfu?.viewerLeft(streamId, peerId);
    },

    streamEnded(streamId) {
      sfu?.streamEnded(streamId);
    },
  };
}
