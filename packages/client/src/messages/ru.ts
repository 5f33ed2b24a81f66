import { pluralRu } from '../plural.ts';
import type { SharedMessages } from './en.ts';

/** The shared words in Russian (see en.ts). */
export const sharedRu: SharedMessages = {
  errors: {
    VALIDATION_FAILED: 'Некоторые поля заполнены неверно.',
    MALFORMED_REQUEST: 'Запрос не понят. Обновите страницу и попробуйте снова.',
    PAYLOAD_TOO_LARGE: 'Это слишком большое, чтобы отправить.',
    UNAUTHENTICATED: 'Пожалуйста, войдите.',
    INVALID_CREDENTIALS: 'Неверная почта или пароль.',
    TOKEN_EXPIRED: 'Сессия истекла. Войдите снова.',
    ACCOUNT_BANNED: 'Учётная запись забанена или приостановлена.',
    FORBIDDEN: 'Вам это недоступно.',
    NOT_FOUND: 'Этого больше нет.',
    CONFLICT: 'Кто-то уже изменил это. Обновите страницу и проверьте.',
    EMAIL_TAKEN: 'На эту почту уже есть аккаунт.',
    NICKNAME_TAKEN: 'Этот никнейм занят.',
    WEAK_PASSWORD: 'Этот пароль слишком легко угадать. Выберите пароль надёжнее.',
    RATE_LIMITED: 'Слишком много попыток. Подождите немного.',
    INSUFFICIENT_FUNDS: 'Недостаточно монет.',
    IDEMPOTENCY_CONFLICT: 'Это уже отправлено с другими данными. Попробуйте снова.',
    STREAM_FULL: 'Трансляция переполнена.',
    STREAM_NOT_LIVE: 'Этот эфир уже не идёт.',
    ALREADY_LIVE: 'Вы уже в эфире.',
    CHAT_BANNED: 'Вам запрещено писать в этот чат.',
    CHAT_TIMED_OUT: 'Вам временно запрещено писать в этот чат.',
    SLOW_MODE: 'Включён медленный режим. Подождите перед следующим сообщением.',
    ACCOUNT_TOO_NEW: 'Этот чат для аккаунтов постарше вашего. Скоро вы сможете здесь писать.',
    FOLLOWERS_ONLY: 'Этот чат только для подписчиков канала.',
    MESSAGE_BLOCKED: 'В сообщении есть слова, запрещённые в этом чате.',
    PAYMENTS_UNAVAILABLE: 'Платежи сейчас недоступны.',
    PAYOUTS_NOT_ENABLED:
      'Подключите счёт для выплат и завершите его настройку, прежде чем запрашивать выплату.',
    PURCHASE_DAILY_LIMIT: 'Достигнут дневной лимит покупок.',
    PURCHASE_MONTHLY_LIMIT: 'Достигнут месячный лимит покупок.',
    PURCHASE_TOO_SOON: 'Новые аккаунты пока не могут покупать монеты.',
    GIFT_DAILY_LIMIT: 'Достигнут дневной лимит подарков.',
    RECONCILIATION_UNAVAILABLE: 'Этот сервер не принимает платежи через Stripe, сверять не с чем.',
    SERVICE_UNAVAILABLE: 'Airwave сейчас не отвечает. Попробуйте чуть позже.',
    INTERNAL: 'Что-то пошло не так на нашей стороне.',
  },
  retryAfter: (seconds: number) => `Попробуйте снова через ${seconds} с.`,
  spendLimit: (d: { limit: number; used: number; resetsAt: string }) =>
    `Использовано ${d.used} из ${d.limit} монет; лимит обновится ${new Date(d.resetsAt).toLocaleString('ru')}.`,
  availableAt: (iso: string) => `Покупки станут доступны ${new Date(iso).toLocaleString('ru')}.`,
  followersOnly: (d: { minFollowAgeMinutes: number; writableAt?: string }) =>
    d.writableAt
      ? `Вы сможете писать с ${new Date(d.writableAt).toLocaleString('ru')}.`
      : d.minFollowAgeMinutes > 0
        ? `Подпишитесь; писать можно через ${durationRu(d.minFollowAgeMinutes)} после подписки.`
        : 'Подпишитесь, чтобы писать.',
  duration: (minutes: number) => durationRu(minutes),
  follows: {
    follow: 'Подписаться',
    following: 'Вы подписаны',
    unfollow: 'Отписаться',
    followers: (n: number) => `${n} ${pluralRu(n, 'подписчик', 'подписчика', 'подписчиков')}`,
    followTo: (nickname: string) => `Подписаться на ${nickname}`,
    unfollowFrom: (nickname: string) => `Отписаться от ${nickname}`,
    tab: 'Подписки',
    signInToSee: 'Войдите, чтобы увидеть каналы, на которые вы подписаны.',
    none: 'Вы пока ни на кого не подписаны. Подпишитесь на стримера на его трансляции или в профиле.',
    offline: 'Не в эфире',
    viewers: (n: number) => `${n} ${pluralRu(n, 'зритель', 'зрителя', 'зрителей')}`,
  },
  categories: {
    'just-chatting': 'Общение',
    music: 'Музыка',
    gaming: 'Игры',
    creative: 'Творчество',
    sports: 'Спорт',
    education: 'Обучение',
    irl: 'IRL',
    'talk-shows': 'Ток-шоу',
  },
  account: {
    loginTitle: 'Вход в Airwave',
    registerTitle: 'Создайте аккаунт Airwave',
    email: 'Эл. почта',
    password: 'Пароль',
    nickname: 'Никнейм',
  },
  ledgerKinds: {
    purchase: 'Покупка',
    refund: 'Возврат',
    gift_sent: 'Подарок отправлен',
    gift_received: 'Подарок получен',
    payout_hold: 'Запрошена выплата',
    payout_release: 'Выплата возвращена',
    payout_reversal: 'Выплата вернулась из банка',
    exchange: 'Обмен',
    grant: 'Начисление',
    admin_adjust: 'Корректировка',
  },
  blocks: {
    block: 'Заблокировать',
    unblock: 'Разблокировать',
    blockUser: (name: string) => `Заблокировать ${name}`,
    blocked: (name: string) => `${name} заблокирован(а). Вы не увидите его (её) сообщений.`,
    title: 'Заблокированные',
    intro:
      'Вы не видите сообщений заблокированных в чате, а они не могут дарить подарки на ваших эфирах. Им об этом не сообщается.',
    empty: 'Вы никого не заблокировали.',
    loading: 'Загрузка…',
    loadFailed: 'Не удалось загрузить список заблокированных.',
    retry: 'Повторить',
    blockedOn: (date: string) => `Заблокирован(а) ${date}`,
  },
};

const UNITS_RU = [
  [10_080, ['неделю', 'недели', 'недель']],
  [1440, ['день', 'дня', 'дней']],
  [60, ['час', 'часа', 'часов']],
  [1, ['минуту', 'минуты', 'минут']],
] as const;

function durationRu(minutes: number): string {
  const [size, [one, few, many]] = UNITS_RU.find(([size]) => minutes % size === 0) ?? UNITS_RU[3];
  const n = minutes / size;
  return `${n} ${pluralRu(n, one, few, many)}`;
}
