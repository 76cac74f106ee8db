// Takes screenshots of the main states for a person to look at:
//   node scripts/screenshots.mjs [out-dir]   (after `./scripts/build`)
import { mkdir, readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, selectText, startImport } from '../tests/e2e/harness.mjs';
import { generateArticle, generateExport } from '../bench/generate.mjs';

const out = process.argv[2] ?? 'target/screenshots';
await mkdir(out, { recursive: true });
const served = await serveDist();
const browser = await launch();

async function tagSample(page) {
  await page.getByRole('button', { name: 'Try a sample article' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  const tags = [
    ['claim', 'Washington and Baghdad will begin discussions expected to lead to a timeline to reduce the presence of troops from the US-led coalition fighting the Islamic State group'],
    ['source', 'Iraq said Thursday'],
    ['quote', 'timeline'],
    
  ];
  for (const [label, text] of tags) {
    try {
      await selectText(page, text);
      await page.getByRole('button', { name: label[0].toUpperCase() + label.slice(1), exact: true }).click();
    } catch (error) {
      console.warn(`could not tag ${text}: ${error.message}`);
    }
  }
}

/// Loads a two-sentence story and tags `spans`, each [text, label button].
async function tagStory(page, spans) {
  await page.getByRole('textbox', { name: 'Article text' }).fill(
    'Lloyd Austin said the attacks "need to stop", a senior US defence official added.\n'
    + "Iraq's foreign ministry said talks would begin on a timeline for the coalition.");
  await page.getByRole('button', { name: 'Load text' }).click();
  for (const [text, label] of spans) {
    await selectText(page, text);
    await page.getByRole('button', { name: label, exact: true }).click();
  }
}

for (const colorScheme of ['light', 'dark']) {
  const { page, context } = await openApp(browser, served.url, { colorScheme });
  await page.screenshot({ path: `${out}/empty-${colorScheme}.png` });
  await tagSample(page);
  await page.locator('mark').first().click();
  await page.screenshot({ path: `${out}/tagged-${colorScheme}.png` });
  await context.close();
}

{
  const { page, context } = await openApp(browser, served.url);
  await tagSample(page);
  await page.getByLabel('Import JSON', { exact: true }).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
  await page.getByRole('alert').waitFor();
  await page.waitForTimeout(400); // let the message finish appearing
  await page.screenshot({ path: `${out}/import-error.png` });
  await page.getByRole('list', { name: 'Documents' }).getByRole('button', { name: 'Delete' }).first().click();
  await page.screenshot({ path: `${out}/confirm-delete.png` });
  await context.close();
}

// Attribution: a quote linked to its source through a cue, its details, linking mode.
for (const colorScheme of ['light', 'dark']) {
  const { page, context } = await openApp(browser, served.url, { colorScheme });
  await tagStory(page, [['Lloyd Austin', 'Source'], ['said', 'Cue'], ['"need to stop"', 'Quote'],
    ['a senior US defence official', 'Source'], ["Iraq's foreign ministry", 'Source'], ['talks would begin', 'Claim']]);
  await page.locator('mark[data-label="quote"]').click();
  await page.getByRole('button', { name: 'Link to a source' }).click();
  await page.locator('mark[data-label="cue"]').click();
  await page.screenshot({ path: `${out}/linking-${colorScheme}.png` });
  await page.locator('mark[data-label="source"]').first().click();
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('direct');
  await page.locator('mark[data-label="quote"]').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/details-${colorScheme}.png` });
  await context.close();
}

{
  const { page, context } = await openApp(browser, served.url, { viewport: { width: 420, height: 900 } });
  await tagSample(page);
  await page.screenshot({ path: `${out}/narrow.png`, fullPage: false });
  await context.close();
}

// The label settings, with a label added and one recoloured.
for (const colorScheme of ['light', 'dark']) {
  const { page, context } = await openApp(browser, served.url, { colorScheme });
  await tagSample(page);
  await page.getByRole('button', { name: 'Labels…' }).click();
  await page.getByLabel('New label name').fill('Statistic');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByRole('radiogroup', { name: 'Colour of Claim' }).getByRole('radio', { name: 'red' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/settings-${colorScheme}.png`, fullPage: true });
  await context.close();
}

// Editing: handles on the selected highlight, the chooser where highlights
// overlap, and the list grouped by source.
for (const colorScheme of ['light', 'dark']) {
  const { page, context } = await openApp(browser, served.url, { colorScheme });
  await tagStory(page, [['Lloyd Austin', 'Source'], ['said', 'Cue'], ['"need to stop"', 'Quote'],
    ["Iraq's foreign ministry", 'Source'], ['foreign ministry said talks would begin', 'Claim'], ['timeline', 'Quote']]);
  await page.locator('mark[data-label="quote"]').first().click();
  await page.getByRole('button', { name: 'Link to a source' }).click();
  await page.locator('mark[data-label="source"]').first().click();
  await page.getByRole('button', { name: 'Group by source' }).click();
  const mark = page.locator('mark[data-label="source"]').nth(1);
  const box = await mark.boundingBox();
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height / 2);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/editing-${colorScheme}.png` });
  await context.close();
}

// Export as…: the menu of formats.
{
  const { page, context } = await openApp(browser, served.url);
  await tagSample(page);
  await page.getByRole('button', { name: 'Export as…' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/export-menu.png` });
  await context.close();
}

// A long article: 200,000 characters, 2,000 annotations, 1,000 links, list grouped
// by source, an annotation selected deep in the text.
for (const colorScheme of ['light', 'dark']) {
  const { page, context } = await openApp(browser, served.url, { colorScheme });
  const { json } = generateExport(generateArticle(200_000), 2000, 11, { links: 1000 });
  await startImport(page, json, 'long.json');
  await page.locator('[aria-label="Article"] mark').first().waitFor({ timeout: 60000 });
  await page.getByRole('button', { name: 'Group by source' }).click();
  await page.locator('[aria-label="Article"] mark[data-label="quote"]').nth(40).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/long-${colorScheme}.png` });
  await context.close();
}

// Clean-up: the preview of a web page's text (chrome struck through, one change
// kept, a cut by hand) and of a hard-wrapped story, wide and on a phone.
for (const [width, height, colorScheme] of [[1280, 860, 'light'], [1280, 860, 'dark'], [390, 844, 'light'], [390, 844, 'dark']]) {
  const { page, context } = await openApp(browser, served.url, { viewport: { width, height }, colorScheme });
  for (const seed of ['004_ef4a60158f06bac0.txt', '000_20bfa71c295678a8.txt']) {
    const text = await readFile(new URL(`../tests/fixtures/seeds/${seed}`, import.meta.url), 'utf8');
    await page.getByRole('textbox', { name: 'Article text' }).fill(text);
    await page.getByRole('button', { name: 'Load text' }).click();
    await page.getByRole('button', { name: 'Review the clean-up' }).waitFor();
    await page.getByRole('button', { name: 'Clean up…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Apply' }).waitFor();
    if (seed.startsWith('004')) {
      await dialog.getByRole('checkbox').nth(1).uncheck();
      await selectText(page, 'By Tony GAMAL-GABRIEL', 0, '.cleanup-text');
      await dialog.getByRole('button', { name: 'Cut selection' }).click();
    }
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/cleanup-${seed.slice(0, 3)}-${width}-${colorScheme}.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await context.close();
}

// Every width the issue names, light and dark: a linked quote selected, its arcs drawn.
for (const width of [360, 768, 1280, 1920]) {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await openApp(browser, served.url, { viewport: { width, height: width < 800 ? 800 : 900 }, colorScheme });
    await tagStory(page, [['Lloyd Austin', 'Source'], ['said', 'Cue'], ['"need to stop"', 'Quote'], ["Iraq's foreign ministry", 'Source']]);
    await page.locator('mark[data-label="quote"]').click();
    await page.getByRole('button', { name: 'Link to a source' }).click();
    await page.locator('mark[data-label="cue"]').click();
    await page.locator('mark[data-label="source"]').first().click();
    await page.locator('mark[data-label="quote"]').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/width-${width}-${colorScheme}.png` });
    await context.close();
  }
}

await browser.close();
served.server.close();
console.log(`screenshots in ${out}/`);
