import { z } from 'zod';
import { ZId, ZInstant, ZPage } from './common';

export const WORK_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const ZWorkItemStatus = z.enum(WORK_ITEM_STATUSES);
export const WORK_ITEM_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const ZWorkItemPriority = z.enum(WORK_ITEM_PRIORITIES);
export const WORK_QUEUES = ['front_desk', 'billing', 'clinical', 'supervisor', 'admin'] as const;
export const ZWorkQueue = z.enum(WORK_QUEUES);

/** The kinds of work PatientDesk itself opens, in words; staff add `task`s (a kind is any short slug). */
export const WORK_ITEM_KIND_LABELS: Record<string, string> = {
  task: 'Tasks',
  'records-request': 'Records requests',
  'reschedule-request': 'Reschedule requests',
  'cancellation-call': 'Cancellation calls',
  'sms-reply': 'Text message replies',
  'break-glass-review': 'Break-the-glass reviews',
};

const ZWorkItemKind = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

export const ZWorkItem = z.object({
  id: ZId,
  kind: z.string(),
  title: z.string(),
  patient: z.object({ id: ZId, name: z.string(), mrn: z.string() }).nullable(),
  queue: ZWorkQueue,
  assignee: z.object({ id: ZId, name: z.string() }).nullable(),
  priority: ZWorkItemPriority,
  status: ZWorkItemStatus,
  dueAt: ZInstant.nullable(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  createdAt: ZInstant,
  closedAt: ZInstant.nullable(),
  resolution: z.string().nullable(),
  version: z.number().int(),
});
export type WorkItem = z.infer<typeof ZWorkItem>;

export const ZWorkItemListQuery = z.strictObject({
  queue: ZWorkQueue.optional(),
  assigneeId: z.union([ZId, z.literal('me'), z.literal('none')]).optional(),
  status: z
    .union([ZWorkItemStatus, z.literal('active')])
    .default('active')
    .describe('`active` means open or in progress'),
  patientId: ZId.optional(),
  /** Only this kind of work (`records-request`: the requests for records and their clocks). */
  kind: ZWorkItemKind.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZWorkItemList = ZPage(ZWorkItem);

export const ZCreateWorkItemRequest = z.strictObject({
  kind: ZWorkItemKind.default('task'),
  title: z.string().trim().min(1).max(200),
  patientId: ZId.optional(),
  queue: ZWorkQueue.default('front_desk'),
  assigneeId: ZId.optional(),
  priority: ZWorkItemPriority.default('normal'),
  dueAt: ZInstant.optional(),
});

export const ZUpdateWorkItemRequest = z.strictObject({
  status: ZWorkItemStatus.optional(),
  assigneeId: ZId.nullable().optional(),
  priority: ZWorkItemPriority.optional(),
  queue: ZWorkQueue.optional(),
  resolution: z.string().trim().max(1000).optional(),
});
