import { SFU_PEER } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import {
  isRenegotiation,
  P2P_MAX_BITRATE,
  P2P_MIN_BITRATE,
  p2pCaps,
  p2pMaxBitrate,
  p2pViewerCount,
  preferCodec,
  uplinkBudget,
  videoSendPlan,
  withMaxBitrate,
} from './media.ts';

describe('p2pMaxBitrate', () => {
  it('spreads the budget evenly over the viewers', () => {
    expect(p2pMaxBitrate(4000, 2)).toBe(2_000_000);
    expect(p2pMaxBitrate(4000, 3)).toBe(1_333_333);
    expect(p2pMaxBitrate(4000, 8)).toBe(500_000);
    expect(p2pMaxBitrate(4000, 20)).toBe(200_000);
  });

  it('keeps the total under the budget for every viewer count the floor allows', () => {
    for (let n = 1; n * P2P_MIN_BITRATE <= 4_000_000; n++) {
      expect(p2pMaxBitrate(4000, n) * n).toBeLessThanOrEqual(4_000_000);
    }
  });

  it('caps a lone viewer at the ceiling and never goes below the floor', () => {
    expect(p2pMaxBitrate(4000, 1)).toBe(P2P_MAX_BITRATE);
    expect(p2pMaxBitrate(4000, 0)).toBe(P2P_MAX_BITRATE);
    expect(p2pMaxBitrate(1000, 20)).toBe(P2P_MIN_BITRATE);
  });
});

describe('videoSendPlan', () => {
  it('publishes three VP8 simulcast layers to the SFU, highest first, whatever the P2P count', () => {
    const plan = videoSendPlan(SFU_PEER, 7, 4000);
    expect(plan).toEqual({
      encodings: [
        { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
        { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
        { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      ],
      codec: 'video/VP8',
    });
    // A copy: a caller that edits its encodings cannot change the next publication's.
    if (plan.encodings[0]) plan.encodings[0].maxBitrate = 1;
    expect(videoSendPlan(SFU_PEER, 0, 4000).encodings[0]?.maxBitrate).toBe(1_500_000);
  });

  it('sends a P2P viewer one layer at its share of the budget, in the platform codec', () => {
    expect(videoSendPlan('viewer-socket', 4, 4000)).toEqual({
      encodings: [{ maxBitrate: 1_000_000 }],
      codec: null,
    });
  });
});

describe('p2pCaps', () => {
  it('gives every P2P viewer the same share and leaves the SFU publication alone', () => {
    expect(p2pCaps(['a', 'b', SFU_PEER, 'c'], 3000)).toEqual(
      new Map([
        ['a', 1_000_000],
        ['b', 1_000_000],
        ['c', 1_000_000],
      ]),
    );
    expect(p2pCaps([SFU_PEER], 3000).size).toBe(0);
  });
});

describe('p2pViewerCount', () => {
  it('leaves the SFU publication out of the viewers', () => {
    expect(p2pViewerCount(['a', SFU_PEER, 'b'])).toBe(2);
    expect(p2pViewerCount(new Map([[SFU_PEER, 1]]).keys())).toBe(0);
  });
});

describe('preferCodec', () => {
  const codecs = [
    { mimeType: 'video/H264', sdpFmtpLine: 'a' },
    { mimeType: 'video/vp8' },
    { mimeType: 'video/rtx' },
    { mimeType: 'video/VP8', clockRate: 90000 },
  ];
  it('moves every VP8 entry to the front, keeping the order of the rest', () => {
    expect(preferCodec(codecs, 'video/VP8').map((c) => c.mimeType)).toEqual([
      'video/vp8',
      'video/VP8',
      'video/H264',
      'video/rtx',
    ]);
  });
  it('leaves a list without the codec as it was', () => {
    expect(preferCodec(codecs, 'video/AV1')).toEqual(codecs);
  });
});

describe('withMaxBitrate', () => {
  it('caps every encoding and keeps its other fields', () => {
    expect(withMaxBitrate([{ rid: 'h', active: true, maxBitrate: 9 }], 500)).toEqual([
      { rid: 'h', active: true, maxBitrate: 500 },
    ]);
  });
  it('turns an empty list into one capped encoding', () => {
    expect(withMaxBitrate([], 500)).toEqual([{ maxBitrate: 500 }]);
  });
});

describe('isRenegotiation', () => {
  const sdp = (ufrag: string) =>
    `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:${ufrag}\r\na=ice-pwd:x\r\n`;
  it('is an update of the same connection when the ICE credentials stay', () => {
    expect(isRenegotiation(sdp('abcd'), sdp('abcd'))).toBe(true);
  });
  it('is a new connection when they change, or when there is none yet', () => {
    expect(isRenegotiation(sdp('abcd'), sdp('efgh'))).toBe(false);
    expect(isRenegotiation(null, sdp('abcd'))).toBe(false);
    expect(isRenegotiation('v=0\r\n', 'v=0\r\n')).toBe(false);
  });
});

describe('uplinkBudget', () => {
  it('re-caps every P2P connection as they come and go, one setParameters at a time', async () => {
    const peers = new Map<string, { caps: number[] }>();
    let running = 0;
    let overlapped = false;
    const budget = uplinkBudget(peers, async (peer, bps) => {
      overlapped ||= running > 0;
      running++;
      await new Promise((r) => setTimeout(r, 1));
      peer.caps.push(bps);
      running--;
    });
    const open = (id: string) => {
      peers.set(id, { caps: [] });
      const plan = budget.plan(id);
      void budget.spread();
      return plan;
    };
    expect(open('a').encodings).toEqual([{ maxBitrate: 2_500_000 }]);
    await budget.setBudget(3000);
    expect(open('b').encodings).toEqual([{ maxBitrate: 1_500_000 }]);
    expect(open(SFU_PEER).encodings).toHaveLength(3);
    open('c');
    peers.delete('b');
    await budget.spread();
    expect(overlapped).toBe(false);
    expect(peers.get('a')?.caps.at(-1)).toBe(1_500_000);
    expect(peers.get('c')?.caps.at(-1)).toBe(1_500_000);
    expect(peers.get(SFU_PEER)?.caps).toEqual([]);
  });

  it('carries on past a connection that refuses', async () => {
    const peers = new Map([
      ['a', 'closed'],
      ['b', 'open'],
    ]);
    const capped: string[] = [];
    const budget = uplinkBudget(peers, async (peer) => {
      if (peer === 'closed') throw new Error('InvalidStateError');
      capped.push(peer);
    });
    await budget.spread();
    expect(capped).toEqual(['open']);
  });
});
