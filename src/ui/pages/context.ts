/**
 * What a dashboard page handler gets: the request, the server's dependencies, who is looking and when.
 * @module
 */
import type { Context } from 'hono';
import type { AppEnv, ServerDeps } from '../../server/context.ts';
import type { Principal } from '../../server/principal.ts';

export interface UiContext {
  readonly c: Context<AppEnv>;
  readonly deps: ServerDeps;
  readonly principal: Principal;
  readonly now: number;
  /** `performance.now()` when the request arrived (for `Server-Timing`). */
  readonly started: number;
  /** Who is signed in, in words. */
  readonly who: string;
}
