import { ChangePasswordBody, IdParams, Me, PublicProfile, UpdateMeBody } from '../users.ts';
import { route } from './route.ts';

export const usersRoutes = {
  updateMe: route({
    method: 'patch',
    path: '/api/users/me',
    summary: "Change the signed-in user's nickname, avatar or bio",
    auth: 'user',
    body: UpdateMeBody,
    labels: { body: 'profile update' },
    response: Me,
  }),
  changePassword: route({
    method: 'post',
    path: '/api/users/me/password',
    summary: 'Change the password; every other session is signed out',
    auth: 'user',
    body: ChangePasswordBody,
    labels: { body: 'password change' },
    response: null,
  }),
  profile: route({
    method: 'get',
    path: '/api/users/:id',
    summary: "A user's public profile",
    auth: 'none',
    params: IdParams,
    labels: { params: 'user id' },
    response: PublicProfile,
  }),
};
