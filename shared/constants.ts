/**
 * Protocol constants shared by the client and the server. No side effects here:
 * this module is imported by both bundles.
 */

/** HTTP path prefix under which the y-websocket endpoint lives: `/yjs/<docName>?token=…`. */
export const YJS_PATH_PREFIX = '/yjs/';

/** Query parameter that carries the signed access token on the Yjs WebSocket. */
export const YJS_TOKEN_PARAM = 'token';

/**
 * y-websocket message types. 0 and 1 are the standard sync and awareness messages of
 * y-protocols; 2 is y-websocket's auth message, 3 asks for everyone's awareness. 4 and 5 are
 * ours: 4 tells a client which state is stored durably (shared/protocol/saved.ts); 5 answers
 * an update the server did not apply (read-only connection or locked board), as Hocuspocus's
 * SyncStatus does. A standard y-websocket client logs and skips message types it does not
 * know, so any y-websocket client can still talk to this server.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SAVED = 4;
export const MESSAGE_SYNC_STATUS = 5;

/**
 * WebSocket close codes. 4xxx codes mirror HTTP status codes (as Hocuspocus does) so a log
 * line reads the same whichever channel refused the request.
 */
export const CloseCode = {
  /** Normal close. */
  normal: 1000,
  /** The person's role changed: reconnect to get the new rights. */
  roleChanged: 4000,
  /** The server is restarting or shutting down: reconnect. */
  goingAway: 1001,
  /** The server restarts (SIGTERM): reconnect shortly. */
  serviceRestart: 1012,
  /** The server failed to store an update: reconnect and resend (nothing is lost client-side). */
  internalError: 1011,
  /** A message could not be decoded or violates the protocol. */
  badMessage: 4400,
  /** No valid token. */
  unauthorized: 4401,
  /** The token is valid but does not grant access to this document. */
  forbidden: 4403,
  /** The document does not exist. */
  notFound: 4404,
  /** A message is larger than the configured maximum. */
  tooLarge: 4413,
  /** Too many messages per second. */
  tooManyRequests: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Default limits. The server may override them by configuration; clients use them for early feedback. */
export const Limits = {
  /** Longest meeting title, board title, district name. */
  titleMax: 200,
  /** Longest display name. */
  nameMax: 80,
  /** Longest department name. */
  departmentMax: 120,
  /** Most departments in one meeting. */
  departmentsMax: 60,
  /** Most boards in one meeting. */
  boardsMax: 200,
  /** Longest card text, in characters. */
  cardTextMax: 2000,
  /** Largest WebSocket message, in bytes. */
  wsMessageMaxBytes: 1024 * 1024,
  /** Largest HTTP JSON body, in bytes. */
  httpBodyMaxBytes: 64 * 1024,
  /** Most live cards on one board. */
  cardsPerBoardMax: 500,
  /** Sustained WebSocket messages per second per connection (a burst of 3 s is allowed). */
  wsMessagesPerSecond: 100,
  /** Sustained Socket.io events per second per connection (a burst of 3 s is allowed). */
  socketEventsPerSecond: 20,
  /** Join attempts (join, preview, QR) per client address per minute. */
  joinAttemptsPerMinute: 30,
  /**
   * Largest board state the join answer carries, in bytes of the Yjs update (before base64,
   * which adds a third). Carrying it saves the board's WebSocket round trip before typing
   * (2 s on a slow 3G line); past this size the base64 overhead alone (85 KiB, 1.7 s at
   * 50 KB/s) costs about that round trip, and the join answer would be held back for it. A
   * busy SWOT board of 140 cards is about 110 KiB.
   */
  joinBoardStateMaxBytes: 256 * 1024,
} as const;

/** Alphabet of join codes: no look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
/** Length of a join code. */
export const JOIN_CODE_LENGTH = 6;
