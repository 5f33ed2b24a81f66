import { weakPasswordAdvice } from '@airwave/shared';
import { useState } from 'react';
import { KeyboardAvoidingView, Platform, ScrollView, Text, TextInput, View } from 'react-native';
import { Button, colors, styles as ui } from '../components/ui.tsx';
import { failure } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { ApiError } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';

/** Sign in, or create an account (the same screen in two modes). */
export function LoginScreen({ initialMode = 'login' }: { initialMode?: 'login' | 'register' }) {
  const { t } = useI18n();
  const { login, register } = useAuth();
  const [mode, setMode] = useState(initialMode);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'login') await login({ email: email.trim(), password });
      else await register({ email: email.trim(), password, nickname: nickname.trim() });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') setError(t.auth.invalid);
      else if (err instanceof ApiError && err.code === 'WEAK_PASSWORD') {
        // Our headline in the user's language, then the server's reasons and suggestions.
        const advice = weakPasswordAdvice(err.details);
        setError(advice ? `${t.auth.weakPassword}\n${advice}` : t.auth.weakPassword);
      } else setError(failure(err, t));
      setBusy(false);
    }
  }

  return (
    <KeyboardAvoidingView style={ui.screen} behavior={Platform.OS === 'ios' ? 'padding' : undefined}>
      <ScrollView contentContainerStyle={{ padding: 24, gap: 14, flexGrow: 1, justifyContent: 'center' }}>
        <Text style={[ui.h1, { fontSize: 34, color: colors.accent }]}>Airwave</Text>
        <Text style={ui.h1} accessibilityRole="header">
          {mode === 'login' ? t.auth.loginTitle : t.auth.registerTitle}
        </Text>
        <TextInput
          style={ui.input}
          accessibilityLabel={t.auth.email}
          placeholder={t.auth.email}
          placeholderTextColor={colors.muted}
          autoCapitalize="none"
          autoComplete="email"
          keyboardType="email-address"
          value={email}
          onChangeText={setEmail}
        />
        {mode === 'register' && (
          <TextInput
            style={ui.input}
            accessibilityLabel={t.auth.nickname}
            placeholder={t.auth.nickname}
            placeholderTextColor={colors.muted}
            autoCapitalize="none"
            value={nickname}
            onChangeText={setNickname}
          />
        )}
        <TextInput
          style={ui.input}
          accessibilityLabel={t.auth.password}
          placeholder={t.auth.password}
          placeholderTextColor={colors.muted}
          secureTextEntry
          value={password}
          onChangeText={setPassword}
          onSubmitEditing={() => void submit()}
        />
        {error && (
          <Text style={ui.error} accessibilityRole="alert" testID="auth-error">
            {error}
          </Text>
        )}
        <Button
          title={mode === 'login' ? t.auth.signIn : t.auth.createAccount}
          onPress={() => void submit()}
          disabled={busy || !email || !password || (mode === 'register' && !nickname)}
          testID="auth-submit"
        />
        <View style={{ alignItems: 'center' }}>
          <Text
            style={{ color: colors.accent, padding: 10 }}
            accessibilityRole="link"
            onPress={() => {
              setMode(mode === 'login' ? 'register' : 'login');
              setError(null);
            }}
            testID="auth-switch"
          >
            {mode === 'login' ? t.auth.toRegister : t.auth.toLogin}
          </Text>
        </View>
      </ScrollView>
    </KeyboardAvoidingView>
  );
}
