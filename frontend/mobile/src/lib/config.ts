import Constants from 'expo-constants';
import { Platform } from 'react-native';

let override: string | null = null;

/** Tests and the e2e point the app at a server without rebuilding. */
export function setApiBaseUrl(url: string | null) {
  override = url;
}

/**
 * Where the Airwave server is: a test override; on web a `?api=` query parameter (kept for the
 * tab's life) or the export-time `extra.apiUrl`, else the page's own origin; on a phone
 * `extra.apiUrl` (AIRWAVE_API_URL when the bundle was made), else the Android emulator's host.
 */
export function apiBaseUrl(): string {
  if (override !== null) return override;
  const extra = (Constants.expoConfig?.extra ?? {}) as { apiUrl?: string };
  if (Platform.OS === 'web' && typeof window !== 'undefined') {
    const fromQuery = new URLSearchParams(window.location.search).get('api');
    if (fromQuery) {
      window.sessionStorage.setItem('airwave.api', fromQuery);
      return fromQuery.replace(/\/$/, '');
    }
    const remembered = window.sessionStorage.getItem('airwave.api');
    if (remembered) return remembered.replace(/\/$/, '');
    return (extra.apiUrl || window.location.origin).replace(/\/$/, '');
  }
  if (extra.apiUrl) return extra.apiUrl.replace(/\/$/, '');
  return Platform.OS === 'android' ? 'http://10.0.2.2:3000' : 'http://127.0.0.1:3000';
}
