import type { Run, WorkflowVersion } from '../lib/types';

/** order-fulfillment as the API draws it. */
export const graph: WorkflowVersion['graph'] = {
  nodes: [
    { id: 'start', kind: 'start', label: 'start' },
    { id: 'validatePayment', kind: 'function', label: 'payments.validate' },
    { id: 'validatePayment.compensate', kind: 'compensation', label: 'payments.refund' },
    { id: 'reserveInventory', kind: 'function', label: 'inventory.reserve' },
    { id: 'reserveInventory.compensate', kind: 'compensation', label: 'inventory.release' },
    { id: 'sendConfirmation', kind: 'function', label: 'email.send' },
    { id: 'end', kind: 'end', label: 'end' },
  ],
  edges: [
    { from: 'start', to: 'validatePayment', kind: 'next' },
    { from: 'validatePayment', to: 'validatePayment.compensate', kind: 'compensation' },
    { from: 'validatePayment', to: 'reserveInventory', kind: 'next' },
    { from: 'reserveInventory', to: 'reserveInventory.compensate', kind: 'compensation' },
    { from: 'reserveInventory', to: 'sendConfirmation', kind: 'next' },
    { from: 'sendConfirmation', to: 'end', kind: 'next' },
  ],
};

const T = (ms: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + ms).toISOString();

/** Out of stock: payment taken, reservation failed, payment refunded. */
export const compensatedRun: Run = {
  runId: '64660718-960b-4621-87e6-17d475189771',
  workflow: 'order-fulfillment',
  version: 1,
  status: 'COMPENSATED',
  input: { orderId: '2', amount: 10, email: 'a@example.com', items: [{ sku: 'OOS-1', qty: 1 }] },
  error: { type: 'OutOfStock', message: 'out of stock: OOS-1', retryable: false, stepId: 'reserveInventory' },
  cause: 'FAILURE',
  steps: [
    {
      stepId: 'validatePayment', definitionId: 'validatePayment', kind: 'FORWARD', function: 'payments.validate', status: 'COMPLETED',
      attempts: [{ number: 1, status: 'COMPLETED', input: { orderId: '2', amount: 10 }, output: { paymentId: 'pay-2' }, workerId: 'w-1', scheduledAt: T(0), deadline: T(30_000), startedAt: T(100), finishedAt: T(110) }],
      output: { paymentId: 'pay-2' }, completedAt: T(120),
    },
    {
      stepId: 'reserveInventory', definitionId: 'reserveInventory', kind: 'FORWARD', function: 'inventory.reserve', status: 'FAILED',
      attempts: [{ number: 1, status: 'FAILED', input: { items: [{ sku: 'OOS-1', qty: 1 }] }, error: { type: 'OutOfStock', message: 'out of stock: OOS-1', retryable: false, stepId: 'reserveInventory' }, workerId: 'w-1', scheduledAt: T(120), deadline: T(30_120), startedAt: T(200), finishedAt: T(210) }],
    },
    {
      stepId: 'validatePayment.compensate', definitionId: 'validatePayment', kind: 'COMPENSATION', function: 'payments.refund', status: 'COMPLETED',
      attempts: [{ number: 1, status: 'COMPLETED', input: { paymentId: 'pay-2' }, output: { refundId: 'ref-pay-2' }, workerId: 'w-1', scheduledAt: T(220), deadline: T(30_220), startedAt: T(300), finishedAt: T(320) }],
      output: { refundId: 'ref-pay-2' }, completedAt: T(330),
    },
  ],
  compensationOrder: ['validatePayment'],
  startedAt: T(0),
  updatedAt: T(330),
  finishedAt: T(330),
};

/** The email failed once, waited out its backoff, and succeeded. */
export const retriedRun: Run = {
  runId: '63f34c8c-9ef7-4a0f-80d6-f2413488288e',
  workflow: 'order-fulfillment',
  version: 1,
  status: 'COMPLETED',
  input: { orderId: '4' },
  output: { paymentId: 'pay-4' },
  steps: [
    {
      stepId: 'sendConfirmation', definitionId: 'sendConfirmation', kind: 'FORWARD', function: 'email.send', status: 'COMPLETED',
      attempts: [
        { number: 1, status: 'FAILED', input: {}, error: { type: 'MailServerUnavailable', message: 'try again', retryable: true }, scheduledAt: T(0), deadline: T(30_000), startedAt: T(100), finishedAt: T(200) },
        { number: 2, status: 'COMPLETED', input: {}, output: { messageId: 'm-1' }, scheduledAt: T(1200), deadline: T(31_200), startedAt: T(1250), finishedAt: T(1300) },
      ],
      completedAt: T(1310),
    },
  ],
  compensationOrder: [],
  startedAt: T(0),
  updatedAt: T(1310),
  finishedAt: T(1310),
};

export const at = T;
