import { randomInt } from 'node:crypto';
import { type RtcSignal, type RtcSignalPayload, SFU_PEER, type VideoQuality } from '@airwave/shared';
import Janode, { type JanusCandidate, type Jsep, type TrickleEvent } from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { AppError } from '../http/errors.ts';
import type { Logger } from '../logger.ts';
import type { AirwaveServer, AirwaveSocket } from '../realtime/socket-handler.ts';
import { broadcasterRoom, mediaRoom, peerRoom } from '../rooms/room-names.ts';
import { toStream } from '../streams/streams.mapper.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import type { JanusGateway, JanusLink } from './janus/janus-gateway.ts';
import { assertMayWatch, type MediaMode } from './media-mode.ts';

interface Deps {
  io: AirwaveServer;
  streams: StreamsService;
  gateway: JanusGateway;
  logger: Logger;
  /** How long a streamer's offer waits for Janus to come (back) before SERVICE_UNAVAILABLE. */
  janusWaitMs?: number;
}

/**
 * VideoRoom substreams, 0 = lowest simulcast layer. `auto` asks for the top layer and leaves the
 * rest to Janus, which drops a subscriber to the layer below when the one it wants stops arriving.
 */
const SUBSTREAM: Record<VideoQuality, number> = { auto: 2, high: 2, medium: 1, low: 0 };
const BROADCASTER_ROOM = /^broadcaster:(.+)$/;

/** The SFU as a media mode, plus what `auto` needs to move a stream onto it. */
export interface SfuMode extends MediaMode {
  /** Whether a Janus answers now: `auto` only moves a stream to the SFU when one does. */
  available(): boolean;
  /** This stream goes through the SFU from now on: its room on Janus, and the owner asked to publish. */
  start(streamId: string): Promise<void>;
  streamEnded(streamId: string): void;
}

interface JanusRoom {
  epoch: number;
  id: Promise<number>;
}
interface Subscription {
  feed: number;
  handle: Promise<VideoRoomHandle | undefined>;
  videoMid?: string;
  started: boolean;
}
interface Viewer {
  socketId: string;
  quality: VideoQuality;
  sub?: Subscription;
}
interface Publisher {
  socketId: string;
  handle: Promise<VideoRoomHandle>;
}
/** One live stream's media on this node: its VideoRoom room, publisher and subscribers. */
interface Room {
  streamId: string;
  janus?: JanusRoom;
  publisher?: Publisher;
  /** The publisher's feed once it has published; viewers subscribe to it. */
  feed?: number;
  viewers: Map<string, Viewer>;
  /** The owner's sockets on this node (the broadcaster room, as the adapter reports it). */
  streamers: Set<string>;
}

const describe = (jsep: Jsep): RtcSignal => ({ description: { type: jsep.type, sdp: jsep.sdp } });
const candidateSignal = (e: TrickleEvent): RtcSignal => ({
  candidate:
    e.completed || !e.candidate
      ? null
      : { candidate: e.candidate, sdpMid: e.sdpMid ?? null, sdpMLineIndex: e.sdpMLineIndex ?? null },
});
const toJanusCandidate = (signal: { candidate: JanusCandidate | null }): JanusCandidate | null =>
  signal.candidate?.candidate
    ? {
        candidate: signal.candidate.candidate,
        sdpMid: signal.candidate.sdpMid,
        sdpMLineIndex: signal.candidate.sdpMLineIndex,
      }
    : null; // null, or an empty candidate string: the end of candidates

/**
 * Janus refused a request: its 4xx answers are about what the client sent (an SDP it cannot use);
 * anything else (connection lost mid-call) means the media server is not there right now.
 */
function refusal(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { _code?: unknown })._code;
  const reason = err instanceof Error ? err.message : String(err);
  if (typeof code === 'number' && code >= 400 && code < 500) {
    return new AppError('VALIDATION_FAILED', `The media server refused this description (${reason}).`);
  }
  return new AppError('SERVICE_UNAVAILABLE', 'The media server is not reachable right now; try again.', {
    retryAfterSeconds: 2,
  });
}

/**
 * The SFU: one VideoRoom room per live stream on Janus, the streamer publishing once (to SFU_PEER)
 * and every viewer subscribed through Janus. The backend owns every Janus handle and relays JSEP
 * and candidates over the same rtc-* events as the mesh; a viewer's subscription signals as SFU_PEER. When Janus is lost, the streamer is told to republish (rtc-viewer-left, then
 * rtc-viewer-joined SFU_PEER) and the server re-subscribes every viewer itself with a fresh offer.
 *
 * State is per node and in memory: it assumes the streamer and the viewers of a stream reach the
 * same node (see the report on multi-node placement).
 */
export function createSfuMode({ io, streams, gateway, logger, janusWaitMs = 10_000 }: Deps): SfuMode {
  const log = logger.child({ component: 'sfu' });
  const rooms = new Map<string, Room>();

  const roomFor = (streamId: string): Room => {
    let room = rooms.get(streamId);
    if (!room) {
      room = { streamId, viewers: new Map(), streamers: new Set() };
      rooms.set(streamId, room);
    }
    return room;
  };
  const background = (what: string, streamId: string) => (err: unknown) =>
    log.warn({ err: err instanceof Error ? err.message : err, streamId }, what);
  const detach = (handle: Promise<VideoRoomHandle | undefined>) =>
    void handle.then((h) => h?.detach()).catch(() => {}); // a handle on a lost Janus is gone already

  /** The stream's VideoRoom room on the live Janus, created on first use (and again after a loss). */
  async function janusRoom(room: Room, link: JanusLink): Promise<number> {
    if (room.janus?.epoch !== link.epoch) {
      const id = randomInt(1, 2 ** 47);
      const created = link.manager
        .create({
          room: id,
          description: `airwave ${room.streamId}`,
          max_publishers: 1,
          is_private: true,
          videocodec: 'vp8', // simulcast in every browser; the layer switch is VideoRoom's
          audiocodec: 'opus',
          // A keyframe at least every 3 s on every layer (the GOP live services use): a viewer that lost
          // packets, or moved up a simulcast layer, waits at most that long for a full picture. Janus's
          // own keyframe request on a layer switch was seen not to produce one (e2e/sfu.e2e.test.ts).
          fir_freq: 3,
          notify_joining: false,
        })
        .then(() => id);
      const entry = { epoch: link.epoch, id: created };
      room.janus = entry;
      created.catch(() => {
        if (room.janus === entry) room.janus = undefined;
      });
    }
    return room.janus.id;
  }

  /** Tells the owner's socket(s) to publish to the SFU once the room exists on Janus. */
  async function announce(room: Room, to: string) {
    const link = gateway.current();
    if (!link) return; // the gateway's `ready` announces every room when Janus is back
    await janusRoom(room, link);
    io.to(to).emit('rtc-viewer-joined', { streamId: room.streamId, peerId: SFU_PEER });
  }

  async function streamerArrived(streamId: string, socketId: string) {
    const stream = toStream(await streams.loadCached(streamId));
    if (stream.status !== 'live' || stream.mediaMode !== 'sfu') return;
    const room = roomFor(streamId);
    room.streamers.add(socketId);
    await announce(room, socketId);
  }

  function streamerLeft(streamId: string, socketId: string) {
    const room = rooms.get(streamId);
    if (!room) return;
    room.streamers.delete(socketId);
    if (room.publisher?.socketId === socketId) unpublish(room);
  }

  /** The publisher is gone: its feed and every subscription to it go too; viewers wait for the next. */
  function unpublish(room: Room) {
    if (room.publisher) detach(room.publisher.handle);
    room.publisher = undefined;
    room.feed = undefined;
    for (const viewer of room.viewers.values()) {
      if (viewer.sub) detach(viewer.sub.handle);
      viewer.sub = undefined;
    }
  }

  async function publish(room: Room, socketId: string, offer: Jsep) {
    const link = await gateway.link(janusWaitMs);
    if (!link) throw refusal(new Error('Janus is not reachable'));
    const roomId = await janusRoom(room, link).catch((err: unknown) => {
      throw refusal(err);
    });
    unpublish(room);
    const handle = link.attach();
    const publisher: Publisher = { socketId, handle };
    room.publisher = publisher;
    const h = await handle.catch((err: unknown) => {
      throw refusal(err);
    });
    h.on(Janode.EVENT.HANDLE_TRICKLE, (e: TrickleEvent) =>
      io
        .to(socketId)
        .emit('rtc-signal', { streamId: room.streamId, peerId: SFU_PEER, signal: candidateSignal(e) }),
    );
    // VideoRoom only lets subscribers in once the publisher's PeerConnection is up ("428 No such feed" before).
    const up = new Promise<void>((resolve) => h.once(Janode.EVENT.HANDLE_WEBRTCUP, () => resolve()));
    const joined = await h
      .joinConfigurePublisher({ room: roomId, display: 'streamer', jsep: offer })
      .catch((err: unknown) => {
        throw refusal(err);
      });
    if (room.publisher !== publisher) return; // a newer offer replaced this one while Janus answered
    if (!joined.jsep) throw refusal(new Error('Janus sent no answer'));
    io.to(socketId).emit('rtc-signal', {
      streamId: room.streamId,
      peerId: SFU_PEER,
      signal: describe(joined.jsep),
    });
    void up.then(() => {
      if (room.publisher !== publisher) return;
      room.feed = joined.feed;
      for (const viewer of room.viewers.values()) {
        subscribe(room, viewer).catch(background('subscribing a viewer failed', room.streamId));
      }
    });
  }

  /** A fresh subscription to the current feed, replacing any older one; its offer goes to the viewer. */
  async function subscribe(room: Room, viewer: Viewer) {
    const link = gateway.current();
    const feed = room.feed;
    if (!link || feed === undefined || room.janus?.epoch !== link.epoch) return; // publish() will call again
    const roomId = await room.janus.id;
    if (viewer.sub) detach(viewer.sub.handle);
    const handle = link.attach();
    const sub: Subscription = { feed, handle: handle.catch(() => undefined), started: false };
    viewer.sub = sub;
    const current = () => viewer.sub === sub && room.viewers.get(viewer.socketId) === viewer;
    const h = await handle;
    const to = peerRoom(room.streamId, viewer.socketId);
    h.on(Janode.EVENT.HANDLE_TRICKLE, (e: TrickleEvent) => {
      if (current())
        io.to(to).emit('rtc-signal', {
          streamId: room.streamId,
          peerId: SFU_PEER,
          signal: candidateSignal(e),
        });
    });
    // autoupdate off: Janus must never renegotiate on its own; a new feed gets a new subscription.
    const joined = await h.joinSubscriber({ room: roomId, streams: [{ feed }], autoupdate: false });
    if (!current()) {
      await h.detach().catch(() => {});
      return;
    }
    if (!joined.jsep) throw new Error('Janus sent no offer for the subscription');
    sub.videoMid = joined.streams?.find((s) => s.type === 'video')?.mid;
    io.to(to).emit('rtc-signal', {
      streamId: room.streamId,
      peerId: SFU_PEER,
      signal: describe(joined.jsep),
    });
  }

  async function applyQuality(viewer: Viewer) {
    const sub = viewer.sub;
    if (!sub?.started || sub.videoMid === undefined) return; // applied when the subscription starts
    const h = await sub.handle;
    await h?.configure({ streams: [{ mid: sub.videoMid, substream: SUBSTREAM[viewer.quality] }] });
  }

  async function viewerSignal(socket: AirwaveSocket, streamId: string, signal: RtcSignal) {
    // Refused whatever the subscription's state: a viewer never offers.
    if ('description' in signal && signal.description.type !== 'answer') {
      throw new AppError('FORBIDDEN', 'Viewers answer the offer they are sent; only the streamer publishes.');
    }
    const viewer = rooms.get(streamId)?.viewers.get(socket.id);
    const sub = viewer?.sub;
    if (!viewer || !sub) return; // nothing offered (yet): a late candidate for a replaced connection
    const h = await sub.handle;
    if (!h || viewer.sub !== sub) return;
    if ('description' in signal) {
      await h.start({ jsep: signal.description }).catch((err: unknown) => {
        throw refusal(err);
      });
      sub.started = true;
      await applyQuality(viewer);
    } else {
      await h.trickle(toJanusCandidate(signal)).catch((err: unknown) => {
        throw refusal(err);
      });
    }
  }

  async function publisherSignal(socket: AirwaveSocket, streamId: string, signal: RtcSignal) {
    // The broadcaster room already means "the owner" (join-stream checks it); check again here,
    // because publishing is the one act that puts a picture in front of every viewer.
    const stream = await streams.loadCached(streamId);
    if (!socket.data.principal || socket.data.principal.userId !== stream.streamerId) {
      throw new AppError('FORBIDDEN', 'Only the stream’s owner can publish to it.');
    }
    if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has ended.');
    const room = roomFor(streamId);
    room.streamers.add(socket.id);
    if ('description' in signal) {
      if (signal.description.type !== 'offer') {
        throw new AppError('VALIDATION_FAILED', 'Publish with an offer; the media server answers it.');
      }
      await publish(room, socket.id, signal.description);
      return;
    }
    const publisher = room.publisher;
    if (publisher?.socketId !== socket.id) return; // for a publication that has been replaced
    const h = await publisher.handle;
    await h.trickle(toJanusCandidate(signal)).catch((err: unknown) => {
      throw refusal(err);
    });
  }

  gateway.onChange({
    lost() {
      for (const room of rooms.values()) {
        room.janus = undefined;
        unpublish(room);
        io.to(broadcasterRoom(room.streamId)).emit('rtc-viewer-left', {
          streamId: room.streamId,
          peerId: SFU_PEER,
        });
      }
    },
    ready() {
      for (const room of rooms.values()) {
        if (room.streamers.size === 0) continue; // announced when the streamer comes back
        announce(room, broadcasterRoom(room.streamId)).catch(
          background('re-announcing the SFU failed', room.streamId),
        );
      }
    },
  });

  // The adapter reports joins and leaves of this node's sockets; the owner's sockets join the
  // broadcaster room in join-stream, which is when the streamer is asked to publish.
  const adapter = io.of('/').adapter;
  adapter.on('join-room', (name: string, socketId: string) => {
    const streamId = BROADCASTER_ROOM.exec(name)?.[1];
    if (streamId)
      streamerArrived(streamId, socketId).catch(
        background('asking the streamer to publish failed', streamId),
      );
  });
  adapter.on('leave-room', (name: string, socketId: string) => {
    const streamId = BROADCASTER_ROOM.exec(name)?.[1];
    if (streamId) streamerLeft(streamId, socketId);
  });

  return {
    name: 'sfu',

    available: () => gateway.current() !== undefined,

    async start(streamId: string) {
      await announce(roomFor(streamId), broadcasterRoom(streamId));
    },

    async request(socket, streamId) {
      await assertMayWatch(socket, streams, streamId);
      await socket.join([mediaRoom(streamId), peerRoom(streamId, socket.id)]);
      const room = roomFor(streamId);
      let viewer = room.viewers.get(socket.id);
      if (!viewer) {
        viewer = { socketId: socket.id, quality: 'auto' };
        room.viewers.set(socket.id, viewer);
      }
      // Asking again (the player does after a failed connection) always gets a fresh subscription.
      // Before the streamer has published, the viewer waits: publish() subscribes everyone.
      subscribe(room, viewer).catch(background('subscribing a viewer failed', streamId));
      return { peerId: socket.id, mode: 'sfu' };
    },

    async signal(socket, { streamId, peerId, signal }: RtcSignalPayload) {
      if (socket.rooms.has(broadcasterRoom(streamId))) {
        if (peerId !== SFU_PEER) {
          throw new AppError('FORBIDDEN', 'This stream goes through the media server: publish to it only.');
        }
        await publisherSignal(socket, streamId, signal);
        return;
      }
      if (!socket.rooms.has(peerRoom(streamId, socket.id))) {
        throw new AppError('FORBIDDEN', 'Ask for the stream’s video (rtc-request) before signaling.');
      }
      if (peerId !== SFU_PEER) throw new AppError('FORBIDDEN', 'Viewers signal the media server only.');
      await viewerSignal(socket, streamId, signal);
    },

    async setQuality(socket, streamId, quality) {
      const viewer = rooms.get(streamId)?.viewers.get(socket.id);
      if (!socket.data.joined.includes(streamId) || !viewer) {
        throw new AppError(
          'FORBIDDEN',
          'Ask for the stream’s video (rtc-request) before choosing its quality.',
        );
      }
      viewer.quality = quality;
      await applyQuality(viewer).catch((err: unknown) => {
        throw refusal(err);
      });
    },

    viewerLeft(streamId, peerId) {
      const room = rooms.get(streamId);
      const viewer = room?.viewers.get(peerId);
      if (!room || !viewer) return;
      room.viewers.delete(peerId);
      if (viewer.sub) detach(viewer.sub.handle);
    },

    streamEnded(streamId) {
      const room = rooms.get(streamId);
      if (!room) return;
      rooms.delete(streamId);
      unpublish(room);
      const link = gateway.current();
      const janus = room.janus;
      if (link && janus?.epoch === link.epoch) {
        janus.id
          .then((id) => link.manager.destroy({ room: id }))
          .catch(background('destroying the VideoRoom room failed', streamId));
      }
    },
  };
}
