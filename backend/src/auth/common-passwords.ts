/**
 * Passwords of at least 8 characters that top the public breach-frequency lists (SecLists'
 * 10k-most-common, NCSC's 100k list). Rejected at registration and on change, case-insensitively.
 */
const LIST = `
12345678 123456789 1234567890 password password1 password12 password123 passw0rd p@ssw0rd p@ssword
qwertyuiop qwerty123 qwerty12 qwerty1234 1qaz2wsx 1q2w3e4r 1q2w3e4r5t zaq12wsx qazwsxedc 1qazxsw2
iloveyou iloveyou1 11111111 111111111 00000000 000000000 88888888 87654321 987654321 123123123
12341234 11223344 abcd1234 abc12345 abcdefgh 1234qwer qwer1234 asdfghjkl asdf1234 zxcvbnm1
baseball football football1 basketball superman batman123 sunshine princess1 princess welcome1
welcome123 letmein1 letmein123 trustno1 starwars computer michelle jennifer whatever1 internet
master123 dragon123 monkey123 shadow123 charlie1 freedom1 mustang1 jordan23 liverpool chelsea1
arsenal1 samsung1 blink182 pokemon1 naruto123 minecraft fortnite qwertyui asdfasdf zxcvbnm123
changeme changeme1 default1 secret123 administrator admin123 admin1234 adminadmin root1234
airwave123 airwave1 stream123 streamer livestream password!
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
