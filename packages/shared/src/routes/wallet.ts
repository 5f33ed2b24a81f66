import { Rates, Wallet, WalletHistory, WalletHistoryQuery } from '../economy.ts';
import { route } from './route.ts';

export const walletRoutes = {
  rates: route({
    method: 'get',
    path: '/api/wallet/rates',
    summary: 'The exchange rates: beans per coin, cash per bean, the least payout',
    auth: 'none',
    response: Rates,
  }),
  wallet: route({
    method: 'get',
    path: '/api/wallet',
    summary: "The signed-in user's coins and beans",
    auth: 'user',
    response: Wallet,
  }),
  walletHistory: route({
    method: 'get',
    path: '/api/wallet/history',
    summary: "The signed-in user's ledger, newest first, by keyset pages",
    auth: 'user',
    query: WalletHistoryQuery,
    response: WalletHistory,
  }),
};
