import {
  AdminBannedWord,
  AdminBannedWordBody,
  AdminBannedWordList,
  AdminModerationLog,
  AdminModerationLogQuery,
  AdminReportDecisionBody,
  AdminReportList,
  AdminReportsQuery,
  BannedWordParams,
  ReportIdParams,
} from '../admin.ts';
import { route, staff } from './route.ts';

const decision = (verb: 'resolve' | 'dismiss', summary: string) =>
  route({
    method: 'post',
    path: `/api/admin/reports/:id/${verb}`,
    summary,
    auth: staff,
    params: ReportIdParams,
    body: AdminReportDecisionBody,
    labels: { params: 'report id', body: 'decision' },
    response: null,
  });

export const adminModerationRoutes = {
  reports: route({
    method: 'get',
    path: '/api/admin/reports',
    summary: 'Reported chat messages, by status',
    auth: staff,
    query: AdminReportsQuery,
    response: AdminReportList,
  }),
  resolveReport: decision('resolve', 'Close a report as acted upon'),
  dismissReport: decision('dismiss', 'Close a report as unfounded'),
  moderationLog: route({
    method: 'get',
    path: '/api/admin/moderation-log',
    summary: 'Moderation actions in every channel, filtered and paged',
    auth: staff,
    query: AdminModerationLogQuery,
    response: AdminModerationLog,
  }),
  bannedWords: route({
    method: 'get',
    path: '/api/admin/banned-words',
    summary: 'Words refused in every channel',
    auth: staff,
    response: AdminBannedWordList,
  }),
  addBannedWord: route({
    method: 'post',
    path: '/api/admin/banned-words',
    summary: 'Refuse a word in every channel',
    auth: staff,
    body: AdminBannedWordBody,
    labels: { body: 'banned word' },
    response: AdminBannedWord,
    status: 201,
  }),
  removeBannedWord: route({
    method: 'delete',
    path: '/api/admin/banned-words/:word',
    summary: 'Allow a word again',
    auth: staff,
    params: BannedWordParams,
    labels: { params: 'banned word' },
    response: null,
  }),
};
