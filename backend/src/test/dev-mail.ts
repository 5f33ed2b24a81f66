/**
 * Verifies an account the way a developer would: opens the dev outbox at /dev/mail of a server
 * (running in another process), reads the verification mail to `email` and posts its token back.
 */
export async function verifyThroughDevMail(baseUrl: string, email: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = await (await fetch(`${baseUrl}/dev/mail`)).text();
    const entry = [...list.matchAll(/href="\/dev\/mail\/([\w-]+)">.*?<span class="meta">To ([^ <]+) /g)].find(
      (m) => m[2] === email.toLowerCase(),
    );
    if (entry) {
      const page = await (await fetch(`${baseUrl}/dev/mail/${entry[1]}`)).text();
      const token = page.match(/\/verify-email\?token=([\w-]+)/)?.[1];
      if (!token) throw new Error(`the mail to ${email} has no verification link`);
      const res = await fetch(`${baseUrl}/api/auth/email/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (res.status !== 204) throw new Error(`verify failed: ${res.status} ${await res.text()}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`no verification mail to ${email} in ${baseUrl}/dev/mail`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
