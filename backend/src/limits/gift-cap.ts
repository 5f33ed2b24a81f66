import { z } from 'zod';

/** The SQLSTATE the `gifts_spend_cap` trigger (migration 0010) raises when a gift would pass the cap. */
const GIFT_CAP_SQLSTATE = 'AW001';

const Detail = z.object({ limit: z.number().int(), used: z.number().int(), requested: z.number().int() });
export type GiftCapRefusal = z.infer<typeof Detail>;

/** The numbers of a refused gift, when `err` (whichever driver raised it) is the trigger's refusal. */
export function giftCapRefusal(err: unknown): GiftCapRefusal | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, detail } = e as { code?: unknown; detail?: unknown };
    if (code !== GIFT_CAP_SQLSTATE) continue;
    try {
      return Detail.parse(JSON.parse(String(detail)));
    } catch {
      return { limit: 0, used: 0, requested: 0 };
    }
  }
  return undefined;
}
