import { type RtcSignal, type RtcSignalPayload, SFU_PEER, type VideoQuality } from '@airwave/shared';
import Janode, { type Jsep, type TrickleEvent } from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { AppError } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import type { AirwaveServer, AirwaveSocket } from '../realtime/socket-handler.ts';
import { broadcasterRoom, mediaRoom, peerRoom } from '../rooms/room-names.ts';
import { toStream } from '../streams/streams.mapper.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import type { JanusServer } from './janus/janus-runtime.ts';
import { assertMayWatch, type MediaMode } from './media-mode.ts';
import { candidateSignal, describe, detach, refusal, toJanusCandidate } from './sfu/janus-signals.ts';
import { createPlacer } from './sfu/placement.ts';
import type { Placement, PlacementStore } from './sfu/placement-store.ts';

interface Deps {
  io: AirwaveServer;
  streams: StreamsService;
  servers: JanusServer[];
  store: PlacementStore;
  /** Other backend nodes share the store and hear `sfu-feed` through the adapter. */
  clustered: boolean;
  logger: Logger;
  /** How long a streamer's offer waits for a Janus to come (back) before SERVICE_UNAVAILABLE. */
  janusWaitMs?: number;
}

/** What the auto mode needs beyond MediaMode: moving a stream onto the SFU, and whether it can. */
export interface SfuMode extends MediaMode {
  /** Places the stream, makes its VideoRoom room and asks the owner's sockets (any node) to publish. */
  start(streamId: string): Promise<void>;
  /** Whether any Janus answers this node now. */
  available(): boolean;
  streamEnded(streamId: string): void;
}

/**
 * VideoRoom substreams, 0 = lowest simulcast layer. `auto` asks for the top layer and leaves the
 * rest to Janus, which drops a subscriber to the layer below when the one it wants stops arriving.
 */
const SUBSTREAM: Record<VideoQuality, number> = { auto: 2, high: 2, medium: 1, low: 0 };
const BROADCASTER_ROOM = /^broadcaster:(.+)$/;

/** A Janus handle and the Janus connection it lives on (it dies with that connection). */
interface Held {
  janus: string;
  epoch: number;
  room: number;
  handle: Promise<VideoRoomHandle | undefined>;
}
interface Subscription extends Held {
  feed: number;
  videoMid?: string;
  started: boolean;
}
interface Viewer {
  socketId: string;
  quality: VideoQuality;
  sub?: Subscription;
}
interface Publisher extends Held {
  socketId: string;
}
/** One live stream's Janus handles on this node: the publisher's if the streamer is here, and this node's viewers'. */
interface Local {
  streamId: string;
  publisher?: Publisher;
  viewers: Map<string, Viewer>;
  /** The owner's sockets on this node (the broadcaster room, as the adapter reports it). */
  streamers: Set<string>;
}

/**
 * The SFU: one VideoRoom room per live stream, on the least loaded of the Janus servers, the
 * streamer publishing once (to SFU_PEER) and every viewer subscribed through Janus. The placement
 * (Janus, room, feed) is shared by every backend node; each node holds Janus handles for its own
 * sockets only and relays JSEP and candidates over the same rtc-* events as the mesh; a viewer's
 * subscription signals as SFU_PEER, so it can live beside a direct connection during a move. A new feed is announced to every node
 * (`sfu-feed`), which re-subscribes its viewers with a fresh offer. When a Janus is lost, the
 * streamer's node moves the stream to another one if it can and tells the streamer to republish
 * (rtc-viewer-left, then rtc-viewer-joined SFU_PEER).
 */
export function createSfuMode({
  io,
  streams,
  servers,
  store,
  clustered,
  logger,
  janusWaitMs = 10_000,
}: Deps): SfuMode {
  const log = logger.child({ component: 'sfu' });
  const locals = new Map<string, Local>();

  function localLoad() {
    const load = new Map<string, number>();
    const add = (held: Held | undefined) => {
      if (held) load.set(held.janus, (load.get(held.janus) ?? 0) + 1);
    };
    for (const local of locals.values()) {
      add(local.publisher);
      for (const viewer of local.viewers.values()) add(viewer.sub);
    }
    return load;
  }
  const placer = createPlacer({ servers, store, localLoad });
  const loadChanged = () => store.reportLoad(localLoad());

  const localFor = (streamId: string): Local => {
    let local = locals.get(streamId);
    if (!local) {
      local = { streamId, viewers: new Map(), streamers: new Set() };
      locals.set(streamId, local);
    }
    return local;
  };
  const forget = (local: Local) => {
    if (!local.publisher && !local.viewers.size && !local.streamers.size) locals.delete(local.streamId);
  };
  const background = (what: string, streamId: string) => (err: unknown) =>
    log.warn({ err: err instanceof Error ? err.message : err, streamId }, what);
  const toStreamers = (local: Local, event: 'rtc-viewer-left' | 'rtc-viewer-joined') => {
    if (local.streamers.size)
      io.to([...local.streamers]).emit(event, { streamId: local.streamId, peerId: SFU_PEER });
  };

  /** Places the stream on a Janus that answers and makes its room there; undefined if none answers. */
  async function prepare(streamId: string) {
    const placement = await placer.place(streamId);
    const link = placement && placer.link(placement.janus);
    if (!placement || !link) return undefined;
    await placer.ensureRoom(link, streamId, placement.room);
    return placement;
  }

  /** Asks this node's owner sockets to publish, if the stream goes through the SFU. */
  async function announce(local: Local) {
    const stream = toStream(await streams.loadCached(local.streamId));
    if (stream.status !== 'live' || stream.mediaMode !== 'sfu') return;
    // No Janus answers: a gateway's `ready` announces it when one is back.
    if (await prepare(local.streamId)) toStreamers(local, 'rtc-viewer-joined');
  }

  /** Every node's viewers of the stream subscribe to its new feed. */
  function feedChanged(streamId: string) {
    if (clustered) io.serverSideEmit('sfu-feed', streamId);
    void onFeed(streamId);
  }
  async function onFeed(streamId: string) {
    const local = locals.get(streamId);
    if (!local?.viewers.size) return;
    const placement = await store.get(streamId).catch(background('reading the placement failed', streamId));
    for (const viewer of local.viewers.values()) {
      subscribe(local, viewer, placement ?? undefined).catch(
        background('subscribing a viewer failed', streamId),
      );
    }
  }
  io.on('sfu-feed', (streamId) => void onFeed(streamId));

  /** The publisher is gone (or replaced): its handle goes, and viewers wait for the next feed. */
  function unpublish(local: Local) {
    const publisher = local.publisher;
    if (!publisher) return;
    local.publisher = undefined;
    detach(publisher.handle);
    loadChanged();
    store
      .setFeed(local.streamId, publisher.room, undefined)
      .catch(background('clearing the feed failed', local.streamId));
  }

  async function publish(local: Local, socketId: string, offer: Jsep) {
    const placed = await placer.placeReachable(local.streamId, janusWaitMs).catch((err: unknown) => {
      throw refusal(err);
    });
    if (!placed) throw refusal(new Error('no Janus is reachable'));
    const { placement, link } = placed;
    await placer.ensureRoom(link, local.streamId, placement.room).catch((err: unknown) => {
      throw refusal(err);
    });
    unpublish(local);
    const handle = link.attach();
    const publisher: Publisher = {
      socketId,
      janus: placement.janus,
      epoch: link.epoch,
      room: placement.room,
      handle: handle.catch(() => undefined),
    };
    local.publisher = publisher;
    loadChanged();
    const h = await handle.catch((err: unknown) => {
      throw refusal(err);
    });
    h.on(Janode.EVENT.HANDLE_TRICKLE, (e: TrickleEvent) =>
      io
        .to(socketId)
        .emit('rtc-signal', { streamId: local.streamId, peerId: SFU_PEER, signal: candidateSignal(e) }),
    );
    // VideoRoom only lets subscribers in once the publisher's PeerConnection is up ("428 No such feed" before).
    const up = new Promise<void>((resolve) => h.once(Janode.EVENT.HANDLE_WEBRTCUP, () => resolve()));
    const joined = await h
      .joinConfigurePublisher({ room: placement.room, display: 'streamer', jsep: offer })
      .catch((err: unknown) => {
        throw refusal(err);
      });
    if (local.publisher !== publisher) return; // a newer offer replaced this one while Janus answered
    if (!joined.jsep) throw refusal(new Error('Janus sent no answer'));
    io.to(socketId).emit('rtc-signal', {
      streamId: local.streamId,
      peerId: SFU_PEER,
      signal: describe(joined.jsep),
    });
    void up.then(async () => {
      if (local.publisher !== publisher) return;
      await store.setFeed(local.streamId, placement.room, joined.feed);
      feedChanged(local.streamId);
    });
  }

  /**
   * A subscription to the stream's current feed, replacing an older one; its offer goes to the
   * viewer. One to that same feed on the same connection is kept unless `fresh` is asked for.
   */
  async function subscribe(local: Local, viewer: Viewer, known?: Placement, fresh = false) {
    const placement = known ?? (await store.get(local.streamId));
    const feed = placement?.feed;
    const link = placement && placer.link(placement.janus);
    if (!placement || feed === undefined || !link) return; // the next feed (sfu-feed) subscribes it
    const old = viewer.sub;
    if (!fresh && old?.feed === feed && old.janus === placement.janus && old.epoch === link.epoch) return;
    if (old) detach(old.handle);
    const handle = link.attach();
    const sub: Subscription = {
      janus: placement.janus,
      epoch: link.epoch,
      room: placement.room,
      feed,
      handle: handle.catch(() => undefined),
      started: false,
    };
    viewer.sub = sub;
    loadChanged();
    const current = () => viewer.sub === sub && local.viewers.get(viewer.socketId) === viewer;
    const h = await handle;
    const to = peerRoom(local.streamId, viewer.socketId);
    h.on(Janode.EVENT.HANDLE_TRICKLE, (e: TrickleEvent) => {
      if (current())
        io.to(to).emit('rtc-signal', {
          streamId: local.streamId,
          peerId: SFU_PEER,
          signal: candidateSignal(e),
        });
    });
    // autoupdate off: Janus must never renegotiate on its own; a new feed gets a new subscription.
    const joined = await h.joinSubscriber({ room: placement.room, streams: [{ feed }], autoupdate: false });
    if (!current()) {
      await h.detach().catch(() => {});
      return;
    }
    if (!joined.jsep) throw new Error('Janus sent no offer for the subscription');
    sub.videoMid = joined.streams?.find((s) => s.type === 'video')?.mid;
    io.to(to).emit('rtc-signal', {
      streamId: local.streamId,
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
    const viewer = locals.get(streamId)?.viewers.get(socket.id);
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
    const local = localFor(streamId);
    local.streamers.add(socket.id);
    if ('description' in signal) {
      if (signal.description.type !== 'offer') {
        throw new AppError('VALIDATION_FAILED', 'Publish with an offer; the media server answers it.');
      }
      await publish(local, socket.id, signal.description);
      return;
    }
    const publisher = local.publisher;
    if (publisher?.socketId !== socket.id) return; // for a publication that has been replaced
    const h = await publisher.handle;
    await h?.trickle(toJanusCandidate(signal)).catch((err: unknown) => {
      throw refusal(err);
    });
  }

  /**
   * A Janus is gone with every handle and room on it. The streamer's node moves each of its streams
   * that was there (to another Janus if one answers, else it waits for this one) and has the
   * streamer republish; viewers everywhere are re-subscribed when the new feed comes up.
   */
  async function janusLost(janus: string, local: Local) {
    if (local.publisher?.janus === janus) local.publisher = undefined;
    for (const viewer of local.viewers.values()) {
      if (viewer.sub?.janus === janus) viewer.sub = undefined;
    }
    if (!local.streamers.size) return;
    const placement = await store.get(local.streamId);
    if (placement?.janus !== janus) return;
    await store.setFeed(local.streamId, placement.room, undefined);
    toStreamers(local, 'rtc-viewer-left');
    await announce(local);
  }

  async function janusReady(janus: string, local: Local) {
    if (local.streamers.size && !local.publisher) {
      const placement = await store.get(local.streamId);
      // Unplaced, or on a Janus that is away: this one takes it. Elsewhere and up: the streamer is on its way.
      if (!placement || placement.janus === janus || !placer.link(placement.janus)) await announce(local);
    }
    // A connection that came back to a Janus that stayed up: its feeds are still there.
    for (const viewer of local.viewers.values()) {
      if (!viewer.sub) await subscribe(local, viewer);
    }
  }

  for (const { id, gateway } of servers) {
    gateway.onChange({
      lost() {
        for (const local of locals.values())
          janusLost(id, local).catch(background('moving the stream failed', local.streamId));
        loadChanged();
      },
      ready() {
        for (const local of locals.values())
          janusReady(id, local).catch(background('re-announcing the SFU failed', local.streamId));
      },
    });
  }

  // The adapter reports joins and leaves of this node's sockets; the owner's sockets join the
  // broadcaster room in join-stream, which is when the streamer is asked to publish.
  const adapter = io.of('/').adapter;
  adapter.on('join-room', (name: string, socketId: string) => {
    const streamId = BROADCASTER_ROOM.exec(name)?.[1];
    if (!streamId) return;
    const local = localFor(streamId);
    local.streamers.add(socketId);
    announce(local).catch(background('asking the streamer to publish failed', streamId));
  });
  adapter.on('leave-room', (name: string, socketId: string) => {
    const streamId = BROADCASTER_ROOM.exec(name)?.[1];
    const local = streamId ? locals.get(streamId) : undefined;
    if (!local) return;
    local.streamers.delete(socketId);
    if (local.publisher?.socketId === socketId) unpublish(local);
    forget(local);
  });

  return {
    name: 'sfu',
    available: placer.available,

    async start(streamId) {
      const placement = await prepare(streamId).catch((err: unknown) => {
        throw refusal(err);
      });
      if (!placement) throw refusal(new Error('no Janus is reachable'));
      io.to(broadcasterRoom(streamId)).emit('rtc-viewer-joined', { streamId, peerId: SFU_PEER });
    },

    async request(socket, streamId) {
      await assertMayWatch(socket, streams, streamId);
      await socket.join([mediaRoom(streamId), peerRoom(streamId, socket.id)]);
      const local = localFor(streamId);
      let viewer = local.viewers.get(socket.id);
      if (!viewer) {
        viewer = { socketId: socket.id, quality: 'auto' };
        local.viewers.set(socket.id, viewer);
      }
      // Asking again (the player does after a failed connection) always gets a fresh subscription.
      // Before the streamer has published, the viewer waits: the feed's sfu-feed subscribes everyone.
      subscribe(local, viewer, undefined, true).catch(background('subscribing a viewer failed', streamId));
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
      const viewer = locals.get(streamId)?.viewers.get(socket.id);
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
      const local = locals.get(streamId);
      const viewer = local?.viewers.get(peerId);
      if (!local || !viewer) return;
      local.viewers.delete(peerId);
      if (viewer.sub) detach(viewer.sub.handle);
      loadChanged();
      forget(local);
    },

    streamEnded(streamId) {
      const local = locals.get(streamId);
      if (local) {
        locals.delete(streamId);
        unpublish(local);
        for (const viewer of local.viewers.values()) if (viewer.sub) detach(viewer.sub.handle);
        loadChanged();
      }
      void (async () => {
        const placement = await store.get(streamId);
        await store.remove(streamId);
        const link = placement && placer.link(placement.janus);
        if (placement && link) await link.manager.destroy({ room: placement.room });
      })().catch(background('destroying the VideoRoom room failed', streamId));
    },
  };
}
