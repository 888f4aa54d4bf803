/* global addEventListener, console -- runs in a page, as a browser script */
// Runs in every page of every browser lane before the app (Playwright's init script, the WebKit
// launcher's user script). Browsers report a Content-Security-Policy violation to their own console
// only (Firefox's not even to automation's console events): here each becomes a console error, which
// every test fails on.
addEventListener(
  'securitypolicyviolation',
  (event) => {
    // Playwright's screenshot step in Firefox adds `<style>body {}</style>` to sync animations
    // (its screenshotter's inPagePrepareForScreenshots): the test driver's own, not the app's.
    if (event.effectiveDirective === 'style-src-elem' && event.sample === 'body {}') return;
    const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
    const sample = event.sample ? ` ("${event.sample}")` : '';
    console.error(
      `Content-Security-Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'an inline resource'}${sample}${where}`,
    );
  },
  true,
);
