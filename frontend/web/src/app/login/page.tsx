import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '../../components/AuthForm.tsx';

export const metadata: Metadata = { title: 'Sign in' };

export default function LoginPage() {
  return (
    <Suspense>
      <AuthForm mode="login" />
    </Suspense>
  );
}
