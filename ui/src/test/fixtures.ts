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

  startedAt: T(0),
  updatedAt: T(1310),
  finishedAt: T(1310),
};

export const at = T;

/**
 * A workflow with every kind of nesting, as the API draws it: a switch (a case and a default), a
 * parallel whose first branch is a forEach (with a compensated body step), a step with a catch, a
 * wait and a waitForSignal.
 */
export const nestedGraph: WorkflowVersion['graph'] = {
  nodes: [
    { id: 'start', kind: 'start', label: 'start' },
    { id: 'validate', kind: 'function', label: 'payments.validate' },
    { id: 'validate.compensate', kind: 'compensation', label: 'payments.refund' },
    { id: 'route', kind: 'switch', label: 'switch' },
    { id: 'expressShip', kind: 'function', label: 'shipping.express', parent: 'route', lane: 'case:0' },
    { id: 'standardShip', kind: 'function', label: 'shipping.standard', parent: 'route', lane: 'default' },
    { id: 'fulfil', kind: 'parallel', label: 'parallel' },
    { id: 'reserveEach', kind: 'forEach', label: 'for each item', parent: 'fulfil', lane: 'branch:0' },
    { id: 'reserveOne', kind: 'function', label: 'inventory.reserve', parent: 'reserveEach', lane: 'body' },
    { id: 'reserveOne.compensate', kind: 'compensation', label: 'inventory.release', parent: 'reserveEach', lane: 'body' },
    { id: 'notifyWarehouse', kind: 'function', label: 'warehouse.notify', parent: 'fulfil', lane: 'branch:1' },
    { id: 'charge', kind: 'function', label: 'payments.capture' },
    { id: 'askAgain', kind: 'waitForSignal', label: 'retryPayment', parent: 'charge', lane: 'catch:0' },
    { id: 'chargeAgain', kind: 'function', label: 'payments.capture', parent: 'charge', lane: 'catch:0' },
    { id: 'pause', kind: 'wait', label: 'wait 10s' },
    { id: 'approve', kind: 'waitForSignal', label: 'approval' },
    { id: 'end', kind: 'end', label: 'end' },
  ],
  edges: [
    { from: 'start', to: 'validate', kind: 'next' },
    { from: 'validate', to: 'validate.compensate', kind: 'compensation' },
    { from: 'validate', to: 'route', kind: 'next' },
    { from: 'route', to: 'expressShip', kind: 'case', label: 'case 1' },
    { from: 'expressShip', to: 'fulfil', kind: 'join' },
    { from: 'route', to: 'standardShip', kind: 'default', label: 'default' },
    { from: 'standardShip', to: 'fulfil', kind: 'join' },
    { from: 'route', to: 'fulfil', kind: 'next' },
    { from: 'fulfil', to: 'reserveEach', kind: 'branch', label: 'stock' },
    { from: 'reserveEach', to: 'reserveOne', kind: 'body', label: 'for each item' },
    { from: 'reserveOne', to: 'reserveOne.compensate', kind: 'compensation' },
    { from: 'reserveOne', to: 'charge', kind: 'join' },
    { from: 'reserveEach', to: 'charge', kind: 'join' },
    { from: 'fulfil', to: 'notifyWarehouse', kind: 'branch', label: 'notify' },
    { from: 'notifyWarehouse', to: 'charge', kind: 'join' },
    { from: 'fulfil', to: 'charge', kind: 'next' },
    { from: 'charge', to: 'askAgain', kind: 'catch', label: 'CardDeclined' },
    { from: 'askAgain', to: 'chargeAgain', kind: 'next' },
    { from: 'chargeAgain', to: 'pause', kind: 'join' },
    { from: 'charge', to: 'pause', kind: 'next' },
    { from: 'pause', to: 'approve', kind: 'next' },
    { from: 'approve', to: 'end', kind: 'next' },
  ],
};

type Step = Run['steps'][number];

function fn(stepId: string, fnName: string, start: number, extra: Partial<Step> = {}): Step {
  const definitionId = stepId.replace(/^.*\./, '');
  return {
    stepId, definitionId, kind: 'FORWARD', type: 'function', function: fnName, status: 'COMPLETED',
    attempts: [{ number: 1, status: 'COMPLETED', input: {}, output: { ok: true }, workerId: 'w-1', scheduledAt: T(start), deadline: T(start + 30_000), startedAt: T(start + 5), finishedAt: T(start + 40) }],
    output: { ok: true }, startedAt: T(start), completedAt: T(start + 45), ...extra,
  };
}

function span(stepId: string, type: string, start: number, end: number | undefined, extra: Partial<Step> = {}): Step {
  return {
    stepId, definitionId: stepId.replace(/^.*\./, ''), kind: 'FORWARD', type, status: end === undefined ? 'ACTIVE' : 'COMPLETED',
    attempts: [], startedAt: T(start), completedAt: end === undefined ? undefined : T(end), ...extra,
  };
}

/** The iterations of reserveEach: one `inventory.reserve` each, item i starting at `start + i * 50` ms. */
export function reserveIterations(count: number, start: number, failed: number[] = []): Step[] {
  return Array.from({ length: count }, (_, i) =>
    fn(`reserveEach[${i}].reserveOne`, 'inventory.reserve', start + i * 50, {
      definitionId: 'reserveOne', parent: 'reserveEach', lane: `body:${i}`,
      ...(failed.includes(i)
        ? {
            status: 'FAILED' as const,
            error: { type: 'OutOfStock', message: `out of stock: SKU-${i}`, retryable: false },
            attempts: [{ number: 1, status: 'FAILED' as const, input: { sku: `SKU-${i}` }, error: { type: 'OutOfStock', message: `out of stock: SKU-${i}`, retryable: false }, workerId: 'w-2', scheduledAt: T(start + i * 50), deadline: T(start + i * 50 + 30_000), startedAt: T(start + i * 50 + 5), finishedAt: T(start + i * 50 + 30) }],
            completedAt: undefined,
          }
        : {}),
    }),
  );
}

/**
 * A run of nestedGraph waiting for the `approval` signal: the switch took its default, the
 * parallel ran a forEach over three items beside a skipped step, and `charge` failed but was
 * recovered by its catch (which waited for a signal, then charged again).
 */
export function nestedRun(iterations = 3): Run {
  const items = Array.from({ length: iterations }, (_, i) => ({ sku: `SKU-${i}`, qty: 1 }));
  const forEachEnd = 200 + iterations * 50 + 60;
  return {
    runId: '7a1c9e02-5b8d-4c3e-9f10-2d4b6a8c0e11',
    workflow: 'order-nested',
    version: 2,
    status: 'RUNNING',
    input: { orderId: '7', express: false, items },
    steps: [
      fn('validate', 'payments.validate', 0),
      span('route', 'switch', 50, 160, { output: { shipped: 'standard' } }),
      fn('standardShip', 'shipping.standard', 55, { parent: 'route', lane: 'default' }),
      span('fulfil', 'parallel', 160, forEachEnd, { finished: 2 }),
      span('reserveEach', 'forEach', 165, forEachEnd, { parent: 'fulfil', lane: 'branch:0', items, started: iterations, finished: iterations }),
      ...reserveIterations(iterations, 170),
      { ...span('notifyWarehouse', 'function', 165, 165), function: 'warehouse.notify', parent: 'fulfil', lane: 'branch:1', status: 'SKIPPED' },
      {
        ...fn('charge', 'payments.capture', forEachEnd),
        status: 'RECOVERED',
        error: { type: 'CardDeclined', message: 'card declined', retryable: false, stepId: 'charge' },
        attempts: [{ number: 1, status: 'FAILED', input: { amount: 10 }, error: { type: 'CardDeclined', message: 'card declined', retryable: false }, workerId: 'w-1', scheduledAt: T(forEachEnd), deadline: T(forEachEnd + 30_000), startedAt: T(forEachEnd + 5), finishedAt: T(forEachEnd + 25) }],
        completedAt: T(forEachEnd + 2_000),
      },
      span('askAgain', 'waitForSignal', forEachEnd + 30, forEachEnd + 1_900, { parent: 'charge', lane: 'catch:0', output: { card: 'new' } }),
      fn('chargeAgain', 'payments.capture', forEachEnd + 1_900, { parent: 'charge', lane: 'catch:0' }),
      span('pause', 'wait', forEachEnd + 2_000, forEachEnd + 12_000),
      span('approve', 'waitForSignal', forEachEnd + 12_000, undefined),
    ],
  
    startedAt: T(0),
    updatedAt: T(forEachEnd + 12_000),
    signals: [],
  };
}
