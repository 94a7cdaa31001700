// The web page in headless Chromium (playwright-core driving Debian's chromium), served from a
// local static server: each seed, the failing sample, a Word file and a PDF are opened through the
// page's file chooser; the cells drawn must equal the JSON of `gov-report check --json` on the
// same file; the failing sample must list the requests.balance error, and clicking it must mark
// its cells; several files at once give a list with a status each; once the page has loaded, the
// network is switched off and no request may leave the page. Screenshots go to docs/screenshots.
//
// usage: node web/tests/browser.mjs [--gov-report-serve]
//   (after web/build.sh and cargo build --release -p report-cli; the page is served by a plain
//   static server of web/, or with --gov-report-serve by `gov-report serve`, from the binary;
//   env: CHROMIUM=/usr/bin/chromium, GOV_REPORT=target/release/gov-report, SCREENSHOTS=docs/screenshots)
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const web = path.join(root, 'web');
const govReport = process.env.GOV_REPORT || path.join(root, 'target', 'release', 'gov-report');
const shots = process.env.SCREENSHOTS || path.join(root, 'docs', 'screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

let failures = 0;
function check(ok, what) {
  if (ok) {
    console.log(`ok   ${what}`);
  } else {
    failures += 1;
    console.log(`FAIL ${what}`);
  }
}

// a static server of web/ on a free port of localhost
function serve() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const file = path.normalize(path.join(web, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!file.startsWith(web) || file.includes('node_modules')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function cliJson(file) {
  let out;
  try {
    out = execFileSync(govReport, ['check', '--json', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    out = e.stdout; // exit 1 or 2: a finding or an unreadable file
  }
  return JSON.parse(out.trim().split('\n')[0]);
}

// the cells the page draws: address -> { kind, text }
async function drawnCells(page) {
  return page.$$eval('td[data-address]', (tds) =>
    Object.fromEntries(tds.map((td) => [td.dataset.address, { kind: td.dataset.kind, text: td.textContent }])));
}

async function openFiles(page, files) {
  const before = await page.$$eval('#file-list li', (l) => l.length);
  await page.setInputFiles('input[type=file]', files);
  await page.waitForFunction(
    ([n]) => {
      const items = [...document.querySelectorAll('#file-list li')];
      return items.length === n && items.every((li) => li.dataset.status !== 'working');
    },
    [before + files.length],
  );
}

async function selectFile(page, name) {
  const index = await page.$$eval('#file-list li .name', (names, n) => names.findIndex((x) => x.textContent === n), name);
  await page.click(`#file-list button[data-index="${index}"]`);
  await page.waitForFunction((n) => document.querySelector('#result-title').textContent === n, name);
}

function compare(name, drawn, json) {
  const cells = json.cells;
  let wrong = 0;
  for (const [address, cell] of Object.entries(cells)) {
    const d = drawn[address];
    if (!d || d.kind !== cell.kind || d.text !== (cell.value ?? '')) {
      wrong += 1;
      if (wrong <= 5) console.log(`     ${address}: drawn ${JSON.stringify(d)}, JSON ${JSON.stringify(cell)}`);
    }
  }
  for (const [address, d] of Object.entries(drawn)) {
    if (!cells[address] && d.kind !== 'missing') {
      wrong += 1;
      if (wrong <= 5) console.log(`     ${address}: drawn ${JSON.stringify(d)}, not in the JSON`);
    }
  }
  check(wrong === 0 && Object.keys(cells).length > 0,
    `${name}: ${Object.keys(cells).length} cells drawn as gov-report reads them (${wrong} differ)`);
}

async function main() {
  for (const f of ['pkg/report_wasm_bg.wasm', 'pkg-pdf/report_wasm_bg.wasm']) {
    if (!existsSync(path.join(web, f))) throw new Error(`web/${f} missing: run web/build.sh first`);
  }
  let origin;
  let server;
  if (process.argv.includes('--gov-report-serve')) {
    server = spawn(govReport, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    origin = await new Promise((resolve, reject) => {
      server.stdout.once('data', (d) => resolve(d.toString().split('\n')[0].replace(/\/$/, '')));
      server.once('exit', (code) => reject(new Error(`gov-report serve exited with ${code}`)));
    });
    server.close = () => server.kill();
    console.log(`served by gov-report serve at ${origin}`);
  } else {
    server = await serve();
    origin = `http://127.0.0.1:${server.address().port}`;
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const outside = [];
  const late = [];
  let loaded = false;
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    if (loaded) late.push(url);
  });
  page.on('pageerror', (e) => check(false, `no error in the page: ${e}`));
  // file choosers are intercepted from the start: turned on only when awaited, the interception
  // could come after the key press that opens one
  const choosers = [];
  page.on('filechooser', (c) => choosers.push(c));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.pdfReady === 'true');
  // loaded: from here on the page works with the network off
  loaded = true;
  await context.setOffline(true);
  check(await page.$$eval('input[type=file]', (l) => l.length) === 1, 'the page has one file chooser');
  // keyboard: Tab reaches the drop zone, and Enter there opens the file chooser
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'drop',
    'the first Tab reaches the drop zone');
  await page.keyboard.press('Enter');
  for (let k = 0; k < 50 && !choosers.length; k++) await page.waitForTimeout(100);
  check(choosers.length === 1 && choosers[0].isMultiple(), 'Enter on it opens the file chooser (several files allowed)');

  // the seeds, the failing sample, a Word file and a PDF, one at a time
  const parse = path.join(root, 'testdata', 'parse');
  const { readdirSync } = await import('node:fs');
  const seedDirs = readdirSync(parse).filter((d) => /^seed-00\d-/.test(d)).sort();
  check(seedDirs.length === 5, `five seeds bundled (${seedDirs.length})`);
  const inputs = [
    ...seedDirs.map((d) => ({ file: path.join(parse, d, 'input.txt'), name: `${d}.txt` })),
    { file: path.join(root, 'examples', 'data', 'failing.txt'), name: 'failing.txt' },
    { file: path.join(root, 'testdata', 'docx', 'office-2019.docx'), name: 'office-2019.docx' },
    { file: path.join(root, 'testdata', 'pdf', 'seeds', '003.pdf'), name: 'seed-003.pdf' },
  ];
  for (const input of inputs) {
    const buffer = await readFile(input.file);
    await openFiles(page, [{ name: input.name, mimeType: 'application/octet-stream', buffer }]);
    await selectFile(page, input.name);
    compare(input.name, await drawnCells(page), cliJson(input.file));
    const counts = await page.$$eval('.read-count', (l) => l.map((s) => `${s.dataset.read}/${s.dataset.total}`));
    check(counts.length === 3, `${input.name}: "N of M cells read" for each table (${counts.join(', ')})`);
    if (input.name.startsWith('seed-003') && input.name.endsWith('.txt')) {
      await mkdir(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'seed.png'), fullPage: true });
    }
    if (input.name === 'failing.txt') {
      const json = cliJson(input.file);
      const balance = json.findings.find((f) => f.rule === 'requests.balance');
      check(balance && balance.severity === 'error', 'gov-report finds the requests.balance error in the failing sample');
      const button = page.locator('.finding[data-rule="requests.balance"]');
      check(await button.count() === 1, 'the failing sample lists the requests.balance error');
      check(await page.$eval('.finding[data-rule="requests.balance"]', (b) => b.closest('.severity-group').dataset.severity) === 'error',
        'listed among the errors');
      await button.click();
      const marked = await page.$$eval('td.hl', (l) => l.map((td) => td.dataset.address));
      check(balance && marked.length > 0 && balance.cells.every((a) => marked.includes(a)),
        `clicking it marks its cells (${marked.join(', ')})`);
      check(await page.$$eval('#source-text li.hl', (l) => l.map((li) => li.id)).then((ids) => ids.includes(`line-${balance.line}`)),
        `and its line in the source (${balance.line})`);
      await page.screenshot({ path: path.join(shots, 'failing-cells.png'), fullPage: false });
      // the same from the keyboard: focus the finding, press Enter
      await page.evaluate(() => document.querySelectorAll('.hl').forEach((n) => n.classList.remove('hl')));
      await page.focus('.finding[data-rule="requests.balance"]');
      await page.keyboard.press('Enter');
      const again = await page.$$eval('td.hl', (l) => l.length);
      check(again === marked.length, `Enter on the focused finding marks them too (${again})`);
      await page.$eval('#result-title', (h) => h.scrollIntoView());
      await page.screenshot({ path: path.join(shots, 'failing.png'), fullPage: false });
    }
  }

  // several files at once: one entry each, with a status
  const several = [
    path.join(root, 'examples', 'data', 'sample.txt'),
    path.join(root, 'examples', 'data', 'failing.txt'),
    path.join(root, 'testdata', 'formats', 'report.doc'),
    path.join(root, 'testdata', 'formats', 'scanned.pdf'),
    path.join(root, 'testdata', 'pdf', 'office-2021.pdf'),
  ];
  const before = await page.$$eval('#file-list li', (l) => l.length);
  await page.setInputFiles('input[type=file]', await Promise.all(several.map(async (f) => ({
    name: path.basename(f), mimeType: 'application/octet-stream', buffer: await readFile(f),
  }))));
  await page.waitForFunction((n) => {
    const items = [...document.querySelectorAll('#file-list li')];
    return items.length === n && items.every((li) => li.dataset.status !== 'working');
  }, before + several.length);
  const statuses = await page.$$eval('#file-list li', (l) => l.map((li) => li.dataset.status));
  const added = statuses.slice(before);
  // each as gov-report judges it: unreadable, an error, a warning, or nothing found
  const expected = several.map((f) => {
    const json = cliJson(f);
    if (json.error) return 'unreadable';
    const has = (s) => json.findings.some((x) => x.severity === s);
    return has('error') ? 'error' : has('warning') ? 'warning' : 'ok';
  });
  check(added.join(',') === expected.join(','), `several files: a status each (${added.join(', ')}; gov-report: ${expected.join(', ')})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'files.png'), fullPage: false });

  // how long reading and checking took in the page (printed, not asserted: timings are measured,
  // not tested; the WebAssembly is warm after the first file)
  const times = await page.$$eval('#file-list li', (l) => l.map((li) => [li.querySelector('.name').textContent, li.dataset.bytes, li.dataset.ms]));
  for (const [name, bytes, ms] of times) console.log(`     ${name}: ${bytes} bytes, ${ms} ms`);

  check(outside.length === 0, `no request to anywhere but the page's own server (${outside.join(' ')})`);
  check(late.length === 0, `no request at all once the page had loaded (${late.join(' ')})`);
  await browser.close();
  server.close();
  console.log(failures ? `${failures} failed` : 'all passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
