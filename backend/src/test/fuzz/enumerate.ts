import type { Express } from 'express';
import { z } from 'zod';

/** What a router layer keeps of how it was registered (router 2: `rawPath`, `route.methods`). */
const Layer = z.object({
  rawPath: z.unknown(),
  route: z.object({ path: z.string(), methods: z.record(z.string(), z.boolean()) }).optional(),
  handle: z.unknown(),
});
const SubRouter = z.custom<{ stack: unknown[] }>(
  (h) => typeof h === 'function' && 'stack' in h && Array.isArray(h.stack),
);

const join = (prefix: string, path: string) => `${prefix}${path === '/' ? '' : path}` || '/';

/** Every `METHOD /path` the app answers, found by walking its router stack (nested routers included). */
export function enumerateRoutes(app: Express): string[] {
  const out = new Set<string>();
  const walk = (stack: unknown[], prefix: string) => {
    for (const raw of stack) {
      const layer = Layer.parse(raw);
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          out.add(`${method.toUpperCase()} ${join(prefix, layer.route.path)}`);
        }
        continue;
      }
      const sub = SubRouter.safeParse(layer.handle);
      if (sub.success && typeof layer.rawPath === 'string') walk(sub.data.stack, join(prefix, layer.rawPath));
    }
  };
  walk(app.router.stack, '');
  return [...out].sort();
}
