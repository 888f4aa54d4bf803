/** The part of `beforeinstallprompt` we use; TypeScript's DOM library does not declare it. */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** How the app can be installed here, if at all. */
export type InstallOption = 'prompt' | 'ios-instructions' | 'none';

/**
 * Keeps the browser's install prompt (it fires once, possibly before any component exists) and
 * tells whether to show an "Install" button, the iOS "Add to Home Screen" steps, or nothing.
 */
export class InstallBridge extends EventTarget {
  #prompt: InstallPromptEvent | null = null;
  #installed = matchMedia('(display-mode: standalone)').matches;

  constructor() {
    super();
    addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault(); // show our own button instead of the mini-infobar
      this.#prompt = event as InstallPromptEvent;
      this.dispatchEvent(new Event('change'));
    });
    addEventListener('appinstalled', () => {
      this.#prompt = null;
      this.#installed = true;
      this.dispatchEvent(new Event('change'));
    });
  }

  get option(): InstallOption {
    if (this.#installed) return 'none';
    if (this.#prompt) return 'prompt';
    // iOS Safari never fires beforeinstallprompt; it has `navigator.standalone` instead.
    const isIos =
      /iPad|iPhone|iPod/.test(navigator.userAgent) ||
      (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
    return isIos && 'standalone' in navigator ? 'ios-instructions' : 'none';
  }

  /** Shows the browser's install dialog. */
  async install(): Promise<void> {
    const prompt = this.#prompt;
    if (!prompt) return;
    this.#prompt = null;
    await prompt.prompt();
    await prompt.userChoice;
    this.dispatchEvent(new Event('change'));
  }
}

export const installBridge = new InstallBridge();
