import { createBottomTabNavigator } from '@react-navigation/bottom-tabs';
import { DarkTheme, NavigationContainer } from '@react-navigation/native';
import { createNativeStackNavigator, type NativeStackScreenProps } from '@react-navigation/native-stack';
import { Text } from 'react-native';
import { colors, Loading } from '../components/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../lib/auth.tsx';
import { CreateStreamScreen } from '../screens/CreateStreamScreen.tsx';
import { HomeScreen } from '../screens/HomeScreen.tsx';
import { LoginScreen } from '../screens/LoginScreen.tsx';
import { ProfileScreen } from '../screens/ProfileScreen.tsx';
import { StreamScreen } from '../screens/StreamScreen.tsx';
import { WalletScreen } from '../screens/WalletScreen.tsx';
import type { AppStackParams, AuthStackParams, TabParams } from './types.ts';

const AuthStack = createNativeStackNavigator<AuthStackParams>();
const AppStack = createNativeStackNavigator<AppStackParams>();
const Tabs = createBottomTabNavigator<TabParams>();

const theme = {
  ...DarkTheme,
  colors: { ...DarkTheme.colors, background: colors.bg, primary: colors.accent, card: '#111118' },
};
const icon = (glyph: string) => () => <Text style={{ fontSize: 18 }}>{glyph}</Text>;

function AppTabs({ navigation }: NativeStackScreenProps<AppStackParams, 'Tabs'>) {
  const { t } = useI18n();
  return (
    <Tabs.Navigator screenOptions={{ headerShown: false, tabBarActiveTintColor: colors.accent }}>
      <Tabs.Screen
        name="Home"
        options={{ title: t.tabs.home, tabBarIcon: icon('📺'), tabBarButtonTestID: 'tab-home' }}
      >
        {() => (
          <HomeScreen
            onOpen={(s) => navigation.navigate('Stream', { streamId: s.id, stream: s })}
            onOpenFollowed={(streamId) => navigation.navigate('Stream', { streamId })}
          />
        )}
      </Tabs.Screen>
      <Tabs.Screen
        name="CreateStream"
        component={CreateStreamScreen}
        options={
          {
            title: t.tabs.golive,
            tabBarIcon: icon('🔴'),
            tabBarButtonTestID: 'tab-golive',
            unmountOnBlur: true,
          } as object
        }
      />
      <Tabs.Screen
        name="Wallet"
        component={WalletScreen}
        options={{ title: t.tabs.wallet, tabBarIcon: icon('🪙'), tabBarButtonTestID: 'tab-wallet' }}
      />
      <Tabs.Screen
        name="Profile"
        component={ProfileScreen}
        options={{ title: t.tabs.profile, tabBarIcon: icon('👤'), tabBarButtonTestID: 'tab-profile' }}
      />
    </Tabs.Navigator>
  );
}

function StreamRoute({ route, navigation }: NativeStackScreenProps<AppStackParams, 'Stream'>) {
  return (
    <StreamScreen
      streamId={route.params.streamId}
      initial={route.params.stream}
      onBack={() => (navigation.canGoBack() ? navigation.goBack() : navigation.navigate('Tabs'))}
    />
  );
}

/**
 * The guard: while the stored session is read, a loading screen; signed out, only the auth stack
 * exists (no app screen can be reached); signed in, the tabs and the stream screen. Signing out or a
 * refused token refresh swaps the whole tree back to the auth stack.
 */
export function RootNavigator() {
  const { user } = useAuth();
  if (user === undefined) return <Loading />;
  return (
    <NavigationContainer theme={theme}>
      {user === null ? (
        <AuthStack.Navigator screenOptions={{ headerShown: false }}>
          <AuthStack.Screen name="Login">{() => <LoginScreen />}</AuthStack.Screen>
        </AuthStack.Navigator>
      ) : (
        <AppStack.Navigator screenOptions={{ headerShown: false }}>
          <AppStack.Screen name="Tabs" component={AppTabs} />
          <AppStack.Screen
            name="Stream"
            component={StreamRoute}
            options={{ animation: 'slide_from_bottom' }}
          />
        </AppStack.Navigator>
      )}
    </NavigationContainer>
  );
}
