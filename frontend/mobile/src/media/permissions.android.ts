import { PermissionsAndroid } from 'react-native';
import type { Permission } from './types.ts';

const wanted = [PermissionsAndroid.PERMISSIONS.CAMERA, PermissionsAndroid.PERMISSIONS.RECORD_AUDIO];

/** Android: runtime permissions for the camera and the microphone (declared by the config plugin). */
export const permissions = {
  async check(): Promise<Permission> {
    const has = await Promise.all(wanted.map((p) => PermissionsAndroid.check(p)));
    return has.every(Boolean) ? 'granted' : 'undetermined';
  },
  async request(): Promise<Permission> {
    const result = await PermissionsAndroid.requestMultiple(wanted);
    return wanted.every((p) => result[p] === PermissionsAndroid.RESULTS.GRANTED) ? 'granted' : 'denied';
  },
};
