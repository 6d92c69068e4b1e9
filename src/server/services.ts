/**
 * What every route plugin shares with the app: the services (database, campaign models, event
 * bus, login limiter, sessions), a route's declared access, and Fastify's type augmentation.
 * Apart from app.ts so the routes need not import the app that registers them.
 */
import type { FastifyRequest } from 'fastify';
import type { AccessTarget, Permission } from './auth/permissions.ts';
import type { SessionCache } from './auth/sessions.ts';
import type { LoginLimiter } from './auth/rate-limit.ts';
import type { Db } from './db/connection.ts';
import type { CampaignRow, UserRecord } from './db/queries.ts';
import type { EventBus } from './events.ts';
import type { CampaignService } from './campaign/service.ts';

/** What a route allows: a permission (checked against the campaign in :id when `campaign`), or public / any signed-in user. */
export interface Access {
  permission: Permission | 'public' | 'signed-in';
  /** The route is under /api/campaigns/:id: the campaign is loaded (404 when unknown) and public-read applies. */
  campaign?: boolean;
  /** For scoped permissions: what the request touches (a 404 when it names something unknown). */
  target?: (request: FastifyRequest, services: AppServices) => Promise<AccessTarget>;
  /**
   * The route checks each community it touches against the scope itself (a request touching
   * several, e.g. an import of features): the hook checks only that the role has the permission.
   */
  scopeInRoute?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    user: UserRecord | null;
    campaign: CampaignRow | null;
  }
}

export interface AppServices {
  db: Db;
  campaigns: CampaignService;
  bus: EventBus;
  limiter: LoginLimiter;
  sessions: SessionCache;
}

