/** Everyone watching a stream (viewers and the streamer's own sockets). */
export const streamRoom = (streamId: string) => `stream:${streamId}`;
/** Only the streamer's sockets for a stream: signaling to "the streamer" goes here. */
export const broadcasterRoom = (streamId: string) => `broadcaster:${streamId}`;
