import { mediaDevices } from 'react-native-webrtc';
import type { Permission } from './types.ts';

/**
 * iOS: the system asks on the first capture, with the texts the config plugin put in Info.plist;
 * until then the state is unknown. A refused capture means the user said no (Settings can change it).
 */
export const permissions = {
  async check(): Promise<Permission> {
    return 'undetermined';
  },
  async request(): Promise<Permission> {
    try {
      const probe = await mediaDevices.getUserMedia({ video: true, audio: true });
      probe.release();
      return 'granted';
    } catch {
      return 'denied';
    }
  },
};
