import {
  AdminCoinPackage,
  AdminCoinPackageList,
  AdminGiftList,
  CoinPackageInput,
  CoinPackageParams,
  CoinPackagePatch,
} from '../admin.ts';
import { GiftItem, GiftTypeInput, GiftTypePatch } from '../economy.ts';
import { IdParams } from '../users.ts';
import { admins, route } from './route.ts';

/** No DELETE: items are deactivated (`active: false`). */
export const adminCatalogRoutes = {
  adminGifts: route({
    method: 'get',
    path: '/api/admin/gifts',
    summary: 'Every gift, inactive ones included',
    auth: admins,
    response: AdminGiftList,
  }),
  createGift: route({
    method: 'post',
    path: '/api/admin/gifts',
    summary: 'Add a gift to the catalog',
    auth: admins,
    body: GiftTypeInput,
    labels: { body: 'gift' },
    response: GiftItem,
    status: 201,
  }),
  updateGift: route({
    method: 'patch',
    path: '/api/admin/gifts/:id',
    summary: 'Change a gift (only the fields sent)',
    auth: admins,
    params: IdParams,
    body: GiftTypePatch,
    labels: { params: 'gift id', body: 'gift' },
    response: GiftItem,
  }),
  adminCoinPackages: route({
    method: 'get',
    path: '/api/admin/coin-packages',
    summary: 'Every coin package, inactive ones included',
    auth: admins,
    response: AdminCoinPackageList,
  }),
  createCoinPackage: route({
    method: 'post',
    path: '/api/admin/coin-packages',
    summary: 'Add a coin package to the shop',
    auth: admins,
    body: CoinPackageInput,
    labels: { body: 'coin package' },
    response: AdminCoinPackage,
    status: 201,
  }),
  updateCoinPackage: route({
    method: 'patch',
    path: '/api/admin/coin-packages/:id',
    summary: 'Change a coin package (only the fields sent)',
    auth: admins,
    params: CoinPackageParams,
    body: CoinPackagePatch,
    labels: { params: 'coin package id', body: 'coin package' },
    response: AdminCoinPackage,
  }),
};
