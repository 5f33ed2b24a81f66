import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '../../components/AuthForm.tsx';

export const metadata: Metadata = { title: 'Create account' };

export default function RegisterPage() {
  return (
    <Suspense>
      <AuthForm mode="register" />
    </Suspense>
  );
}
