// The worker's globals the download core reads, as a browser has them: imported first by its tests.
const workerEvents = new EventTarget();
Object.assign(globalThis, {
  navigator: { onLine: true },
  self: globalThis,
  addEventListener: workerEvents.addEventListener.bind(workerEvents),
  removeEventListener: workerEvents.removeEventListener.bind(workerEvents),
});
