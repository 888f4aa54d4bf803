/** The app's icon as the worker and pages show it outside the app (a notification, the browser's download UI). */
export const APP_ICON = { path: '/icons/icon-192.png', size: 192 } as const;
