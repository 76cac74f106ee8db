// Takes screenshots of the main states for a person to look at:
//   node scripts/screenshots.mjs [out-dir]   (after `trunk build --release`)
import { mkdir } from 'node:fs/promises';
import { serveDist, launch, openApp, selectText } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? 'target/screenshots';
await mkdir(out, { recursive: true });
const served = await serveDist();
const browser = await launch();

async function tagSample(page) {
  await page.getByRole('button', { name: 'Try a sample article' }).click();
  await page.getByRole('article', { name: 'Article' }).waitFor();
  const tags = [
    ['claim', 'Washington\nand Baghdad will begin discussions expected to lead to a timeline to reduce the\npresence of troops from the US-led coalition fighting the Islamic State group'],
    ['source', 'Iraq said Thursday'],
    ['quote', 'timeline'],
    ['claim', 'There are roughly 2,500 US troops deployed in Iraq'],
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

{
  const { page, context } = await openApp(browser, served.url, { viewport: { width: 420, height: 900 } });
  await tagSample(page);
  await page.screenshot({ path: `${out}/narrow.png`, fullPage: false });
  await context.close();
}

await browser.close();
served.server.close();
console.log(`screenshots in ${out}/`);
