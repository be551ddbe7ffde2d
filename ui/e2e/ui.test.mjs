// End-to-end tests of the web UI against a real, running Ordo (ORDO_URL, default
// http://localhost:8080) in headless Chromium. They start runs of the example workflow
// order-fulfillment, find them in the list, open them, check what the run page shows, act on runs,
// deploy YAML, and leave a screenshot of every page in ui/target/screenshots/ at 1280 and 1920 px.
//
//   ORDO_URL=http://localhost:8090 node --test e2e/
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.ORDO_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../target/screenshots');
const WIDTHS = [1280, 1920];
const STEP_TIMEOUT = 30_000;
const tag = Date.now().toString(36);

// ---------- the API, for arranging runs ----------

async function call(method, path, body, headers = {}) {
  const response = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const order = (id, overrides = {}) => ({
  orderId: `${tag}-${id}`,
  amount: 10,
  email: 'ann@example.com',
  items: [{ sku: 'SKU-1', qty: 1 }],
  ...overrides,
});

async function startRun(workflow, input) {
  const { status, body } = await call('POST', `/workflows/${workflow}/runs`, input);
  assert.equal(status, 201, `starting a run of ${workflow}: ${JSON.stringify(body)}`);
  return body.runId;
}

async function awaitStatus(runId, wanted, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = (await call('GET', `/runs/${runId}`)).body;
    if (wanted.includes(last?.status)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`run ${runId} did not reach ${wanted} within ${timeoutMs} ms; last seen ${last?.status}`);
}

const WAITING_WORKFLOW = `name: ui-e2e-wait
description: Waits on a function no worker serves, so that it can be cancelled
timeout: 1h
steps:
  - id: prepare
    function: demo.echo
    input: {hello: world}
    compensate:
      function: demo.echo
      input: {undo: true}
  - id: waitForever
    function: test.never
    timeout: 10m
    input: {forever: true}
`;

const SIGNAL_WORKFLOW = `name: ui-e2e-signal
description: Waits for an approval signal, then echoes what it said
timeout: 1h
steps:
  - id: prepare
    function: demo.echo
    input: {hello: world}
  - id: approve
    waitForSignal: approval
    timeout: 10m
  - id: finish
    function: demo.echo
    input: {approved: \${ steps.approve.output.approved }}
`;

// A switch (the default is taken), a parallel of a forEach over the items and a skipped step, and a
// step whose CardDeclined is recovered by its catch: every container the graph draws.
const NESTED_WORKFLOW = `name: ui-e2e-nested
description: Route, reserve every item beside a notification, charge with a fallback
timeout: 1h
steps:
  - id: validate
    function: payments.validate
    input: {orderId: \${ input.orderId }, amount: \${ input.amount }}
    compensate:
      function: payments.refund
      input: {paymentId: \${ steps.validate.output.paymentId }}
  - id: route
    switch:
      - when: \${ input.amount > 1000 }
        steps:
          - id: bigOrder
            function: demo.echo
            input: {big: true}
    default:
      - id: smallOrder
        function: demo.echo
        input: {big: false}
  - id: fulfil
    parallel:
      - name: stock
        steps:
          - id: reserveEach
            forEach: \${ input.items }
            as: item
            maxConcurrency: 4
            steps:
              - id: reserveOne
                function: inventory.reserve
                input: {items: [\${ item }]}
      - name: notify
        steps:
          - id: notifyWarehouse
            if: \${ input.amount > 5000 }
            function: demo.echo
            input: {notify: true}
  - id: charge
    function: payments.validate
    input: {orderId: \${ input.orderId }, amount: 20000}
    retry: {maxAttempts: 1}
    catch:
      - errors: [CardDeclined]
        steps:
          - id: fallback
            function: demo.echo
            input: {declined: true}
  - id: confirm
    function: email.send
    input: {to: \${ input.email }, subject: "Order \${ input.orderId } confirmed"}
`;

// Reserves every item (each with a compensation), runs a child workflow, then fails: every
// iteration and the child are compensated.
const UNDO_WORKFLOW = `name: ui-e2e-undo
description: Reserves every item and calls a child run, then gives up; all of it is undone
steps:
  - id: reserveEach
    forEach: \${ input.items }
    as: item
    steps:
      - id: reserveOne
        function: inventory.reserve
        input: {items: [\${ item }]}
        compensate:
          function: inventory.release
          input: {reservationId: \${ steps.reserveOne.output.reservationId }}
  - id: child
    workflow: echo
    input: {hello: child}
  - id: giveUp
    fail: {error: ChangedMyMind, message: "the customer cancelled"}
`;

async function deploy(yaml) {
  const deployed = await call('POST', '/workflows', yaml, { 'Content-Type': 'application/yaml' });
  assert.ok([200, 201].includes(deployed.status), JSON.stringify(deployed.body));
  return deployed.body;
}

const INVALID_WORKFLOW = `name: ui-e2e-invalid
steps:
  - id: a
    function: demo.echo
    retry: {maxAttempts: lots}
  - id: 1b
    function:
`;

// ---------- the browser ----------

let browser;
let page;
const pageErrors = [];

async function open(path) {
  await page.goto(BASE + path, { waitUntil: 'domcontentloaded' });
}

async function shoot(name, { fullPage = true } = {}) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // A full-page shot of a scrolled page would draw the sticky top bar mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const state = (nodeId) => page.locator(`[data-node="${nodeId}"]`).getAttribute('data-state');

async function expectState(nodeId, wanted) {
  await page.waitForSelector(`[data-node="${nodeId}"][data-state="${wanted}"]`, { timeout: STEP_TIMEOUT }).catch(async () => {
    assert.fail(`graph node ${nodeId} should be ${wanted}, is ${await state(nodeId)}`);
  });
}

async function expectRunStatus(status) {
  await page.waitForSelector(`.page-header [data-status="${status}"]`, { timeout: STEP_TIMEOUT });
}

const runs = {};

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const health = await fetch(`${BASE}/api/v1/workflows`).catch((e) => assert.fail(`Ordo is not reachable at ${BASE}: ${e.message}`));
  assert.equal(health.status, 200, `GET ${BASE}/api/v1/workflows answered ${health.status}`);

  runs.completed = await startRun('order-fulfillment', order('done'));
  runs.compensated = await startRun('order-fulfillment', order('oos', { items: [{ sku: 'OOS-1', qty: 1 }] }));
  runs.retried = await startRun('order-fulfillment', order('flaky', { email: 'flaky@example.com' }));
  runs.failed = await startRun('order-fulfillment', order('declined', { amount: 20000 }));
  await Promise.all([
    awaitStatus(runs.completed, ['COMPLETED']),
    awaitStatus(runs.compensated, ['COMPENSATED']),
    awaitStatus(runs.retried, ['COMPLETED']),
    awaitStatus(runs.failed, ['FAILED']),
  ]);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
});

after(async () => {
  await browser?.close();
});

describe('the runs list', () => {
  test('shows the new runs, newest first, with their status and counts', async () => {
    await open('/runs');

    await page.waitForSelector(`tr[data-run="${runs.failed}"]`);
    const ids = await page.locator('tr[data-run]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));
    const mine = ids.filter((id) => Object.values(runs).includes(id));
    assert.deepEqual(mine, [runs.failed, runs.retried, runs.compensated, runs.completed], 'newest first');
    assert.equal(await page.locator(`tr[data-run="${runs.compensated}"] [data-status]`).getAttribute('data-status'), 'COMPENSATED');
    assert.match(await page.locator('.status-tab[data-status="ALL"]').innerText(), /All\s*\d+/);
    await shoot('01-runs');
  });

  test('filters by status and by workflow', async () => {
    await open('/runs');
    await page.click('.status-tab[data-status="COMPENSATED"]');

    await page.waitForURL(/status=COMPENSATED/);
    await page.waitForSelector(`tr[data-run="${runs.compensated}"]`);
    const statuses = await page.locator('tr[data-run] [data-status]').evaluateAll((b) => b.map((x) => x.getAttribute('data-status')));
    assert.ok(statuses.every((s) => s === 'COMPENSATED'), `only compensated runs: ${statuses}`);

    await page.selectOption('select[aria-label="Workflow"]', 'order-fulfillment');
    await page.waitForURL(/workflow=order-fulfillment/);
    await page.waitForSelector(`tr[data-run="${runs.compensated}"]`);
    await shoot('02-runs-filtered');
  });

  test('finds a run by its id', async () => {
    await open('/runs');
    await page.fill('input[aria-label="Search by run id"]', runs.retried.slice(0, 13));
    await page.waitForSelector(`tr[data-run="${runs.retried}"]`);
    assert.equal(await page.locator('tr[data-run]').count(), 1);

    await page.fill('input[aria-label="Search by run id"]', runs.retried);
    await page.press('input[aria-label="Search by run id"]', 'Enter');

    await page.waitForURL(`**/runs/${runs.retried}`);
    await expectRunStatus('COMPLETED');
  });
});

describe('a run', () => {
  test('that completed: every step green, one attempt each', async () => {
    await open(`/runs/${runs.completed}`);

    await expectRunStatus('COMPLETED');
    for (const step of ['validatePayment', 'reserveInventory', 'sendConfirmation', 'end']) await expectState(step, 'COMPLETED');
    await expectState('validatePayment.compensate', 'NOT_RUN');
    assert.equal(await page.locator('.step').count(), 3);
    assert.equal(await page.locator('.step .attempt').count(), 3);
    assert.match(await page.locator('[data-testid="json-run output"]').innerText(), /paymentId/);
    await page.waitForSelector('[data-event="RunCompleted"]');
    await shoot('03-run-completed');
  });

  test('that was compensated: the failure, the refund, and the error of the failed attempt', async () => {
    await open(`/runs/${runs.compensated}`);

    await expectRunStatus('COMPENSATED');
    await expectState('validatePayment', 'COMPENSATED');
    await expectState('reserveInventory', 'FAILED');
    await expectState('validatePayment.compensate', 'COMPLETED');
    await expectState('sendConfirmation', 'NOT_RUN');
    const banner = await page.locator('[data-testid="run-error"]').innerText();
    assert.match(banner, /OutOfStock/);
    assert.match(banner, /out of stock: OOS-1/);

    const failed = page.locator('.step[data-step="reserveInventory"] .attempt[data-attempt="1"]');
    assert.match(await failed.innerText(), /OutOfStock/);
    await failed.locator('.attempt-row').click();
    assert.match(await failed.locator('.attempt-detail').innerText(), /"retryable"/);
    await page.waitForSelector('.step[data-step="validatePayment.compensate"]');
    await page.waitForSelector('[data-event="RunCompensated"]');
    await shoot('04-run-compensated');
  });

  test('that was retried: two attempts, the first failed, a backoff between them', async () => {
    await open(`/runs/${runs.retried}`);

    await expectRunStatus('COMPLETED');
    await expectState('sendConfirmation', 'COMPLETED');
    assert.match(await page.locator('[data-node="sendConfirmation"]').textContent(), /×2/);
    const attempts = page.locator('.step[data-step="sendConfirmation"] .attempt');
    assert.equal(await attempts.count(), 2);
    assert.match(await attempts.nth(0).innerText(), /MailServerUnavailable/);
    assert.equal(await attempts.nth(0).locator('[data-status]').getAttribute('data-status'), 'FAILED');
    assert.equal(await attempts.nth(1).locator('[data-status]').getAttribute('data-status'), 'COMPLETED');
    assert.equal(await page.locator('.timeline-row[data-step="sendConfirmation"] [data-kind="backoff"]').count(), 1);
    assert.equal(await page.locator('.timeline-row[data-step="sendConfirmation"] [data-kind="running"]').count(), 2);
    await shoot('05-run-retried');
  });

  test('that failed: retrying it asks first, then runs the failed step again', async () => {
    await open(`/runs/${runs.failed}`);
    await expectRunStatus('FAILED');
    assert.match(await page.locator('[data-testid="run-error"]').innerText(), /CardDeclined/);

    await page.click('button:has-text("Retry run")');
    const dialog = page.locator('[role="dialog"]');
    assert.match(await dialog.innerText(), /resumes from the step that failed \(validatePayment\)/);
    await shoot('06-run-retry-confirm', { fullPage: false });
    await dialog.locator('button:has-text("Retry run")').click();

    await page.waitForSelector('.callout-success:has-text("Retry accepted")');
    // The card is declined again: the page follows the run back to FAILED, now with two attempts.
    await page.waitForSelector('.step[data-step="validatePayment"] .attempt[data-attempt="2"]');
    await expectRunStatus('FAILED');
  });

  test('that waits: cancelling it asks for confirmation, then the page follows it to CANCELLED', async () => {
    const deployed = await call('POST', '/workflows', WAITING_WORKFLOW, { 'Content-Type': 'application/yaml' });
    assert.ok([200, 201].includes(deployed.status), JSON.stringify(deployed.body));
    const runId = await startRun('ui-e2e-wait', {});
    await open(`/runs/${runId}`);

    await expectRunStatus('RUNNING');
    await expectState('prepare', 'COMPLETED');
    await expectState('waitForever', 'RUNNING');
    await page.waitForSelector('.live');
    await shoot('07-run-waiting');

    await page.click('button:has-text("Cancel run")');
    const dialog = page.locator('[role="dialog"]');
    await dialog.locator('textarea').fill('e2e: no worker will ever answer');
    await dialog.locator('button:has-text("Cancel run")').click();

    await page.waitForSelector('.callout-success:has-text("Cancellation accepted")');
    await expectRunStatus('CANCELLED');
    await expectState('prepare.compensate', 'COMPLETED');
    await expectState('waitForever', 'CANCELLED');
    assert.equal(await page.locator('button:has-text("Cancel run")').count(), 0);
    await shoot('08-run-cancelled');
  });
});

describe('a run of the nested workflow language', () => {
  test('that waits for a signal: sending it from the run page lets the run complete', async () => {
    await deploy(SIGNAL_WORKFLOW);
    const runId = await startRun('ui-e2e-signal', {});
    await open(`/runs/${runId}`);

    await expectRunStatus('RUNNING');
    await expectState('prepare', 'COMPLETED');
    await expectState('approve', 'RUNNING');
    await page.waitForSelector('.step[data-step="approve"] .step-waiting:has-text("approval")');
    await shoot('14-run-awaiting-signal');

    await page.click('.page-actions button:has-text("Send signal")');
    const dialog = page.locator('[role="dialog"]');
    assert.equal(await dialog.locator('input[aria-label="Signal name"]').inputValue(), 'approval', 'prefilled with the awaited signal');
    await dialog.locator('textarea[aria-label="Signal payload"]').fill('{approved: true}');
    await dialog.locator('[data-testid="payload-error"]').waitFor();
    assert.match(await dialog.locator('[data-testid="payload-error"]').innerText(), /This is not JSON/);
    await shoot('15-signal-not-json', { fullPage: false });
    await dialog.locator('button:has-text("Send signal")').click();
    assert.equal(await dialog.count(), 1, 'nothing is sent while the payload is not JSON');

    await dialog.locator('textarea[aria-label="Signal payload"]').fill('{"approved": true, "by": "e2e"}');
    await dialog.locator('button:has-text("Send signal")').click();

    await page.waitForSelector('.callout-success:has-text("Signal “approval” delivered")');
    await expectRunStatus('COMPLETED');
    await expectState('approve', 'COMPLETED');
    await expectState('finish', 'COMPLETED');
    assert.match(await page.locator('.step[data-step="approve"]').innerText(), /"by"/);
    assert.equal(await page.locator('.page-actions button:has-text("Send signal")').count(), 0);
    const run = (await call('GET', `/runs/${runId}`)).body;
    assert.deepEqual(run.steps.find((s) => s.stepId === 'approve').output, { approved: true, by: 'e2e' });
    await shoot('16-run-signalled');
  });

  test('with a switch, a parallel of a forEach and a skipped step, and a catch: containers, iterations, progress', async () => {
    await deploy(NESTED_WORKFLOW);
    const items = Array.from({ length: 12 }, (_, i) => ({ sku: `SKU-${i + 1}`, qty: 1 + (i % 3) }));
    const runId = await startRun('ui-e2e-nested', order('nested', { items }));
    await awaitStatus(runId, ['COMPLETED']);
    await open(`/runs/${runId}`);

    await expectRunStatus('COMPLETED');
    await expectState('route', 'COMPLETED');
    await expectState('smallOrder', 'COMPLETED');
    await expectState('bigOrder', 'NOT_RUN');
    await expectState('fulfil', 'COMPLETED');
    await expectState('reserveEach', 'COMPLETED');
    await expectState('notifyWarehouse', 'SKIPPED');
    await expectState('charge', 'RECOVERED');
    await expectState('fallback', 'COMPLETED');
    assert.match(await page.locator('[data-node="reserveEach"]').textContent(), /12\/12 done/);
    assert.match(await page.locator('[data-node="reserveOne"]').textContent(), /×12/);
    assert.equal(await page.locator('[data-group="fulfil"]').count(), 1);

    const each = page.locator('.step[data-step="reserveEach"]');
    assert.equal(await each.locator('[data-iteration]').count(), 12);
    assert.equal(await page.locator('.step[data-step="notifyWarehouse"] [data-status="SKIPPED"]').count(), 1);
    assert.match(await page.locator('.step[data-step="charge"]').innerText(), /Recovered by its catch from\s+CardDeclined/);
    // Twelve iterations fold into the forEach's row of the timeline until asked for.
    assert.equal(await page.locator('.timeline .row-iteration').count(), 0);
    await page.click('.timeline button[aria-label^="Show the 12 iterations"]');
    assert.equal(await page.locator('.timeline .row-iteration').count(), 12);
    await shoot('17-run-nested');

    await open('/workflows/ui-e2e-nested');
    await page.waitForSelector('.graph [data-node="reserveOne"]');
    await shoot('18-workflow-nested');
  });

  test('that failed after a forEach and a child run: every iteration undone, the child run linked both ways', async () => {
    await deploy(UNDO_WORKFLOW);
    const runId = await startRun('ui-e2e-undo', { items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }, { sku: 'C', qty: 1 }] });
    await awaitStatus(runId, ['COMPENSATED']);
    await open(`/runs/${runId}`);

    await expectRunStatus('COMPENSATED');
    await expectState('reserveOne', 'COMPENSATED');
    await expectState('reserveOne.compensate', 'COMPLETED');
    await expectState('giveUp', 'FAILED');
    assert.match(await page.locator('[data-node="reserveOne.compensate"]').textContent(), /×3/);
    assert.equal(await page.locator('.step.compensation').count(), 4);
    await shoot('19-run-nested-compensated');

    const child = page.locator('.step[data-step="child"] a[href^="/runs/"]').first();
    const childId = (await child.getAttribute('href')).replace('/runs/', '');
    await child.click();
    await page.waitForURL(`**/runs/${childId}`);
    await expectRunStatus('COMPLETED');
    await page.click('[data-testid="parent-run"]');
    await page.waitForURL(`**/runs/${runId}`);
    await expectRunStatus('COMPENSATED');
  });
});

describe('workflows', () => {
  test('deploying invalid YAML shows every error at its line', async () => {
    await open('/deploy');
    await page.fill('textarea[aria-label="Workflow YAML"]', INVALID_WORKFLOW);
    await page.click('.page-actions button:has-text("Deploy")');

    await page.waitForSelector('.error-list');
    const items = page.locator('.error-item');
    assert.equal(await items.count(), 3);
    assert.match(await items.nth(0).innerText(), /Ln 5:\d+[\s\S]*maxAttempts/);
    assert.match(await items.nth(1).innerText(), /Ln 6:\d+[\s\S]*1b/);
    assert.match(await items.nth(2).innerText(), /Ln 7:\d+[\s\S]*function/);
    const marked = await page.locator('.editor-num.has-error').allInnerTexts();
    assert.deepEqual(marked, ['5', '6', '7']);
    await items.nth(1).locator('button').click();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Workflow YAML');
    await shoot('09-deploy-errors');
  });

  test('deploying valid YAML links to the new version, shown beside its diagram', async () => {
    await open('/deploy');
    await page.fill('textarea[aria-label="Workflow YAML"]', WAITING_WORKFLOW);
    await page.click('.page-actions button:has-text("Deploy")');

    await page.waitForSelector('[data-testid="deploy-success"]');
    await page.click('[data-testid="deploy-success"] a');
    await page.waitForURL(/\/workflows\/ui-e2e-wait\/versions\/\d+/);
    await page.waitForSelector('.code-line .y-key');
    assert.equal(await page.locator('[data-node="waitForever"]').count(), 1);
  });

  test('the list and one workflow: versions, highlighted YAML and the diagram', async () => {
    await open('/workflows');
    await page.waitForSelector('tr[data-workflow="order-fulfillment"]');
    await shoot('10-workflows');

    await page.click('tr[data-workflow="order-fulfillment"] a');
    await page.waitForURL(/\/workflows\/order-fulfillment$/);
    await page.waitForSelector('.code-line .y-expr');
    assert.equal(await page.locator('.graph [data-node="validatePayment.compensate"]').count(), 1);
    await shoot('11-workflow');

    // A reload of a client-side route still opens the page.
    await page.reload();
    await page.waitForSelector('.code-line .y-expr');
  });

  test('starting a run from a workflow checks its input, then opens the new run', async () => {
    await open('/workflows/order-fulfillment');
    await page.click('button:has-text("Start run")');
    const dialog = page.locator('[role="dialog"]');

    await dialog.locator('textarea[aria-label="Run input"]').fill('{"orderId": "only this"}');
    await dialog.locator('button:has-text("Start run")').click();
    await dialog.locator('[role="alert"]').waitFor();
    assert.match(await dialog.locator('[role="alert"]').innerText(), /Could not start the run/);
    await shoot('12-start-run-invalid', { fullPage: false });

    await dialog.locator('textarea[aria-label="Run input"]').fill(JSON.stringify(order('from-ui')));
    await dialog.locator('button:has-text("Start run")').click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expectRunStatus('COMPLETED');
  });
});

describe('functions', () => {
  test('shows per-function metrics, or an empty state where the server has none', async () => {
    await open('/functions');

    await page.waitForSelector('tr[data-function], .empty');
    if (await page.locator('tr[data-function]').count()) {
      const row = await page.locator('tr[data-function="payments.validate"]').innerText();
      assert.match(row, /payments\.validate/);
    }
    await shoot('13-functions');
  });
});

describe('the whole session', () => {
  test('raised no error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
