import { SONGS } from './downloads-helpers.ts';
import { expect, search, test, waitForServiceWorker } from './fixtures.ts';

test('the sleep timer stops playback after the minutes chosen, and says what is left', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await waitForServiceWorker(page);
  await search(page, 'love');
  await page
    .getByRole('listitem')
    .filter({ hasText: SONGS.harbour[1] })
    .getByRole('button', { name: 'Play preview', exact: true })
    .click();
  const player = page.getByRole('region', { name: 'Player' });
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  // The playing song's store link sits in the player too, as Apple's terms ask.
  await expect(player.getByRole('link', { name: /^Apple Music/ })).toHaveAttribute('href', /music\.apple\.com/);

  await player.getByRole('combobox', { name: 'Sleep timer' }).selectOption('15');
  await expect(player.getByText('Stops in 15 min')).toBeVisible();
  await page.clock.fastForward('05:00');
  await expect(player.getByText('Stops in 10 min')).toBeVisible();
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.clock.fastForward('10:00');
  await expect(player.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // Done, it clears itself: Play plays on as usual.
  await expect(player.getByRole('combobox', { name: 'Sleep timer' })).toHaveValue('');
  await expect(player.getByText(/^Stops/)).toHaveCount(0);
});
