/** Everyone watching a stream (viewers and the streamer's own sockets). */
export const streamRoom = (streamId: string) => `stream:${streamId}`;
/** Only the streamer's sockets for a stream: signaling to "the streamer" goes here. */
export const broadcasterRoom = (streamId: string) => `broadcaster:${streamId}`;
/** Viewers holding (or asking for) a media connection to the stream: the P2P cap counts these. */
export const mediaRoom = (streamId: string) => `media:${streamId}`;
/** One viewer's media session for one stream: the streamer's signals for that viewer go only here. */
export const peerRoom = (streamId: string, peerId: string) => `peer:${streamId}:${peerId}`;
