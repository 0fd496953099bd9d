/**
 * Assembles the server from its parts: storage → services → HTTP routes, the Yjs endpoint and
 * the Socket.io layer, all on one HTTP server. `main.ts` runs it; tests start it in a child
 * process through `main.ts` too, so they exercise exactly what users run.
 */
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { CloseCode } from '@shared/constants';
import { meetingOfConclusionsRoom } from '@shared/doc/conclusions';
import type { ServerConfig } from './config';
import { errorHandler } from './http/middleware/error-handler';
import { healthRoutes } from './http/routes/health';
import { joinRoutes } from './http/routes/join';
import { meetingRoutes } from './http/routes/meetings';
import { sampleRoute } from './http/routes/sample';
import { importRoute, recordRoutes } from './http/routes/record';
import { originAllowed } from './http/origin-policy';
import { staticClient } from './http/static-client';
import { errorFields, type Logger } from './logger';
import { facilitationFeature } from './realtime/socket/facilitation-feature';
import { MeetingRealtime } from './realtime/socket/meeting-socket';
import { promotionFeature } from './realtime/socket/promotion-feature';
import { votingFeature } from './realtime/socket/voting-feature';
import { BoardWriter } from './realtime/yjs/board-writer';
import { boardPolicies } from './realtime/yjs/board-policy';
import { withDraftHook } from './realtime/yjs/draft-store-hook';
import { RoomRegistry } from './realtime/yjs/room-registry';
import { YjsEndpoint } from './realtime/yjs/yjs-endpoint';
import { DraftService } from './services/draft-service';
import { ArchiveService } from './record/archive/archive-service';
import { facilitationPart, votingPart } from './record/archive/feature-parts';
import { ConclusionsAccess } from './record/conclusions-access';
import { conclusionsPolicy } from './record/conclusions-policy';
import { RecordService } from './record/record-service';
import { agendaSection } from './record/sections/agenda-section';
import { indicatorsSection } from './record/sections/indicators-section';
import { prioritiesSection } from './record/sections/priorities-section';
import { proposalsSection } from './record/sections/proposals-section';
import { roundsSection } from './record/sections/rounds-section';
import { AppError } from './services/errors';
import { FacilitationService } from './services/facilitation-service';
import { MeetingEvents } from './services/meeting-events';
import { JoinBoardService } from './services/join-board';
import { MeetingService } from './services/meeting-service';
import { PromotionService } from './services/promotion-service';
import { SampleMeetingService } from './services/sample/sample-meeting-service';
import { VotingService } from './services/voting-service';
import { loadOrCreateSecret, TokenService } from './services/token-service';
import { SqliteStorage } from './storage/sqlite/sqlite-storage';
import type { Storage } from './storage/storage';

export interface BanTronServer {
  readonly httpServer: http.Server;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Graceful stop: refuse new connections, store everything received, close sockets. */
  close(): Promise<void>;
}

/**
 * PostgreSQL when DATABASE_URL is set (migrated on open), else the SQLite file in DATA_DIR.
 * The PostgreSQL adapter (and `pg`) is loaded only when configured, and likewise Redis's
 * modules below: a single-instance server does not carry their memory.
 */
export async function createStorage(config: ServerConfig): Promise<Storage> {
  if (config.databaseUrl) {
    const { PostgresStorage } = await import('./storage/postgres/postgres-storage');
    return PostgresStorage.open({ url: config.databaseUrl, poolSize: config.databasePoolSize });
  }
  return new SqliteStorage({
    file: path.join(config.dataDir, 'bantron.sqlite'),
    synchronous: config.sqliteSynchronous,
  });
}

export async function createServer(
  config: ServerConfig,
  log: Logger,
  storage: Storage,
): Promise<BanTronServer> {
  const tokens = new TokenService(
    loadOrCreateSecret(config.dataDir, config.tokenSecret),
    config.tokenTtlSeconds,
  );
  const events = new MeetingEvents();
  const limits = { cardTextMax: config.cardTextMax, cardsPerBoardMax: config.cardsPerBoardMax };
  const meetings = new MeetingService(storage, tokens, events, limits);
  const facilitation = new FacilitationService(storage, events);
  const record = new RecordService(storage, events, log);
  // Sections of the features, in record order; proposals and rounds before priorities, whose
  // items name the proposals and cards they came from and carry the rounds' scores.
  record.registerProvider(agendaSection(storage));
  record.registerProvider(proposalsSection);
  record.registerProvider(roundsSection(storage));
  record.registerProvider(prioritiesSection(storage));
  record.registerProvider(indicatorsSection);
  const archive = new ArchiveService({
    storage,
    tokens,
    allocateJoinCode: () => meetings.freshJoinCode(),
  });
  archive.registerPart(facilitationPart(storage));
  archive.registerPart(votingPart(storage));
  // Several instances: Redis carries board updates, meeting events, presence and limits.
  const scale = config.redisUrl
    ? (await import('./scale/scale-out')).startScaleOut({
        redisUrl: config.redisUrl,
        prefix: config.redisPrefix,
        instanceId: config.instanceId,
        joinAttemptsPerMinute: config.joinAttemptsPerMinute,
        log,
        events,
      })
    : null;

  // Set just below: the rooms' store reports draft updates to the draft service, which
  // writes through the rooms.
  let drafts: DraftService | null = null;
  const policies = boardPolicies(limits);
  const rooms = new RoomRegistry({
    store: withDraftHook(storage, (boardId, participantId) => {
      drafts
        ?.recount(boardId, participantId)
        .catch((err: unknown) =>
          log.warn('draft recount failed', { boardId, participantId, ...errorFields(err) }),
        );
    }),
    log,
    snapshotEvery: config.snapshotEvery,
    policyFor: async (docId) => {
      // The conclusions are one long text, not entries.
      if (meetingOfConclusionsRoom(docId) !== null) return conclusionsPolicy;
      // Documents that are not boards (a person's private drafts) hold SWOT cards.
      const board = await storage.getBoard(docId);
      return policies[board?.kind ?? 'swot'];
    },
    relay: scale?.relay,
    catchUpEveryMs: config.catchUpEveryMs,
  });
  // The join answer carries the landing board's state (docs/api.md, POST /api/join).
  const joinBoard = new JoinBoardService({
    meetings,
    follow: (meetingId) => facilitation.follow(meetingId),
    states: rooms,
    log,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // The hall network is plain http: do not ask browsers to upgrade to https.
          upgradeInsecureRequests: null,
        },
      },
      // Plain-http LAN deployments: HSTS would lock browsers out of the server, and browsers
      // ignore COOP on untrustworthy origins with a console error on every page.
      strictTransportSecurity: false,
      crossOriginOpenerPolicy: false,
    }),
  );
  app.use(healthRoutes(storage, { redis: scale?.hub, instance: config.instanceId }));
  app.use('/api', (req, _res, next) => {
    // Same-origin by default: a cross-site page cannot drive the API from a user's browser.
    next(
      originAllowed(req, config.allowedOrigins)
        ? undefined
        : new AppError('forbidden', 'origin not allowed'),
    );
  });
  // Archives hold every update of every board: their route has its own, larger limit, and
  // is parsed before the API's general limit applies (body-parser skips a parsed body).
  app.use(
    '/api/meetings/import',
    express.json({ limit: config.importBodyMaxBytes }),
    importRoute(archive),
  );
  app.use('/api', express.json({ limit: config.httpBodyMaxBytes }));
  // The sample is built through the board writer and the voting service, made below with
  // the rooms; the route is mounted here, in order, and reaches them through this getter.
  let sample: SampleMeetingService | null = null;
  app.use(
    '/api/meetings/sample',
    sampleRoute(
      () => {
        if (!sample) throw new AppError('internal', 'server still starting');
        return sample;
      },
      { perMinute: config.sampleMeetingsPerMinute },
    ),
  );
  app.use('/api/meetings', meetingRoutes(meetings));
  app.use('/api/meetings', recordRoutes({ meetings, record, archive }));
  app.use(
    '/api/join',
    joinRoutes(meetings, {
      attemptsPerMinute: config.joinAttemptsPerMinute,
      publicUrl: config.publicUrl,
      limiter: scale?.joinLimit,
      joinBoard,
    }),
  );
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'no such API route')));
  // Several instances: the page tells its meeting socket to skip HTTP long-polling.
  app.use(staticClient(config.clientDir, { websocketOnly: scale !== null }));
  app.use(errorHandler(log));

  const httpServer = http.createServer(app);
  const writer = new BoardWriter(rooms);
  const draftService = new DraftService(storage, writer, events);
  drafts = draftService;
  const voting = new VotingService(storage, writer, events);
  const promotion = new PromotionService(storage, writer);
  sample = new SampleMeetingService(meetings, writer, voting);
  const yjs = new YjsEndpoint({
    meetings,
    drafts: draftService,
    events,
    rooms,
    log,
    maxMessageBytes: config.wsMaxMessageBytes,
    messagesPerSecond: config.wsMessagesPerSecond,
    allowedOrigins: config.allowedOrigins,
    heartbeatMs: config.wsHeartbeatMs,
    documents: [new ConclusionsAccess(storage, events)],
    onResync: scale ? (listener) => scale.hub.onResync(listener) : undefined,
  });
  const realtime = new MeetingRealtime(httpServer, {
    meetings,
    events,
    log,
    maxMessageBytes: config.httpBodyMaxBytes,
    eventsPerSecond: config.socketEventsPerSecond,
    allowedOrigins: config.allowedOrigins,
    features: [
      facilitationFeature({ facilitation, drafts: draftService, events, log }),
      votingFeature(voting, events, log),
      promotionFeature(promotion),
    ],
    boards: (meetingId, audience) => draftService.boardStates(meetingId, audience),
    presence: scale?.presence,
    adapter: scale?.socketAdapter,
    websocketOnly: scale !== null,
  });
  httpServer.on('upgrade', (req, socket, head) => {
    if (yjs.handles(req)) yjs.handleUpgrade(req, socket, head);
    // Other upgrade paths (/socket.io/) are handled by Socket.io's own listener.
  });

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        yjs.stopAccepting();
        httpServer.close();
        try {
          // 1012 "service restart": y-websocket clients reconnect on their own.
          await rooms.closeAll(CloseCode.serviceRestart, 'server restarting');
        } catch (err) {
          log.error('closing rooms failed', errorFields(err));
        }
        yjs.close();
        await realtime.close();
        httpServer.closeAllConnections();
        await scale?.close();
        await storage.close();
      })()),
  };
}
