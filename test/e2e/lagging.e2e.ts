import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { bulletin as coreBulletin, bulletinPage, gradeSummary, laggingReport } from '../../src/core/index.ts';
import { test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle } from './map-page.ts';

const engine = luchengEngine();

/** The street ranking as the page shows it: [code, score, lagging] in the drawn order. */
function shownRanking(page: Page) {
  return page.$$eval('[data-testid="street-ranking"] [data-street-code]', (nodes) => nodes.map((node) => [node.getAttribute('data-street-code'), Number(node.getAttribute('data-score')), node.getAttribute('data-lagging') === 'true']));
}

/** The same from the core (what `lianpian report` prints). */
function coreRanking(asOf?: string) {
  return laggingReport(engine.dataset, { asOf: asOf ?? null }).streets.map((street) => [street.code, street.score, street.lagging]);
}

test('the 落后分析 view opens from its control and ranks the streets as the core does', async ({ app }) => {
  await app.open();
  const { page } = app;
  await page.getByTestId('view-lagging').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('view=lagging');
  await expect.poll(() => shownRanking(page)).toEqual(coreRanking());
  const ranking = await shownRanking(page);
  expect(ranking).toHaveLength(14);
  // The three streets furthest behind are lagging, with their reasons in the summary on click.
  expect(ranking.slice(0, 3).every((row) => row[2] === true)).toBe(true);
  // Issue 20: the map shows the grades 红黄绿, not one red for 164 of 171 communities.
  await expect(page.getByTestId('legend').getAttribute('data-layer')).resolves.toBe('grade');
  const summary = gradeSummary(laggingReport(engine.dataset), engine.dataset.config);
  expect(summary.redLights).toBe(164);
  await expect(page.getByTestId('grade-count-red').innerText()).resolves.toBe(String(summary.communities.red));
  await expect(page.getByTestId('grade-count-yellow').innerText()).resolves.toBe(String(summary.communities.yellow));
  await expect(page.getByTestId('grade-count-green').innerText()).resolves.toBe(String(summary.communities.green));
  await expect(page.getByTestId('grade-split').innerText()).resolves.toContain(`164 个亮红灯（任一落后规则未达标）中：红 ${summary.redLightsRed} 个、黄 ${summary.redLightsYellow} 个`);
  await expect(page.getByTestId('grade-summary').innerText()).resolves.toMatch(/红（严重落后）\s*\d+ 个/);
  // The legend counts the same, and says which rule each colour counts.
  const legendCounts = await page.locator('[data-testid="legend"] > ul:first-of-type .legend-count').allInnerTexts();
  expect(legendCounts.map(Number)).toEqual([summary.communities.red, summary.communities.yellow, summary.communities.green]);
  await expect(page.getByTestId('legend').innerText()).resolves.toContain('红：低分（< 75 分）、3 次无提升或红色督办');
  // Each street bar carries its grade, as the core grades it.
  await expect.poll(() => page.$$eval('[data-testid="street-ranking"] [data-street-code]', (nodes) => nodes.map((node) => node.getAttribute('data-grade')))).toEqual(laggingReport(engine.dataset).streets.map((street) => street.grade));
  // 马鞍池 is in the bottom list of its street with both reasons.
  const maanchi = engine.codeOf('马鞍池社区');
  await page.locator(`[data-street-code="${engine.dataset.boundaries.features[engine.indexOf('马鞍池社区')]!.streetCode}"]`).click();
  const row = page.locator(`[data-testid="community-bottom"] li[data-code="${maanchi}"]`);
  await expect(row.innerText()).resolves.toContain('检查得分 67 < 75');
  await expect(row.innerText()).resolves.toContain('经费使用 18% < 30%');
  await waitForMapIdle(page);
  await app.screenshot('lagging-1600');
});

test('clicking a street bar selects it on the map and in the link, and a link with street= selects the bar', async ({ app }) => {
  await app.open('#view=lagging');
  const { page } = app;
  // Hovering a bar outlines its street on the map (dashed); 大南 (马鞍池's street) is in the first view.
  const central = engine.dataset.boundaries.features[engine.indexOf('马鞍池社区')]!.streetCode;
  await page.locator(`[data-testid="street-ranking"] [data-street-code="${central}"]`).hover();
  await waitForMapIdle(page);
  await expect.poll(() => page.evaluate(() => [...new Set(window.lianpian!.map!.queryRenderedFeatures({ layers: ['street-hovered'] }).map((feature) => String(feature.properties.code)))])).toEqual([central]);

  const worst = coreRanking()[0]![0] as string;
  await page.locator(`[data-testid="street-ranking"] [data-street-code="${worst}"]`).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`street=${worst}`);
  await waitForMapIdle(page);
  const outlined = await page.evaluate(() => window.lianpian!.map!.queryRenderedFeatures({ layers: ['street-selected'] }).map((feature) => String(feature.properties.code)));
  expect(outlined.length).toBeGreaterThan(0);
  expect(new Set(outlined)).toEqual(new Set([worst]));
  await expect(page.getByTestId('street-summary').getAttribute('data-street-code')).resolves.toBe(worst);
  await expect(page.getByTestId('street-reasons').innerText()).resolves.toMatch(/^平均得分 [\d.]+ < 75/);

  // The reverse: a link names a street, the bar is marked selected.
  const other = coreRanking()[5]![0] as string;
  await app.open(`#view=lagging&street=${other}`);
  await expect(page.locator(`[data-testid="street-ranking"] [data-street-code="${other}"]`).getAttribute('aria-pressed')).resolves.toBe('true');
  await expect(page.getByTestId('street-summary').getAttribute('data-street-code')).resolves.toBe(other);
  // Clicking the selected street again clears it.
  await page.locator(`[data-testid="street-ranking"] [data-street-code="${other}"]`).click();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('street=');
});

test('moving the as-of slider changes the ranking, the trend and the link as the core says', async ({ app }) => {
  await app.open('#view=lagging');
  const { page } = app;
  const rounds = laggingReport(engine.dataset).rounds;
  const slider = page.getByTestId('asof-slider');
  // Back to the round of the first monthly check (all communities scored once).
  const monthly = rounds.find((round) => round.kinds.includes('monthly'))!;
  await slider.fill(String(monthly.index));
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`asof=${monthly.date}`);
  await expect.poll(() => shownRanking(page)).toEqual(coreRanking(monthly.date));
  expect(await shownRanking(page)).not.toEqual(coreRanking());
  await expect(page.getByTestId('trend-chart').getAttribute('data-rounds')).resolves.toBe(String(monthly.index + 1));
  // The map's grade layer follows the round: as many red communities as the core says.
  const then = laggingReport(engine.dataset, { asOf: monthly.date }).grades.communities;
  expect(then.red).not.toBe(laggingReport(engine.dataset).grades.communities.red);
  await expect.poll(() => page.locator('[data-testid="legend"] li').first().locator('.legend-count').innerText()).toBe(String(then.red));
  await expect(page.getByTestId('grade-count-red').innerText()).resolves.toBe(String(then.red));
  await waitForMapIdle(page);
  await app.screenshot('lagging-asof-first-monthly');
  // Back to the latest round: the asof parameter leaves the link.
  await slider.fill(String(rounds.length - 1));
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('asof=');
  await expect.poll(() => shownRanking(page)).toEqual(coreRanking());
});

test('hovering a community on the map shows its name, score and reasons; the bulletin opens as a printable page', async ({ app }) => {
  await app.open('#view=lagging');
  const { page } = app;
  const index = engine.indexOf('马鞍池社区');
  const [lon, lat] = engine.labelPoint(index);
  await page.evaluate(([x, y]) => window.lianpian!.map!.jumpTo({ center: [x, y], zoom: 13 }), [lon, lat] as [number, number]);
  await waitForMapIdle(page);
  const point = await page.evaluate(([x, y]) => window.lianpian!.map!.project([x, y]), [lon, lat] as [number, number]);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.move(box.x + point.x, box.y + point.y);
  const tooltip = page.getByTestId('map-tooltip');
  await expect.poll(() => tooltip.getAttribute('data-code')).toBe(engine.codeOf('马鞍池社区'));
  await expect(tooltip.innerText()).resolves.toContain('经费使用 18% < 30%');
  await app.screenshot('lagging-tooltip');

  await page.getByTestId('bulletin-open').click();
  const bulletin = page.getByTestId('bulletin-page');
  await expect(bulletin.innerText()).resolves.toContain('一、街道排名');
  const worst = coreBulletin(engine.dataset).rows.find((row) => row.section === 'lagging')!;
  await expect(bulletin.innerText()).resolves.toContain(worst.name);
  await expect(page.getByTestId('bulletin-total').innerText()).resolves.toMatch(/个亮红灯（任一落后规则未达标/);
  const grades = bulletinPage(coreBulletin(engine.dataset), engine.dataset.config).grades;
  await expect(page.getByTestId('bulletin-grades').innerText()).resolves.toBe(grades);
  expect(grades).toMatch(/^分级：红 \d+ 个、黄 \d+ 个、绿 \d+ 个（红：任一：低分/);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root').isVisible()).resolves.toBe(false);
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi, for the picture of the printed page
  await app.screenshot('bulletin-print');
  await page.setViewportSize({ width: 1600, height: 900 });
  // Issue 16: the bulletin printed 10 A4 pages (all 164 red lights); it is one page, the full list is the CSV.
  const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });
  const download = page.waitForEvent('download');
  await page.getByTestId('bulletin-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('通报-2002-05-24.csv');
  // Any half-month: the first half of May, compared with the second half of April.
  await page.getByTestId('bulletin-period').selectOption('2002-05-1');
  await expect.poll(() => page.getByTestId('bulletin-page').getByRole('heading', { level: 1 }).innerText()).toBe('鹿城区精品示范社区创建 半月通报（2002年5月上半月）');
  await expect(page.getByTestId('bulletin-page').innerText()).resolves.toContain('截至 2002年5月15日，与 2002年4月30日 比较');
  // Esc closes the dialog.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('bulletin-dialog').count()).toBe(0);
});

test('on a 390 px phone the bulletin dialog is as wide as the screen, not 822 px (issue 16)', async ({ app }) => {
  await app.page.setViewportSize({ width: 390, height: 844 });
  await app.open('#view=lagging');
  const { page } = app;
  // The tabs name what they show: 街道排名 holds the ranking, 原因与社区 the reasons (they were swapped).
  await page.getByRole('tab', { name: '原因与社区' }).click();
  await expect(page.getByTestId('street-ranking').isVisible()).resolves.toBe(false);
  await page.getByRole('tab', { name: '趋势与清单' }).click();
  await expect(page.getByTestId('trend-chart').isVisible()).resolves.toBe(true);
  const charts = await page.evaluate(() => {
    const row = document.querySelector<HTMLElement>('.lagging-charts')!;
    return { scrollWidth: row.scrollWidth, clientWidth: row.clientWidth, page: document.documentElement.scrollWidth };
  });
  expect(charts.scrollWidth).toBeLessThanOrEqual(charts.clientWidth);
  expect(charts.page).toBeLessThanOrEqual(390);
  await page.getByRole('tab', { name: '街道排名' }).click();
  await expect(page.getByTestId('street-ranking').isVisible()).resolves.toBe(true);
  await app.screenshot('lagging-phone-390');
  await page.getByTestId('bulletin-open').click();
  await expect.poll(() => page.getByTestId('bulletin-page').count()).toBe(1);
  const widths = await page.evaluate(() => {
    const dialog = document.querySelector<HTMLElement>('[data-testid="bulletin-dialog"]')!;
    return { dialog: dialog.scrollWidth, page: document.querySelector<HTMLElement>('[data-testid="bulletin-page"]')!.getBoundingClientRect().width, document: document.documentElement.scrollWidth };
  });
  expect(widths.dialog).toBeLessThanOrEqual(390);
  expect(widths.page).toBeLessThanOrEqual(390);
  expect(widths.document).toBeLessThanOrEqual(390);
});

test('on a 768×1024 tablet the 落后分析 tabs show what they name and nothing scrolls sideways (issue 16)', async ({ app }) => {
  await app.page.setViewportSize({ width: 768, height: 1024 });
  await app.open('#view=lagging');
  const { page } = app;
  await page.getByRole('tab', { name: '街道排名' }).click();
  await expect(page.getByTestId('street-ranking').isVisible()).resolves.toBe(true);
  await page.getByRole('tab', { name: '趋势与清单' }).click();
  await expect(page.getByTestId('trend-chart').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('street-ranking').isVisible()).resolves.toBe(false);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, charts: document.querySelector<HTMLElement>('.lagging-charts')!.scrollWidth }));
  expect(widths.page).toBeLessThanOrEqual(768);
  expect(widths.charts).toBeLessThanOrEqual(768);
  await app.screenshot('lagging-tablet-768');
});

test('the 落后分析 charts are readable on a desktop: no chart text under 11 px, scores clear of the dashed line, every street in the budget chart, the timeline ending at the next deadline (issue 16)', async ({ app }) => {
  await app.open('#view=lagging');
  const { page } = app;
  await expect.poll(() => page.getByTestId('timeline-chart').count()).toBe(1);
  // Rendered size of every chart text: its font size times the SVG's scale on screen.
  const sizes = await page.$$eval('.lagging-side svg text, .lagging-charts svg text, .gauges svg text', (texts) =>
    texts.filter((text) => (text.textContent ?? '').trim() !== '').map((text) => {
      const matrix = (text as SVGTextElement).getScreenCTM()!;
      return { text: text.textContent, px: Number.parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b) };
    }),
  );
  expect(sizes.length).toBeGreaterThan(40);
  expect(sizes.filter((size) => size.px < 11)).toEqual([]);
  // The score labels of the street ranking stay right of the dashed lagging line.
  const crossing = await page.evaluate(() => {
    const line = document.querySelector('[data-testid="street-ranking"] .threshold line')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="street-ranking"] .value')].filter((label) => {
      const box = label.getBoundingClientRect();
      return box.left <= line.right && box.right >= line.left;
    }).length;
  });
  expect(crossing).toBe(0);
  const report = laggingReport(engine.dataset);
  await expect(page.locator('[data-testid="budget-chart"] .axis-label').count()).resolves.toBe(report.streets.length);
  // The street names under the budget bars do not overlap one another.
  const names = await page.$$eval('[data-testid="budget-chart"] .axis-label', (labels) => labels.map((label) => label.getBoundingClientRect()).map((box) => [box.left, box.right]));
  // (Boxes of upright text include the em box around the glyphs: 2 px of it may touch.)
  for (let i = 1; i < names.length; i++) expect(names[i]![0]!).toBeGreaterThanOrEqual(names[i - 1]![1]! - 2);
  // Row labels of the timeline do not overlap one another.
  const rows = await page.$$eval('[data-testid="timeline-chart"] .row-label', (labels) => labels.map((label) => label.getBoundingClientRect()).map((box) => [box.top, box.bottom]));
  for (let i = 1; i < rows.length; i++) expect(rows[i]![0]!).toBeGreaterThanOrEqual(rows[i - 1]![1]! - 0.5);
  // The axis ends at the next deadline; the later one is named under the chart.
  const later = report.timeline.events.filter((event) => event.kind === 'deadline' && report.timeline.next !== null && event.date > report.timeline.next.date);
  if (later.length > 0) await expect(page.getByTestId('timeline-later').innerText()).resolves.toContain(later[0]!.label);
  await expect(page.getByTestId('trend-monthly-start').count()).resolves.toBe(1);
  await app.screenshot('lagging-charts-1600');
});

test('the 落后分析 view fits 1920×1080 and 1280×720', async ({ app }) => {
  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    await app.page.setViewportSize({ width, height });
    await app.open('#view=lagging');
    await expect.poll(() => shownRanking(app.page)).toEqual(coreRanking());
    await waitForMapIdle(app.page);
    await app.screenshot(`lagging-${width}x${height}`);
  }
});
