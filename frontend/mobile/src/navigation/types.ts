import type { Stream } from '@airwave/shared';
import type { NavigatorScreenParams } from '@react-navigation/native';

export type AuthStackParams = { Login: { mode?: 'login' | 'register' } | undefined };
export type TabParams = { Home: undefined; CreateStream: undefined; Wallet: undefined; Profile: undefined };
export type AppStackParams = {
  Tabs: NavigatorScreenParams<TabParams> | undefined;
  Stream: { streamId: string; stream?: Stream };
};
