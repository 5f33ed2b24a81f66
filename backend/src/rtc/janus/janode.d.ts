// janode ships JavaScript only: these are the parts of its API Airwave calls, typed from its source (1.8.0).

declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }

  export interface JanusCandidate {
    candidate: string;
    sdpMid?: string | null;
    sdpMLineIndex?: number | null;
  }

  /** HANDLE_TRICKLE: a candidate Janus gathered, or `completed` at the end of gathering. */
  export interface TrickleEvent {
    completed?: boolean;
    candidate?: string;
    sdpMid?: string;
    sdpMLineIndex?: number;
  }

  export interface JanodeConfig {
    address: { url: string; apisecret?: string };
    retry_time_secs?: number;
    max_retries?: number;
    is_admin?: boolean;
  }

  export interface Handle extends EventEmitter {
    readonly id: number;
    detach(): Promise<void>;
    hangup(): Promise<void>;
    /** A null candidate means the end of candidates (trickle complete). */
    trickle(candidate: JanusCandidate | null): Promise<void>;
  }

  export interface PluginDescriptor<H extends Handle> {
    id: string;
    Handle: new (...args: never[]) => H;
  }

  export interface Session extends EventEmitter {
    readonly id: number;
    attach<H extends Handle>(plugin: PluginDescriptor<H>): Promise<H>;
    destroy(): Promise<void>;
  }

  export interface Connection extends EventEmitter {
    /** Opens a Janus session, kept alive every `keepaliveSeconds`. */
    create(keepaliveSeconds?: number): Promise<Session>;
    getInfo(): Promise<{ name?: string; version_string?: string }>;
    close(): Promise<void>;
  }

  const Janode: {
    connect(config: JanodeConfig): Promise<Connection>;
    Logger: { setLevel(level: 'debug' | 'verb' | 'info' | 'warn' | 'error' | 'none'): string };
    EVENT: {
      CONNECTION_CLOSED: 'connection_closed';
      CONNECTION_ERROR: 'connection_error';
      SESSION_DESTROYED: 'session_destroyed';
      HANDLE_DETACHED: 'handle_detached';
      HANDLE_HANGUP: 'handle_hangup';
      HANDLE_WEBRTCUP: 'handle_webrtcup';
      HANDLE_TRICKLE: 'handle_trickle';
    };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep, PluginDescriptor } from 'janode';

  export interface SubscriberStream {
    mid: string;
    type: 'audio' | 'video' | 'data';
    feed_id?: number;
  }

  export interface VideoRoomHandle extends Handle {
    create(params: {
      room: number;
      description?: string;
      max_publishers?: number;
      is_private?: boolean;
      permanent?: boolean;
      bitrate?: number;
      fir_freq?: number;
      audiocodec?: string;
      videocodec?: string;
      notify_joining?: boolean;
    }): Promise<{ room: number }>;
    destroy(params: { room: number }): Promise<{ room: number }>;
    joinConfigurePublisher(params: {
      room: number;
      display?: string;
      audio?: boolean;
      video?: boolean;
      jsep: Jsep;
    }): Promise<{ feed: number; jsep?: Jsep }>;
    joinSubscriber(params: {
      room: number;
      streams: Array<{ feed: number; mid?: string }>;
      autoupdate?: boolean;
    }): Promise<{ jsep?: Jsep; streams?: SubscriberStream[] }>;
    start(params: { jsep: Jsep }): Promise<unknown>;
    configure(params: {
      streams?: Array<{ mid: string; substream?: number; fallback?: number }>;
      keyframe?: boolean;
    }): Promise<unknown>;
  }

  const VideoRoomPlugin: PluginDescriptor<VideoRoomHandle>;
  export default VideoRoomPlugin;
}
